import {
  carryId,
  carryNote,
  createNote,
  deleteNote,
  editNote,
  moveNote,
  nextPhase,
  previousPhase,
  publishDrafts,
  setEarlierNotes,
  startFacilitation,
  startNextRound,
  startTimer,
} from '@kompas/model';
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

/** A board at Aan de slag of round 1 (a minute a phase from t = 0) with notes a and b of round 1. */
function endOfRound1() {
  const board = new Y.Doc();
  const control = new Y.Doc();
  startFacilitation(control, { now: 0 });
  for (const id of ['a', 'b']) {
    createNote(board, { id, text: id, step: 'richten.belangen', author: anna, round: 1 }, { now: 10 });
  }
  for (let minute = 1; minute <= 3; minute++) nextPhase(control, { now: minute * 60_000 });
  const source = new LiveNoteSource(board, new Y.Doc(), control);
  const heard: NoteChanges[] = [];
  source.subscribe((changes) => heard.push(changes));
  return { board, control, source, heard };
}

/** Each shown note's id with its marks of the rounds. */
const marked = (source: LiveNoteSource) =>
  source.notes().map(({ note, earlierRound, carriedFromRound, carriedInto }) => ({
    id: note.id,
    ...(earlierRound === undefined ? {} : { earlierRound }),
    ...(carriedFromRound === undefined ? {} : { carriedFromRound }),
    ...(carriedInto === undefined ? {} : { carriedInto }),
  }));

describe('LiveNoteSource over the rounds', () => {
  it('dims the notes of round 1 when round 2 starts with them kept, and shows a note carried along as such', () => {
    const { board, control, source, heard } = endOfRound1();
    expect(marked(source)).toEqual([{ id: 'a' }, { id: 'b' }]);
    startNextRound(control, { earlier: 'dimmed', now: 300_000 });
    expect(heard).toEqual([{ added: [], updated: ['a', 'b'], removed: [] }]);
    expect(marked(source)).toEqual([
      { id: 'a', earlierRound: 1 },
      { id: 'b', earlierRound: 1 },
    ]);
    carryNote(board, control, 'a', { now: 310_000 });
    expect(heard.at(-1)).toEqual({ added: [carryId('a', 2)], updated: ['a'], removed: [] });
    expect(marked(source)).toEqual([
      { id: 'a', earlierRound: 1, carriedInto: 2 },
      { id: 'b', earlierRound: 1 },
      { id: carryId('a', 2), carriedFromRound: 1 },
    ]);
  });

  it('takes archived notes off the board, and brings them back dimmed when the facilitator changes the choice', () => {
    const { control, source, heard } = endOfRound1();
    startNextRound(control, { earlier: 'archived', now: 300_000 });
    expect(heard).toEqual([{ added: [], updated: [], removed: ['a', 'b'] }]);
    expect(source.notes()).toEqual([]);
    expect(source.get('a')).toBeUndefined();
    setEarlierNotes(control, 2, 'dimmed', { now: 400_000 });
    expect(marked(source)).toEqual([
      { id: 'a', earlierRound: 1 },
      { id: 'b', earlierRound: 1 },
    ]);
    setEarlierNotes(control, 2, 'archived', { now: 500_000 });
    expect(source.notes()).toEqual([]);
  });

  it('shows every note as current again when the group goes back a round', () => {
    const { control, source } = endOfRound1();
    startNextRound(control, { earlier: 'archived', now: 300_000 });
    previousPhase(control, { now: 400_000 });
    expect(marked(source)).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('re-reads no note when the group moves on within a round, and ignores the timer', () => {
    const { control, heard } = endOfRound1();
    startNextRound(control, { earlier: 'dimmed', now: 300_000 });
    heard.length = 0;
    nextPhase(control, { now: 360_000 });
    startTimer(control, { now: 370_000 });
    expect(heard).toEqual([]);
  });

  it('leaves drafts as they are, and places notes by the rounds when nobody listens', () => {
    const board = new Y.Doc();
    const drafts = new Y.Doc();
    const control = new Y.Doc();
    startFacilitation(control, { now: 0 });
    createNote(
      board,
      { id: 'old', text: 'old', step: 'richten.belangen', author: anna, round: 1 },
      { now: 1 },
    );
    for (let minute = 1; minute <= 3; minute++) nextPhase(control, { now: minute * 60_000 });
    startNextRound(control, { earlier: 'archived', now: 300_000 });
    add(drafts, 'draft', 310_000);
    const source = new LiveNoteSource(board, drafts, control);
    expect(marked(source)).toEqual([{ id: 'draft' }]);
    expect(source.get('old')).toBeUndefined();
    expect(source.get('draft')?.draft).toBe(true);
  });
});
