import {
  createNote,
  listNotes,
  nextPhase,
  readRoundStarts,
  readRounds,
  startFacilitation,
  startNextRound,
} from '@kompas/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Arena, MARK, refused } from './adversary-arena.ts';
import type { RecordedClient } from './hostile-client.ts';
import { type Client, waitFor } from './test-support.ts';

/**
 * Rounds of the circle against a real server: a note is written in a round the circle has reached, carried from
 * a note of an earlier round that is on the board, and its round and origin never change; the round starts in
 * the control room are the facilitators', in the shape the model writes. What is refused closes the writer
 * with 4422 and reaches neither the honest observer nor storage.
 */

let arena: Arena;
let controlRoom: string;
let fennaControl: Client;
let controlWatcher: RecordedClient;

beforeEach(async () => {
  arena = await Arena.open();
  ({ room: controlRoom, facilitator: fennaControl, watcher: controlWatcher } = await arena.controlRoom());
  // Round 1 all the way round, with one note of Ans's, then round 2 with round 1's notes dimmed.
  const actor = arena.board.people.facilitator.id;
  startFacilitation(fennaControl.doc, { actor });
  for (let phase = 1; phase < 4; phase++) nextPhase(fennaControl.doc, { actor });
  await arena.honestNote('participant', 'richten.belangen', 'ronde een');
  startNextRound(fennaControl.doc, { actor, earlier: 'dimmed' });
  await waitFor(() => readRounds(controlWatcher.doc).current === 2, 'round 2 to reach the observer');
});
afterEach(() => arena.close());

function roundOneNote() {
  const note = listNotes(arena.watcher.doc).find((candidate) => candidate.text === 'ronde een');
  if (!note) throw new Error('no note of round 1');
  return note;
}

describe('rounds on a real server', () => {
  it('refuses a note in a round the circle has not reached', async () => {
    const ans = await arena.hostile(arena.board.tokens.participant);
    ans.write((doc) => doc.getMap('notes').set('future', arena.noteMap({ round: 3 })));
    expect(await ans.closeOf()).toEqual(refused('before the circle reaches it'));
    await arena.expectNotRelayed();
    const { content } = await arena.expectNotStored();
    expect(content.getMap('notes').has('future')).toBe(false);
  });

  it('refuses a note carried from nowhere, or from a note of this round', async () => {
    const own = await arena.honestNote('participant', 'richten.ambitie', 'ronde twee');
    for (const carriedFrom of ['nowhere', own.id]) {
      const ans = await arena.hostile(arena.board.tokens.participant);
      ans.write((doc) =>
        doc.getMap('notes').set(`carried-${carriedFrom}`, arena.noteMap({ round: 2, carriedFrom })),
      );
      expect(await ans.closeOf()).toEqual(refused('carried over from'));
    }
    await arena.expectNotRelayed();
    await arena.expectNotStored();
  });

  it('refuses changing the round or the origin of a note', async () => {
    const note = roundOneNote();
    for (const [field, value] of [
      ['round', 2],
      ['carriedFrom', 'elsewhere'],
    ] as const) {
      const ans = await arena.hostile(arena.board.tokens.participant);
      ans.write((doc) => {
        const stored = doc.getMap('notes').get(note.id);
        if (!(stored instanceof Object) || !('set' in stored)) throw new Error('the note is not a map');
        (stored as { set(key: string, value: unknown): void }).set(field, value);
        (stored as { set(key: string, value: unknown): void }).set('text', MARK);
      });
      expect(await ans.closeOf()).toEqual(refused('never change'));
    }
    await arena.expectNotRelayed();
    const { content } = await arena.expectNotStored();
    const stored = listNotes(content).find((candidate) => candidate.id === note.id);
    expect(stored).toMatchObject({ text: 'ronde een' });
    expect(stored?.round).toBeUndefined();
  });

  it('takes a participant carrying their own note, and stores it linked to its origin', async () => {
    const ans = await arena.honest(arena.board.id, arena.board.tokens.participant);
    const origin = roundOneNote();
    createNote(ans.doc, {
      id: `${origin.id}@2`,
      text: origin.text,
      step: origin.step,
      author: arena.board.people.participant,
      round: 2,
      carriedFrom: origin.id,
    });
    await waitFor(
      () => listNotes(arena.watcher.doc).some((note) => note.carriedFrom === origin.id),
      'the carried note to reach the observer',
    );
    const { content } = await arena.expectNotStored();
    expect(listNotes(content).find((note) => note.carriedFrom === origin.id)?.round).toBe(2);
  });

  it('refuses a facilitator’s round start the model would not write, and drops a participant’s', async () => {
    const rogue = await arena.hostile(arena.board.tokens.facilitator, controlRoom);
    rogue.write((doc) => doc.getMap('roundStarts').set('1', { earlier: MARK, at: 1 }));
    expect(await rogue.closeOf()).toEqual(refused('round start'));
    const ans = await arena.hostile(arena.board.tokens.participant, controlRoom);
    const dropped = arena.server.stats().droppedWrites;
    ans.write((doc) => doc.getMap('roundStarts').set('2', { earlier: 'archived', at: 1 }));
    await ans.roundTrip();
    expect(arena.server.stats().droppedWrites).toBe(dropped + 1);
    expect(controlWatcher.received().includes(MARK)).toBe(false);
    const { control } = await arena.expectNotStored();
    expect(readRoundStarts(control).map((start) => start.earlier)).toEqual(['dimmed']);
  });
});
