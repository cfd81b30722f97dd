import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findInvalidControlChange } from './control-change-check.ts';
import { createNote, deleteNote, moveNote } from './note.ts';
import { checkSentChange, expectRefused } from './test-support.ts';
import {
  closeVotingRound,
  currentVotingRound,
  isNoteInScope,
  latestVotingRound,
  listVotes,
  notesInScope,
  openVotingRound,
  pastVotingRounds,
  placeVote,
  readVotingRounds,
  resultsShown,
  roundVotes,
  takeBackVote,
  VOTING_ROUNDS_KEY,
  type VotingRound,
  type VotingRoundInput,
  votesType,
  voteTotals,
} from './voting.ts';

const author = { id: 'author-anna', name: 'Anna' };
const ROUND: VotingRoundInput = { budget: 3, scope: { kind: 'phase', phase: 'richten' }, results: 'hidden' };

/** A board with two notes in Richten (one per step) and one in Verkennen. */
function boardWithNotes(): Y.Doc {
  const doc = new Y.Doc();
  createNote(doc, { id: 'ambition', text: 'Healthy region', step: 'richten.ambitie', author }, { now: 1 });
  createNote(doc, { id: 'interests', text: 'Keep costs down', step: 'richten.belangen', author }, { now: 2 });
  createNote(doc, { id: 'partners', text: 'The library', step: 'verkennen.partners', author }, { now: 3 });
  return doc;
}

function openRound(input: Partial<VotingRoundInput> = {}): VotingRound {
  return openVotingRound(new Y.Doc(), { ...ROUND, ...input }, { now: 100, actor: 'fay' });
}

const vote = (voter: string, note: string) => ({ voter, note });

describe('voting rounds', () => {
  it('opens one round at a time and closes it', () => {
    const control = new Y.Doc();
    expect(currentVotingRound(control)).toBeNull();
    const round = openVotingRound(control, { ...ROUND, id: 'r1' }, { now: 100, actor: 'fay' });
    expect(round).toEqual({ ...ROUND, id: 'r1', openedAt: 100, closedAt: null, actor: 'fay' });
    expect(currentVotingRound(control)).toEqual(round);
    expectRefused(control, 'voting-open', () => openVotingRound(control, ROUND, { now: 101 }));

    const closed = closeVotingRound(control, { now: 200 });
    expect(closed).toEqual({ ...round, closedAt: 200 });
    expect(currentVotingRound(control)).toBeNull();
    expect(latestVotingRound(control)).toEqual(closed);
    expectRefused(control, 'voting-closed', () => closeVotingRound(control, { now: 201 }));

    const second = openVotingRound(control, { ...ROUND, id: 'r2', results: 'live' }, { now: 300 });
    expect(currentVotingRound(control)?.id).toBe('r2');
    closeVotingRound(control, { now: 400 });
    expect(pastVotingRounds(control).map((past) => past.id)).toEqual([second.id, round.id]);
  });

  it('refuses invalid rounds and writes nothing', () => {
    const control = new Y.Doc();
    const refusals: [VotingRoundInput, string][] = [
      [{ ...ROUND, budget: 0 }, 'invalid-vote-budget'],
      [{ ...ROUND, budget: 2.5 }, 'invalid-vote-budget'],
      [{ ...ROUND, budget: 100 }, 'invalid-vote-budget'],
      [{ ...ROUND, maxPerNote: 4 }, 'invalid-vote-budget'],
      [{ ...ROUND, scope: { kind: 'phase', phase: 'nowhere' as 'richten' } }, 'invalid-voting-round'],
      [{ ...ROUND, scope: { kind: 'step', step: 'richten.nope' } }, 'invalid-voting-round'],
      [{ ...ROUND, results: 'public' as 'live' }, 'invalid-voting-round'],
      [{ ...ROUND, id: '' }, 'invalid-voting-round'],
    ];
    for (const [input, code] of refusals) {
      expectRefused(control, code as 'invalid-vote-budget', () => openVotingRound(control, input));
    }
    expectRefused(control, 'invalid-actor', () => openVotingRound(control, ROUND, { actor: '' }));
  });

  it('keeps a round opened on a slow clock the latest one', () => {
    const control = new Y.Doc();
    openVotingRound(control, { ...ROUND, id: 'r1' }, { now: 1000 });
    closeVotingRound(control, { now: 1100 });
    const late = openVotingRound(control, { ...ROUND, id: 'r2' }, { now: 500 });
    expect(late.openedAt).toBe(1001);
    expect(currentVotingRound(control)?.id).toBe('r2');
    expect(closeVotingRound(control, { now: 600 }).closedAt).toBe(1001);
  });

  it('converges to one open round when two facilitators open at the same moment', () => {
    const fay = new Y.Doc();
    const finn = new Y.Doc();
    openVotingRound(fay, { ...ROUND, id: 'by-fay' }, { now: 100 });
    openVotingRound(finn, { ...ROUND, id: 'by-finn', budget: 5 }, { now: 105 });
    Y.applyUpdate(fay, Y.encodeStateAsUpdate(finn));
    Y.applyUpdate(finn, Y.encodeStateAsUpdate(fay));

    for (const doc of [fay, finn]) {
      expect(currentVotingRound(doc)?.id).toBe('by-finn');
      expect(readVotingRounds(doc).map((round) => [round.id, round.closedAt])).toEqual([
        ['by-fay', 105],
        ['by-finn', null],
      ]);
    }

    closeVotingRound(fay, { now: 200 });
    Y.applyUpdate(finn, Y.encodeStateAsUpdate(fay));
    const stored = finn.getMap(VOTING_ROUNDS_KEY);
    expect((stored.get('by-fay') as VotingRound).closedAt).toBe(105);
    expect((stored.get('by-finn') as VotingRound).closedAt).toBe(200);
    expect(currentVotingRound(finn)).toBeNull();
  });

  it('shows results once closed, or all along in a live round', () => {
    const hidden = openRound();
    expect(resultsShown(hidden)).toBe(false);
    expect(resultsShown({ ...hidden, closedAt: 200 })).toBe(true);
    expect(resultsShown(openRound({ results: 'live' }))).toBe(true);
  });

  it('skips invalid stored rounds', () => {
    const control = new Y.Doc();
    control.getMap(VOTING_ROUNDS_KEY).set('bad', { budget: 3, scope: { kind: 'room' }, results: 'hidden' });
    expect(readVotingRounds(control)).toEqual([]);
  });

  it('passes the server check when opened and closed, and refuses an invalid round', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const check = () => checkSentChange(server, client, findInvalidControlChange);
    openVotingRound(client, ROUND, { now: 1, actor: 'fay' });
    expect(check()).toBeNull();
    closeVotingRound(client, { now: 2 });
    expect(check()).toBeNull();
    client.getMap(VOTING_ROUNDS_KEY).set('r9', { ...ROUND, budget: -1, openedAt: 3, closedAt: null });
    expect(check()).toBe('a voting round is invalid');
  });
});

describe('scope', () => {
  it('holds every note, the notes of one phase, or the notes of one step', () => {
    const doc = boardWithNotes();
    const ids = (scope: VotingRound['scope']) => notesInScope(doc, scope).map((note) => note.id);
    expect(ids({ kind: 'board' })).toEqual(['ambition', 'interests', 'partners']);
    expect(ids({ kind: 'phase', phase: 'richten' })).toEqual(['ambition', 'interests']);
    expect(ids({ kind: 'step', step: 'richten.belangen' })).toEqual(['interests']);
    expect(isNoteInScope({ step: 'verkennen.opgave' }, { kind: 'phase', phase: 'verkennen' })).toBe(true);
  });
});

describe('votes', () => {
  it('places votes within the budget, and taking one back frees it', () => {
    const doc = boardWithNotes();
    const round = openRound();
    placeVote(doc, round, vote('pim', 'ambition'), { now: 110 });
    placeVote(doc, round, vote('pim', 'ambition'), { now: 111 });
    placeVote(doc, round, vote('pim', 'interests'), { now: 112 });
    expectRefused(doc, 'vote-limit', () => placeVote(doc, round, vote('pim', 'interests')));
    placeVote(doc, round, vote('ria', 'interests'), { now: 113 });

    const taken = takeBackVote(doc, round, vote('pim', 'ambition'));
    expect(taken.at).toBe(111);
    placeVote(doc, round, vote('pim', 'interests'), { now: 114 });
    expect([...voteTotals(doc, round)]).toEqual([
      ['interests', 3],
      ['ambition', 1],
    ]);
    expect(listVotes(doc, round.id).map((placed) => placed.at)).toEqual([110, 112, 113, 114]);
    expect(listVotes(doc, 'another-round')).toEqual([]);
  });

  it('refuses votes on notes outside the scope, unknown notes and closed rounds', () => {
    const doc = boardWithNotes();
    const round = openRound();
    expectRefused(doc, 'vote-out-of-scope', () => placeVote(doc, round, vote('pim', 'partners')));
    expectRefused(doc, 'unknown-note', () => placeVote(doc, round, vote('pim', 'gone')));
    expectRefused(doc, 'invalid-vote', () => placeVote(doc, round, vote('', 'ambition')));
    placeVote(doc, round, vote('pim', 'ambition'));
    const closed = { ...round, closedAt: 200 };
    expectRefused(doc, 'voting-closed', () => placeVote(doc, closed, vote('pim', 'ambition')));
    expectRefused(doc, 'voting-closed', () => takeBackVote(doc, closed, vote('pim', 'ambition')));
    expectRefused(doc, 'no-vote', () => takeBackVote(doc, round, vote('pim', 'interests')));
    expectRefused(doc, 'no-vote', () => takeBackVote(doc, round, vote('ria', 'ambition')));
  });

  it('respects the limit per note', () => {
    const doc = boardWithNotes();
    const round = openRound({ maxPerNote: 1 });
    placeVote(doc, round, vote('pim', 'ambition'));
    expectRefused(doc, 'vote-limit', () => placeVote(doc, round, vote('pim', 'ambition')));
    placeVote(doc, round, vote('pim', 'interests'));
  });

  it('counts one vote too many, from two browsers at once, for nobody', () => {
    const first = boardWithNotes();
    const second = new Y.Doc();
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    const round = openRound({ budget: 1 });
    placeVote(first, round, { ...vote('pim', 'ambition'), id: 'v-first' }, { now: 110 });
    placeVote(second, round, { ...vote('pim', 'interests'), id: 'v-second' }, { now: 111 });
    Y.applyUpdate(first, Y.encodeStateAsUpdate(second));
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    for (const doc of [first, second]) {
      expect(listVotes(doc, round.id)).toHaveLength(2);
      expect(roundVotes(doc, round).map((placed) => placed.id)).toEqual(['v-first']);
    }
  });

  it('gives back votes on a note that is deleted or moved out of the scope', () => {
    const doc = boardWithNotes();
    const round = openRound({ budget: 2 });
    placeVote(doc, round, vote('pim', 'ambition'));
    placeVote(doc, round, vote('pim', 'interests'));
    expectRefused(doc, 'vote-limit', () => placeVote(doc, round, vote('pim', 'ambition')));
    moveNote(doc, 'interests', 'inrichten.vorm', { r: 0.5, t: 0.5 });
    deleteNote(doc, 'ambition');
    expect(roundVotes(doc, round)).toEqual([]);
    createNote(doc, { id: 'principles', text: 'Open books', step: 'richten.uitgangspunten', author });
    placeVote(doc, round, vote('pim', 'principles'));
    placeVote(doc, round, vote('pim', 'principles'));
    expect([...voteTotals(doc, round)]).toEqual([['principles', 2]]);
  });

  it('skips invalid stored votes', () => {
    const doc = boardWithNotes();
    const round = openRound();
    votesType(doc).set('bad', { round: round.id, voter: 'pim', note: 'ambition', at: -1 });
    votesType(doc).set('worse', 'a vote');
    expect(listVotes(doc, round.id)).toEqual([]);
  });
});
