import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getBoardMeta, initBoard } from './board.ts';
import {
  applyFrame,
  type BoardFrame,
  boardDocFromState,
  emptyBoardState,
  stateRoundVotes,
} from './board-frames.ts';
import { createNote, listNotes, type Note } from './note.ts';
import { openVotingRound, placeVote, roundVotes, votesType } from './voting.ts';

const author = { id: 'author-anna', name: 'Anna' };

/** A board in a document: two notes in Richten, one in Verkennen, and votes of a round on Richten. */
function votedBoard() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Retro', task: 'What next?', createdAt: 1 });
  createNote(doc, { id: 'n1', text: 'one', step: 'richten.ambitie', author }, { now: 10 });
  createNote(doc, { id: 'n2', text: 'two', step: 'richten.belangen', author }, { now: 20 });
  createNote(doc, { id: 'n3', text: 'three', step: 'verkennen.partners', author }, { now: 30 });
  const round = openVotingRound(
    new Y.Doc(),
    { id: 'r1', budget: 2, scope: { kind: 'phase', phase: 'richten' }, results: 'live' },
    { now: 40 },
  );
  placeVote(doc, round, { id: 'v1', note: 'n1', voter: 'bram' }, { now: 41 });
  placeVote(doc, round, { id: 'v2', note: 'n2', voter: 'bram' }, { now: 42 });
  placeVote(doc, round, { id: 'v3', note: 'n1', voter: 'cleo' }, { now: 43 });
  return { doc, round };
}

/** The same board in plain values, as the server's frames give it. */
function plainState(doc: Y.Doc) {
  const state = emptyBoardState();
  const notes: Record<string, Note> = {};
  for (const note of listNotes(doc)) notes[note.id] = note;
  applyFrame(state, {
    seq: 1,
    at: 1,
    actor: 'x',
    notes,
    votes: votesType(doc).toJSON(),
    meta: getBoardMeta(doc),
  });
  return state;
}

describe('a board in plain values', () => {
  it('makes a document that reads as the board did', () => {
    const { doc, round } = votedBoard();
    const copy = boardDocFromState(plainState(doc));
    expect(listNotes(copy)).toEqual(listNotes(doc));
    expect(roundVotes(copy, round)).toEqual(roundVotes(doc, round));
    expect(getBoardMeta(copy)).toEqual(getBoardMeta(doc));
  });

  it('counts a round’s votes as the document does, and gives a deleted note’s votes back', () => {
    const { doc, round } = votedBoard();
    const state = plainState(doc);
    expect(stateRoundVotes(state, round)).toEqual(roundVotes(doc, round));
    const deleteNote: BoardFrame = { seq: 2, at: 50, actor: 'x', notes: { n1: null }, votes: {} };
    applyFrame(state, deleteNote);
    expect(stateRoundVotes(state, round).map((vote) => vote.id)).toEqual(['v2']);
  });
});
