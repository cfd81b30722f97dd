import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findInvalidControlChange } from './control-change-check.ts';
import { createNote, editNote, getNote, listNotes, notesType } from './note.ts';
import {
  endPrivateRound,
  isPrivateRoundRunning,
  PRIVATE_ROUND_KEY,
  publishDrafts,
  readPrivateRound,
  startPrivateRound,
} from './silent-brainstorm.ts';
import { checkSentChange, expectRefused } from './test-support.ts';

const ADA = { id: 'ada', name: 'Ada' };
const BOB = { id: 'bob', name: 'Bob' };

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('private rounds', () => {
  it('runs from start to reveal, and can start again', () => {
    const control = new Y.Doc();
    expect(readPrivateRound(control)).toBeNull();
    expect(isPrivateRoundRunning(control)).toBe(false);
    const round = startPrivateRound(control, { now: 100, actor: 'fac' });
    expect(isPrivateRoundRunning(control)).toBe(true);
    expectRefused(control, 'private-round-running', () => startPrivateRound(control, { now: 150 }));
    const revealed = endPrivateRound(control, { now: 200 });
    expect(revealed).toEqual({ ...round, revealedAt: 200 });
    expect(isPrivateRoundRunning(control)).toBe(false);
    expectRefused(control, 'no-private-round', () => endPrivateRound(control, { now: 300 }));
    expect(startPrivateRound(control, { now: 400 }).id).not.toBe(round.id);
  });

  it('refuses bad input without writing', () => {
    const control = new Y.Doc();
    expectRefused(control, 'invalid-time', () => startPrivateRound(control, { now: -1 }));
    expectRefused(control, 'invalid-actor', () => startPrivateRound(control, { actor: '' }));
    expectRefused(control, 'no-private-round', () => endPrivateRound(control));
  });

  it('makes two facilitators starting at once agree on one running round', () => {
    const [one, two] = [new Y.Doc(), new Y.Doc()];
    startPrivateRound(one, { now: 1 });
    startPrivateRound(two, { now: 2 });
    sync(one, two);
    sync(two, one);
    expect(readPrivateRound(one)).toEqual(readPrivateRound(two));
    expect(isPrivateRoundRunning(one)).toBe(true);
    endPrivateRound(one, { now: 5 });
    endPrivateRound(two, { now: 6 });
    sync(one, two);
    sync(two, one);
    expect(readPrivateRound(one)).toEqual(readPrivateRound(two));
    expect(isPrivateRoundRunning(two)).toBe(false);
  });

  it('passes the server check when written by the operations, and refuses anything else', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    startPrivateRound(client, { now: 1, actor: 'fac' });
    expect(checkSentChange(server, client, findInvalidControlChange)).toBeNull();
    endPrivateRound(client, { now: 2 });
    expect(checkSentChange(server, client, findInvalidControlChange)).toBeNull();
    for (const [key, value] of [
      ['current', { id: 'r', startedAt: 5, revealedAt: 1 }],
      ['current', 'running'],
      ['other', { id: 'r', startedAt: 5 }],
    ] as const) {
      const bad = new Y.Doc();
      Y.applyUpdate(bad, Y.encodeStateAsUpdate(server));
      bad.getMap(PRIVATE_ROUND_KEY).set(key, value);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
      expect(checkSentChange(copy, bad, findInvalidControlChange), JSON.stringify(value)).toMatch(
        /brainstorm/,
      );
    }
  });
});

describe('publishDrafts', () => {
  it('moves every draft onto the board as it was, in one transaction, and empties the drafts', () => {
    const drafts = new Y.Doc();
    const board = new Y.Doc();
    const a = createNote(drafts, { text: 'Ada’s idea', step: 'richten.belangen', author: ADA }, { now: 10 });
    const b = createNote(
      drafts,
      { text: 'Bob’s idea', step: 'verkennen.partners', pos: { r: 0.2, t: 0.9 }, color: 'blue', author: BOB },
      { now: 20 },
    );
    editNote(drafts, b.id, 'Bob’s better idea', { now: 30 });
    let transactions = 0;
    board.on('afterTransaction', () => transactions++);

    expect(publishDrafts(drafts, board).sort()).toEqual([a.id, b.id].sort());
    expect(transactions).toBe(1);
    expect(getNote(board, a.id)).toMatchObject({ text: 'Ada’s idea', authorId: 'ada', createdAt: 10 });
    expect(getNote(board, b.id)).toMatchObject({
      text: 'Bob’s better idea',
      step: 'verkennen.partners',
      pos: { r: 0.2, t: 0.9 },
      color: 'blue',
      authorName: 'Bob',
    });
    expect(notesType(drafts).size).toBe(0);
  });

  it('keeps what the board already holds, so two revealers or a late author change nothing twice', () => {
    const board = new Y.Doc();
    const authorCopy = new Y.Doc();
    const draft = createNote(authorCopy, { text: 'first', step: 'richten.ambitie', author: ADA }, { now: 1 });
    const facilitatorCopy = new Y.Doc();
    sync(authorCopy, facilitatorCopy);
    publishDrafts(facilitatorCopy, board);
    editNote(board, draft.id, 'edited on the board', { now: 5 });

    // The author's browser learns of the reveal later and publishes its own copy: the board keeps its edit.
    expect(publishDrafts(authorCopy, board)).toEqual([draft.id]);
    expect(listNotes(board).map((note) => note.text)).toEqual(['edited on the board']);
    expect(notesType(authorCopy).size).toBe(0);
  });

  it('writes nothing when there are no drafts', () => {
    const board = new Y.Doc();
    let updates = 0;
    board.on('update', () => updates++);
    expect(publishDrafts(new Y.Doc(), board)).toEqual([]);
    expect(updates).toBe(0);
  });
});
