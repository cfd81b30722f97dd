import { createNote, editNote, listNotes, publishDrafts } from '@kompas/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NoteUndo } from './note-undo.ts';

const ans = { id: 'ans', name: 'Ans' };
const texts = (doc: Y.Doc) => listNotes(doc).map((note) => note.text);

describe('NoteUndo', () => {
  let undo: NoteUndo;
  afterEach(() => undo.destroy());

  /** A board and a drafts document, and a step on either, each its own undo step as the board page makes it. */
  function setUp() {
    const board = new Y.Doc();
    const drafts = new Y.Doc();
    undo = new NoteUndo([board, drafts]);
    const step = (action: () => void) => {
      undo.stopCapturing();
      action();
      undo.stopCapturing();
    };
    return { board, drafts, step };
  }

  it('takes back the latest step, whichever document it was in, and redoes in the same order', () => {
    const { board, drafts, step } = setUp();
    step(() => createNote(board, { id: 'a', text: 'On the board', step: 'verkennen.opgave', author: ans }));
    step(() => createNote(drafts, { id: 'b', text: 'A draft', step: 'verkennen.opgave', author: ans }));
    step(() => editNote(board, 'a', 'On the board, edited'));
    step(() => editNote(drafts, 'b', 'A draft, edited'));

    expect(undo.next('undo')?.doc).toBe(drafts);
    expect(undo.undo()).toBe(true);
    expect(texts(drafts)).toEqual(['A draft']);
    expect(undo.undo()).toBe(true);
    expect(texts(board)).toEqual(['On the board']);
    expect(undo.undo()).toBe(true);
    expect(texts(drafts)).toEqual([]);
    expect(undo.undo()).toBe(true);
    expect(texts(board)).toEqual([]);
    expect(undo.canUndo()).toBe(false);
    expect(undo.undo()).toBe(false);

    expect(undo.redo()).toBe(true);
    expect(texts(board)).toEqual(['On the board']);
    expect(undo.redo()).toBe(true);
    expect(texts(drafts)).toEqual(['A draft']);
    expect(undo.redo()).toBe(true);
    expect(texts(board)).toEqual(['On the board, edited']);
    expect(undo.redo()).toBe(true);
    expect(texts(drafts)).toEqual(['A draft, edited']);
    expect(undo.canRedo()).toBe(false);
  });

  it('forgets what could be redone in every document once something new is done', () => {
    const { board, drafts, step } = setUp();
    step(() => createNote(drafts, { id: 'b', text: 'A draft', step: 'verkennen.opgave', author: ans }));
    undo.undo();
    expect(undo.canRedo()).toBe(true);
    step(() => createNote(board, { id: 'a', text: 'On the board', step: 'verkennen.opgave', author: ans }));
    expect(undo.canRedo()).toBe(false);
    expect(undo.redo()).toBe(false);
    expect(texts(drafts)).toEqual([]);
  });

  it('tells when what can be undone changes', () => {
    const { drafts, step } = setUp();
    let changes = 0;
    const stop = undo.onChange(() => {
      changes += 1;
    });
    step(() => createNote(drafts, { id: 'b', text: 'A draft', step: 'verkennen.opgave', author: ans }));
    expect(changes).toBeGreaterThan(0);
    stop();
    const seen = changes;
    undo.undo();
    expect(changes).toBe(seen);
  });

  it('never takes a reveal back: the revealed notes stay on the board', () => {
    const { board, drafts, step } = setUp();
    step(() => createNote(drafts, { id: 'b', text: 'A draft', step: 'verkennen.opgave', author: ans }));
    step(() => publishDrafts(drafts, board));
    expect(texts(board)).toEqual(['A draft']);
    // The only step is writing the draft, which the reveal already removed from the drafts.
    undo.undo();
    expect(texts(board)).toEqual(['A draft']);
    expect(undo.canUndo()).toBe(false);
  });
});
