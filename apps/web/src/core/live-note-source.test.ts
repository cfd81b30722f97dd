import { createNote, deleteNote, editNote, moveNote, publishDrafts } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LiveNoteSource, liveNoteSource } from './live-note-source.ts';
import type { NoteChanges } from './note-source.ts';

const anna = { id: 'anna', name: 'Anna' };

function add(doc: Y.Doc, id: string, now: number): void {
  createNote(doc, { id, text: id, step: 'richten.ambitie', author: anna }, { now });
}

/** A source over a board and drafts, and the change sets it told a listener of. */
function listened(board = new Y.Doc(), drafts = new Y.Doc()) {
  const source = new LiveNoteSource(board, drafts);
  const heard: NoteChanges[] = [];
  const stop = source.subscribe((changes) => heard.push(changes));
  return { board, drafts, source, heard, stop };
}

describe('LiveNoteSource', () => {
  it('shows the board’s notes and the drafts, in stacking order, a note on the board not as a draft', () => {
    const board = new Y.Doc();
    const drafts = new Y.Doc();
    add(board, 'b', 20);
    add(drafts, 'a', 10);
    add(drafts, 'c', 30);
    add(board, 'c', 30);
    const source = new LiveNoteSource(board, drafts);
    expect(source.notes().map(({ note, draft }) => [note.id, draft])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
    expect(source.get('a')?.draft).toBe(true);
    expect(source.get('missing')).toBeUndefined();
  });

  it('tells which notes were added, edited, moved and deleted, one change set per change', () => {
    const { board, source, heard } = listened();
    add(board, 'n1', 1);
    add(board, 'n2', 2);
    editNote(board, 'n1', 'changed');
    moveNote(board, 'n2', 'verkennen.partners', { r: 0.5, t: 0.5 });
    deleteNote(board, 'n1');
    expect(heard).toEqual([
      { added: ['n1'], updated: [], removed: [] },
      { added: ['n2'], updated: [], removed: [] },
      { added: [], updated: ['n1'], removed: [] },
      { added: [], updated: ['n2'], removed: [] },
      { added: [], updated: [], removed: ['n1'] },
    ]);
    expect(source.notes().map(({ note }) => [note.id, note.step])).toEqual([['n2', 'verkennen.partners']]);
  });

  it('follows the drafts, and shows revealed drafts as board notes', () => {
    const { board, drafts, source, heard } = listened();
    add(drafts, 'd1', 1);
    expect(source.get('d1')?.draft).toBe(true);
    publishDrafts(drafts, board);
    expect(heard).toEqual([
      { added: ['d1'], updated: [], removed: [] },
      { added: [], updated: ['d1'], removed: [] },
      { added: [], updated: ['d1'], removed: [] },
    ]);
    expect(source.notes().map(({ note, draft }) => [note.id, draft])).toEqual([['d1', false]]);
  });

  it('stops following the documents when the last listener leaves', () => {
    const { board, source, heard, stop } = listened();
    stop();
    add(board, 'n1', 1);
    expect(heard).toEqual([]);
    expect(source.notes().map(({ note }) => note.id)).toEqual(['n1']);
    const again: NoteChanges[] = [];
    source.subscribe((changes) => again.push(changes));
    deleteNote(board, 'n1');
    expect(again).toEqual([{ added: [], updated: [], removed: ['n1'] }]);
  });
});

describe('liveNoteSource', () => {
  it('gives the same source for the same documents, and a new one when the drafts change', () => {
    const board = new Y.Doc();
    const drafts = new Y.Doc();
    const source = liveNoteSource(board, drafts);
    expect(liveNoteSource(board, drafts)).toBe(source);
    expect(liveNoteSource(board)).not.toBe(source);
  });
});
