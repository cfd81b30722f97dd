import {
  closeVotingRound,
  currentVotingRound,
  latestVotingRound,
  listVotes,
  type Note,
  openVotingRound,
  placeVote,
  type VotingRound,
  type VotingRoundInput,
} from '@kompas/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { Arena, refused, STEP } from './adversary-arena.ts';
import type { HostileClient } from './hostile-client.ts';
import type { Client } from './test-support.ts';
import { waitFor } from './test-support.ts';

/**
 * A hostile participant writes votes with Yjs directly. The round is opened by the facilitator through the
 * model, in the control room; the server checks each vote against it. Refused votes close the writer with 4422
 * and reach neither the honest observer nor storage.
 */

/** A vote's id no model operation would pick, to look for in the bytes. */
const FORGED = 'HOSTILE-VOTE';

let arena: Arena;
let control: Client;
let controlWatcher: Client;
/** Three notes in the round's step, one outside it. */
let inScope: Note[];
let outOfScope: Note;

beforeEach(async () => {
  arena = await Arena.open();
  const { board } = arena;
  control = await arena.honest(`${board.id}.control`, board.tokens.facilitator);
  controlWatcher = await arena.honest(`${board.id}.control`, board.tokens.observer);
  inScope = [
    await arena.honestNote('facilitator', STEP, 'een'),
    await arena.honestNote('facilitator', STEP, 'twee'),
    await arena.honestNote('facilitator', STEP, 'drie'),
  ];
  outOfScope = await arena.honestNote('facilitator', 'richten.ambitie', 'elders');
});
afterEach(() => arena.close());

/** Opens a round in STEP through the model, and resolves once the server has it. */
async function openRound(input: Partial<VotingRoundInput> = {}): Promise<VotingRound> {
  const round = openVotingRound(control.doc, {
    budget: 2,
    scope: { kind: 'step', step: STEP },
    results: 'live',
    ...input,
  });
  await waitFor(() => currentVotingRound(controlWatcher.doc)?.id === round.id, 'the round to be stored');
  return round;
}

function vote(round: VotingRound, note: Note, voter = arena.board.people.participant.id) {
  return { round: round.id, voter, note: note.id, at: Date.now() };
}

/** Ans casts votes, each in its own write, and the server takes them (the connection stays open). */
async function castVotes(ans: HostileClient, votes: [string, ReturnType<typeof vote>][]): Promise<void> {
  for (const [id, value] of votes) {
    ans.write((doc) => doc.getMap('votes').set(id, value));
    await ans.roundTrip();
  }
}

/** The votes the watcher and storage hold: the taken ones, never the forged one. */
async function expectVotes(round: VotingRound, ids: string[]): Promise<void> {
  await waitFor(() => listVotes(arena.watcher.doc, round.id).length === ids.length, 'the votes taken');
  await arena.expectNotRelayed(FORGED);
  const stored = (doc: Y.Doc) =>
    listVotes(doc, round.id)
      .map((placed) => placed.id)
      .sort();
  expect(stored(arena.watcher.doc)).toEqual([...ids].sort());
  expect(stored((await arena.expectNotStored(FORGED)).content)).toEqual([...ids].sort());
}

describe('a hostile participant voting', () => {
  it('cannot cast a vote under an invented voter id, or under another person’s', async () => {
    const round = await openRound();
    const [note] = inScope as [Note];
    for (const voter of ['verzonnen-stemmer', arena.board.people.facilitator.id]) {
      const ans = await arena.hostile(arena.board.tokens.participant);
      ans.write((doc) => doc.getMap('votes').set(FORGED, vote(round, note, voter)));
      expect(await ans.closeOf()).toEqual(refused('a vote must be cast under the voter’s own id'));
    }
    await expectVotes(round, []);
  });

  it('cannot vote beyond the budget, in one write or one by one', async () => {
    const round = await openRound({ budget: 2 });
    const [one, two, three] = inScope as [Note, Note, Note];
    const batch = await arena.hostile(arena.board.tokens.participant);
    batch.write((doc) => {
      doc.getMap('votes').set('b1', vote(round, one));
      doc.getMap('votes').set('b2', vote(round, two));
      doc.getMap('votes').set(FORGED, vote(round, three));
    });
    expect(await batch.closeOf()).toEqual(refused('no votes left'));

    const ans = await arena.hostile(arena.board.tokens.participant);
    await castVotes(ans, [
      ['v1', vote(round, one)],
      ['v2', vote(round, two)],
    ]);
    ans.write((doc) => doc.getMap('votes').set(FORGED, vote(round, three)));
    expect(await ans.closeOf()).toEqual(refused('no votes left'));
    await expectVotes(round, ['v1', 'v2']);
  });

  it('cannot put more votes on one note than the round allows per note', async () => {
    const round = await openRound({ budget: 3, maxPerNote: 1 });
    const [one] = inScope as [Note];
    const ans = await arena.hostile(arena.board.tokens.participant);
    await castVotes(ans, [['v1', vote(round, one)]]);
    ans.write((doc) => doc.getMap('votes').set(FORGED, vote(round, one)));
    expect(await ans.closeOf()).toEqual(refused('no votes left for this note'));
    await expectVotes(round, ['v1']);
  });

  it('cannot vote once the round has closed, nor in a round that was never opened', async () => {
    const round = await openRound();
    closeVotingRound(control.doc);
    await waitFor(() => latestVotingRound(controlWatcher.doc)?.closedAt !== null, 'the round to close');
    const [one] = inScope as [Note];
    for (const value of [vote(round, one), { ...vote(round, one), round: 'nooit-geopend' }]) {
      const ans = await arena.hostile(arena.board.tokens.participant);
      ans.write((doc) => doc.getMap('votes').set(FORGED, value));
      expect(await ans.closeOf()).toEqual(refused('no voting round is open for this vote'));
    }
    await expectVotes(round, []);
  });

  it('cannot vote on a note outside the round’s scope, or on no note', async () => {
    const round = await openRound();
    for (const value of [vote(round, outOfScope), { ...vote(round, outOfScope), note: 'geen-notitie' }]) {
      const ans = await arena.hostile(arena.board.tokens.participant);
      ans.write((doc) => doc.getMap('votes').set(FORGED, value));
      expect(await ans.closeOf()).toEqual(refused('this note is not part of the voting round'));
    }
    await expectVotes(round, []);
  });

  it('cannot take back someone else’s vote, only its own', async () => {
    const round = await openRound();
    const [one, two] = inScope as [Note, Note];
    const fennas = placeVote(arena.fenna.doc, round, {
      note: one.id,
      voter: arena.board.people.facilitator.id,
    });
    const ans = await arena.hostile(arena.board.tokens.participant);
    await castVotes(ans, [['own', vote(round, two)]]);
    await waitFor(() => listVotes(arena.watcher.doc, round.id).length === 2, 'both votes');

    ans.write((doc) => doc.getMap('votes').delete('own'));
    await ans.roundTrip();
    const thief = await arena.hostile(arena.board.tokens.participant);
    thief.write((doc) => doc.getMap('votes').delete(fennas.id));
    expect(await thief.closeOf()).toEqual(refused('only the voter may take a vote back'));
    await expectVotes(round, [fennas.id]);
  });
});
