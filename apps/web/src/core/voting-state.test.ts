import { type Note, type PlacedVote, roundsOf, type VotingRound } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { notesToVoteOn, sortedByVotes, voteBadgeText, votesText, votingState } from './voting-state.ts';

const ROUND: VotingRound = {
  id: 'r1',
  budget: 3,
  scope: { kind: 'phase', phase: 'richten' },
  results: 'hidden',
  openedAt: 100,
  closedAt: null,
};

function note(id: string): Note {
  return {
    id,
    text: id,
    step: 'richten.ambitie',
    phase: 'richten',
    pos: { r: 0.5, t: 0.5 },
    color: 'yellow',
    authorId: 'a',
    authorName: 'A',
    createdAt: 1,
    updatedAt: 1,
  };
}

let next = 0;
function vote(voterId: string, noteId: string): PlacedVote {
  next++;
  return { id: `v${next}`, roundId: 'r1', voterId, noteId, at: next };
}

const NOTES = [note('a'), note('b'), note('c')];
const VOTES = [vote('pim', 'b'), vote('pim', 'b'), vote('ria', 'c'), vote('pim', 'c')];

describe('votingState', () => {
  it('hides totals in an open hidden round, shows own votes and what is left', () => {
    const state = votingState(ROUND, VOTES, NOTES, 'pim', true);
    expect(state.left).toBe(0);
    expect(state.cast).toBe(4);
    expect(
      state.notes.map(({ mine, total, canAdd, canTakeBack }) => [mine, total, canAdd, canTakeBack]),
    ).toEqual([
      [0, null, false, false],
      [2, null, false, true],
      [1, null, false, true],
    ]);
    expect(votingState(ROUND, VOTES, NOTES, 'ria', true).notes.map((n) => n.canAdd)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('shows totals in a live round and after closing, when nobody votes any more', () => {
    const live = votingState({ ...ROUND, results: 'live' }, VOTES, NOTES, 'ria', true);
    expect(live.notes.map((n) => n.total)).toEqual([0, 2, 2]);
    const closed = votingState({ ...ROUND, closedAt: 200 }, VOTES, NOTES, 'pim', true);
    expect(closed.votes).toBe(false);
    expect(closed.notes.map((n) => [n.total, n.canAdd, n.canTakeBack])).toEqual([
      [0, false, false],
      [2, false, false],
      [2, false, false],
    ]);
  });

  it('lets observers see but not vote', () => {
    const state = votingState({ ...ROUND, results: 'live' }, VOTES, NOTES, 'otto', false);
    expect(state.votes).toBe(false);
    expect(state.notes.some((n) => n.canAdd || n.canTakeBack)).toBe(false);
  });

  it('sorts by votes, most first, keeping board order for ties', () => {
    const closed = votingState({ ...ROUND, closedAt: 200 }, [...VOTES, vote('ria', 'a')], NOTES, 'pim', true);
    expect(sortedByVotes(closed.notes).map((n) => n.note.id)).toEqual(['b', 'c', 'a']);
    expect(votesText(1)).toBe('1 vote');
    expect(votesText(0)).toBe('0 votes');
  });

  it('labels the badge on the canvas with own dots, and totals when shown', () => {
    const hidden = votingState(ROUND, VOTES, NOTES, 'pim', true).notes.map((n) => voteBadgeText(n, true));
    expect(hidden).toEqual([null, '●●', '●']);
    const fresh = votingState(ROUND, VOTES, NOTES, 'ria', true).notes.map((n) => voteBadgeText(n, true));
    expect(fresh).toEqual(['Vote', 'Vote', '●']);
    const live = votingState({ ...ROUND, results: 'live' }, VOTES, NOTES, 'pim', true);
    expect(live.notes.map((n) => voteBadgeText(n, true))).toEqual(['0', '●● · 2', '● · 2']);
    const closed = votingState({ ...ROUND, closedAt: 200 }, VOTES, NOTES, 'pim', true);
    expect(closed.notes.map((n) => voteBadgeText(n, false))).toEqual(['0 votes', '2 votes', '2 votes']);
  });
});

describe('notesToVoteOn', () => {
  /** Round 2 from t = 1000; the notes of round 1 archived from round 3 (t = 2000) on. */
  const history = [
    { phase: 'verkennen' as const, round: 1, at: 0 },
    { phase: 'verkennen' as const, round: 2, at: 1000 },
  ];
  const notes = [
    { ...note('old'), round: 1 },
    { ...note('carried'), round: 2, carriedFrom: 'old' },
    { ...note('elsewhere'), step: 'verkennen.opgave' as const, phase: 'verkennen' as const, round: 2 },
  ];

  it('counts the notes of the round of the circle the vote was opened in, in its scope', () => {
    const rounds = roundsOf(history, [{ round: 2, earlier: 'dimmed', at: 1000 }]);
    const ids = (round: VotingRound) => notesToVoteOn(notes, round, rounds).map((n) => n.id);
    expect(ids({ ...ROUND, openedAt: 1500 })).toEqual(['carried']);
    expect(ids({ ...ROUND, openedAt: 500 })).toEqual(['old']);
  });

  it('leaves archived notes out, even of a vote of their round', () => {
    const rounds = roundsOf(history, [{ round: 2, earlier: 'archived', at: 1000 }]);
    expect(notesToVoteOn(notes, { ...ROUND, openedAt: 500 }, rounds)).toEqual([]);
  });
});
