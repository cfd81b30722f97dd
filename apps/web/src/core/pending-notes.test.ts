import type { StateVector } from '@kompas/client';
import { createNote } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type DeliveringRoom, NO_PENDING_NOTES, pendingNotes } from './pending-notes.ts';

const author = { id: 'u1', name: 'Ann' };

/** A room whose server is known to hold `held`; `confirm` makes it hold everything the document has. */
function room(): DeliveringRoom & { confirm(): void } {
  const doc = new Y.Doc();
  const listeners = new Set<() => void>();
  let held: StateVector = new Map();
  return {
    doc,
    get delivered() {
      return new Map(held);
    },
    on: (_event: string, listener: () => void) => listeners.add(listener),
    off: (_event: string, listener: () => void) => listeners.delete(listener),
    confirm() {
      held = Y.decodeStateVector(Y.encodeStateVector(doc));
      for (const listener of listeners) listener();
    },
  } as unknown as DeliveringRoom & { confirm(): void };
}

describe('pendingNotes', () => {
  it("names the board's and the drafts' notes the server has not stored, until it has", () => {
    const board = room();
    const drafts = room();
    const rooms = { connection: board, draftsConnection: drafts };
    let value = NO_PENDING_NOTES;
    let reads = 0;
    const stop = pendingNotes.watch(rooms, () => {
      reads += 1;
      value = pendingNotes.read(rooms, value);
    });
    createNote(board.doc, { id: 'on-board', text: 'Wijkteams', step: 'verkennen.partners', author });
    createNote(drafts.doc, { id: 'draft', text: 'Privé', step: 'verkennen.partners', author });
    expect(value).toEqual(new Set(['on-board', 'draft']));
    board.confirm();
    expect(value).toEqual(new Set(['draft']));
    drafts.confirm();
    expect(value).toBe(NO_PENDING_NOTES);
    stop();
    const before = reads;
    createNote(board.doc, { text: 'Na het stoppen', step: 'verkennen.partners', author });
    expect(reads).toBe(before);
  });

  it('reads an observer, who has no drafts', () => {
    const board = room();
    createNote(board.doc, { id: 'seen', text: 'Gezien', step: 'verkennen.partners', author });
    board.confirm();
    expect(pendingNotes.read({ connection: board, draftsConnection: null }, NO_PENDING_NOTES).size).toBe(0);
    expect(pendingNotes.same?.(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(true);
  });
});
