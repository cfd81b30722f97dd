import { FIRST_MEETING_ID, planHistory, planOf, setPlan } from '@kompas/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Arena, MARK, refused } from './adversary-arena.ts';
import type { HostileClient, RecordedClient } from './hostile-client.ts';
import { type Client, waitFor } from './test-support.ts';

/**
 * A meeting's plan lives in the control room, which only facilitators write. A participant's write to it is
 * dropped; a facilitator's plan the model would never have saved (a step of 500 minutes) is refused with 4422.
 * Neither reaches the observer nor storage; a valid plan from a facilitator is stored.
 */

let arena: Arena;
let controlRoom: string;
/** The facilitator's honest client in the control room. */
let fennaControl: Client;
/** An honest observer in the control room, who must never receive a refused plan. */
let controlWatcher: RecordedClient;

const ROLES = {
  facilitator: 'Fenna',
  partners: [{ name: 'Joost', organisation: 'Gemeente' }],
  notetaker: '',
};

beforeEach(async () => {
  arena = await Arena.open();
  ({ room: controlRoom, facilitator: fennaControl, watcher: controlWatcher } = await arena.controlRoom());
});
afterEach(() => arena.close());

/** A plan as setPlan stores it, with `minutes` for its one step and the hostile mark as its aim. */
function storedPlan(minutes: number) {
  const items = [{ step: 'richten.belangen', minutes, aim: MARK }];
  return {
    meeting: FIRST_MEETING_ID,
    items,
    roles: ROLES,
    at: Date.now(),
    by: arena.board.people.facilitator.id,
  };
}

function writePlan(client: HostileClient, minutes: number): void {
  client.write((doc) => doc.getArray('plans').push([storedPlan(minutes)]));
}

/** Fenna saves a valid plan through the model and the watcher receives it: the control room's barrier. */
async function saveHonestPlan(): Promise<void> {
  setPlan(fennaControl.doc, {
    meeting: FIRST_MEETING_ID,
    items: [
      { step: 'richten.belangen', minutes: 30, aim: 'Ieders belang op tafel' },
      { step: 'richten.ambitie', minutes: 20, aim: '' },
    ],
    roles: ROLES,
    actor: arena.board.people.facilitator.id,
  });
  await waitFor(() => planOf(controlWatcher.doc, FIRST_MEETING_ID) !== null, 'Fenna’s plan');
  expect(controlWatcher.received().includes(MARK)).toBe(false);
}

describe('the plan in the control room', () => {
  it('drops a participant’s plan, even a valid one: not relayed, not stored', async () => {
    const ans = await arena.hostile(arena.board.tokens.participant, controlRoom);
    const dropped = arena.server.stats().droppedWrites;
    writePlan(ans, 30);
    await ans.roundTrip();
    expect(ans.open).toBe(true);
    expect(arena.server.stats().droppedWrites).toBe(dropped + 1);
    await saveHonestPlan();
    const { control } = await arena.expectNotStored();
    expect(planHistory(control, FIRST_MEETING_ID)).toHaveLength(1);
  });

  it('refuses a facilitator’s invalid plan (500 minutes): closed, not relayed, not stored', async () => {
    const rogue = await arena.hostile(arena.board.tokens.facilitator, controlRoom);
    writePlan(rogue, 500);
    expect(await rogue.closeOf()).toEqual(refused('a plan is invalid'));
    await saveHonestPlan();
    const { control } = await arena.expectNotStored();
    expect(planHistory(control, FIRST_MEETING_ID)).toHaveLength(1);
  });

  it('stores a valid plan from a facilitator', async () => {
    await saveHonestPlan();
    const { control } = await arena.expectNotStored();
    expect(planOf(control, FIRST_MEETING_ID)).toMatchObject({
      items: [
        { step: 'richten.belangen', minutes: 30, aim: 'Ieders belang op tafel' },
        { step: 'richten.ambitie', minutes: 20, aim: '' },
      ],
      roles: ROLES,
      by: arena.board.people.facilitator.id,
    });
  });
});
