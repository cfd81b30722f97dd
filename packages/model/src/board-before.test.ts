import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardBefore } from './board-before.ts';
import { createNote, deleteNote, editNote, getNote, notesType } from './note.ts';
import { migrateBoard, schemaType } from './schema.ts';
import { openVotingRound, placeVote, readStoredVote, takeBackVote } from './voting.ts';

const author = { id: 'anna', name: 'Anna' };
const IDS = ['ambition', 'interests', 'partners', 'fresh', 'never'];

/** A board's notes, votes, count and migrations as `read` tells them. */
function readings(read: {
  getNote: (id: string) => unknown;
  getVote: (id: string) => unknown;
  notesCount: number;
  migrations: string[];
}) {
  return {
    notes: IDS.map(read.getNote),
    votes: ['v1', 'v2'].map(read.getVote),
    notesCount: read.notesCount,
    migrations: [...read.migrations].sort(),
  };
}

describe('the board before a change', () => {
  it('reads, while the change is open, the notes, votes, count and migrations as they were', () => {
    const board = new Y.Doc();
    migrateBoard(board);
    createNote(
      board,
      { id: 'ambition', text: 'Healthy region', step: 'richten.ambitie', author },
      { now: 1 },
    );
    createNote(
      board,
      { id: 'interests', text: 'Keep costs down', step: 'richten.belangen', author },
      { now: 2 },
    );
    createNote(
      board,
      { id: 'partners', text: 'The library', step: 'verkennen.partners', author },
      { now: 3 },
    );
    const round = openVotingRound(new Y.Doc(), {
      id: 'r1',
      scope: { kind: 'phase', phase: 'richten' },
      budget: 3,
      results: 'hidden',
    });
    placeVote(board, round, { id: 'v1', note: 'ambition', voter: 'anna' });

    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(board));
    client.transact(() => {
      deleteNote(client, 'ambition');
      editNote(client, 'interests', 'Keep costs low', { now: 4 });
      createNote(client, { id: 'fresh', text: 'New', step: 'richten.ambitie', author }, { now: 5 });
      // Replaced whole: the old note's fields are gone from the document once the change is in.
      const replacement = new Y.Map<unknown>();
      notesType(client).set('partners', replacement);
      replacement.set('text', 'Someone else');
      takeBackVote(client, round, { note: 'ambition', voter: 'anna' });
      placeVote(client, round, { id: 'v2', note: 'interests', voter: 'anna' });
      for (const id of [...schemaType(client).keys()]) schemaType(client).delete(id);
    });

    const expected = readings({
      getNote: (id) => getNote(board, id),
      getVote: (id) => readStoredVote(board, id),
      notesCount: notesType(board).size,
      migrations: [...schemaType(board).keys()],
    });
    expect(expected.notes.filter(Boolean)).toHaveLength(3);
    expect(expected.migrations.length).toBeGreaterThan(0);
    let seen: unknown = null;
    board.on('afterTransaction', (transaction: Y.Transaction) => {
      const before = new BoardBefore(board, transaction);
      seen = readings({
        getNote: (id) => before.getNote(id),
        getVote: (id) => before.getVote(id),
        notesCount: before.notesCount(IDS),
        migrations: before.recordedMigrations(),
      });
    });
    Y.applyUpdate(board, Y.encodeStateAsUpdate(client, Y.encodeStateVector(board)));
    expect(seen).toEqual(expected);
    // The change did land: what was read is the board before it, not after.
    expect(getNote(board, 'ambition')).toBeUndefined();
    expect(readStoredVote(board, 'v1')).toBeUndefined();
  });
});
