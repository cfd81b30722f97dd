import {
  agendaOf,
  currentMeeting,
  FIRST_MEETING_ID,
  getFacilitation,
  listMeetings,
  MINUTE_MS,
  type PlanItem,
  planHistory,
  planOf,
  readTimer,
  timerRemaining,
} from '@kompas/model';
import { describe, expect, it } from 'vitest';
import type { PlanDraft } from './plan-actions.ts';
import { samePlace, testBoard } from './test-board.ts';

const NOW = 1_700_000_000_000;

const ITEMS: PlanItem[] = [
  { step: 'verkennen.eigen-situatie', minutes: 10, aim: '' },
  { step: 'verkennen.partners', minutes: 5, aim: 'Who else do we need?' },
  { step: 'richten.belangen', minutes: 20, aim: '' },
];

const DRAFT: PlanDraft = {
  items: ITEMS,
  roles: { facilitator: 'Fay', partners: [{ name: 'Piet', organisation: 'Gemeente' }], notetaker: '' },
};

function plannedBoard() {
  const board = testBoard('facilitator', 'fay');
  expect(board.core.plan.save(DRAFT, NOW)).toBeNull();
  return board;
}

function statuses(board: ReturnType<typeof testBoard>, now: number) {
  return agendaOf(board.docs.controlDoc, currentMeeting(board.docs.controlDoc).id, now)?.items.map(
    (item) => item.status,
  );
}

describe('the board core’s plan', () => {
  it('saves the current meeting’s plan, each save a new version', () => {
    const { docs, core } = plannedBoard();
    expect(planOf(docs.controlDoc, FIRST_MEETING_ID)?.items).toEqual(ITEMS);
    expect(core.plan.save({ ...DRAFT, items: ITEMS.slice(0, 2) }, NOW + 1)).toBeNull();
    expect(planHistory(docs.controlDoc, FIRST_MEETING_ID).map((plan) => plan.items.length)).toEqual([3, 2]);
  });

  it('refuses a plan out of bounds in words, and stores nothing', () => {
    const { docs, core } = testBoard('facilitator', 'fay');
    const refusal = core.plan.save(
      { ...DRAFT, items: [{ step: 'richten.belangen', minutes: 0, aim: '' }] },
      NOW,
    );
    expect(refusal).toMatch(/minutes/);
    expect(planOf(docs.controlDoc, FIRST_MEETING_ID)).toBeNull();
  });

  it('lets only facilitators plan and start meetings', () => {
    const board = plannedBoard();
    const participant = samePlace(board, 'participant', 'pam');
    expect(participant.core.plan.save(DRAFT, NOW)).toMatch(/facilitators/);
    expect(participant.core.plan.startMeeting(NOW)).toBeNull();
    expect(participant.core.plan.next(NOW)).toBeNull();
    expect(getFacilitation(board.docs.controlDoc).started).toBe(false);
    expect(planHistory(board.docs.controlDoc, FIRST_MEETING_ID)).toHaveLength(1);
    expect(listMeetings(board.docs.controlDoc)).toHaveLength(1);
  });

  it('starts the workshop at the first item, in its phase, with the timer at its time box', () => {
    const { docs, core } = plannedBoard();
    expect(core.plan.move(NOW)).toEqual({ kind: 'start', step: 'verkennen.eigen-situatie' });
    expect(core.plan.next(NOW)).toBeNull();
    expect(getFacilitation(docs.controlDoc)).toMatchObject({ started: true, phase: 'verkennen', round: 1 });
    expect(timerRemaining(readTimer(docs.controlDoc), NOW)).toBe(10 * MINUTE_MS);
    expect(readTimer(docs.controlDoc).status).toBe('running');
  });

  it('follows the plan with Next: the phase moves only when the item’s phase differs', () => {
    const board = plannedBoard();
    const { docs, core } = board;
    core.plan.next(NOW);
    const historyLength = () => getFacilitation(docs.controlDoc).history.length;
    const before = historyLength();
    core.plan.next(NOW + 8 * MINUTE_MS);
    expect(historyLength()).toBe(before);
    expect(statuses(board, NOW + 8 * MINUTE_MS)).toEqual(['done', 'current', 'todo']);
    expect(timerRemaining(readTimer(docs.controlDoc), NOW + 8 * MINUTE_MS)).toBe(5 * MINUTE_MS);

    core.plan.next(NOW + 14 * MINUTE_MS);
    expect(getFacilitation(docs.controlDoc).phase).toBe('richten');
    expect(historyLength()).toBe(before + 1);
    expect(timerRemaining(readTimer(docs.controlDoc), NOW + 14 * MINUTE_MS)).toBe(20 * MINUTE_MS);

    expect(core.plan.move(NOW + 30 * MINUTE_MS)).toEqual({ kind: 'finish', step: 'richten.belangen' });
    expect(core.plan.next(NOW + 30 * MINUTE_MS)).toBeNull();
    expect(statuses(board, NOW + 30 * MINUTE_MS)).toEqual(['done', 'done', 'done']);
    expect(core.plan.move(NOW + 30 * MINUTE_MS)).toBeNull();
  });

  it('passes a skipped item by', () => {
    const board = plannedBoard();
    board.core.plan.next(NOW);
    board.core.plan.skip('verkennen.partners', NOW + MINUTE_MS);
    expect(board.core.plan.move(NOW + MINUTE_MS)).toEqual({ kind: 'start', step: 'richten.belangen' });
    board.core.plan.next(NOW + 2 * MINUTE_MS);
    expect(statuses(board, NOW + 2 * MINUTE_MS)).toEqual(['done', 'skipped', 'current']);
  });

  it('keeps what happened to the steps still planned when the plan changes during the meeting', () => {
    const board = plannedBoard();
    board.core.plan.next(NOW);
    const changed = [ITEMS[0], { step: 'verkennen.opgave', minutes: 15, aim: '' }, ITEMS[2]] as PlanItem[];
    expect(board.core.plan.save({ ...DRAFT, items: changed }, NOW + MINUTE_MS)).toBeNull();
    expect(statuses(board, NOW + MINUTE_MS)).toEqual(['current', 'todo', 'todo']);
    expect(board.core.plan.move(NOW + MINUTE_MS)).toEqual({ kind: 'start', step: 'verkennen.opgave' });
  });

  it('starts a new meeting with no plan of its own yet', () => {
    const { docs, core } = plannedBoard();
    const meeting = core.plan.startMeeting(NOW + 60 * MINUTE_MS);
    expect(meeting).toMatchObject({ number: 2, startedBy: 'fay' });
    expect(core.plan.state(NOW + 60 * MINUTE_MS)).toMatchObject({ meeting, plan: null, agenda: null });
    expect(core.plan.move(NOW + 60 * MINUTE_MS)).toBeNull();
    expect(planOf(docs.controlDoc, FIRST_MEETING_ID)).not.toBeNull();
  });
});
