import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaOf, finishAgenda, skipAgendaItem, startAgendaItem } from './agenda.ts';
import { FIRST_MEETING_ID, startMeeting } from './meetings.ts';
import { STEPS } from './phases.ts';
import { type PlanItem, setPlan } from './plan.ts';
import { expectRefused } from './test-support.ts';

const MIN = 60_000;
const ROLES = { facilitator: '', partners: [], notetaker: '' };
const ITEMS: PlanItem[] = [
  { step: 'verkennen.opgave', minutes: 10, aim: '' },
  { step: 'richten.belangen', minutes: 20, aim: '' },
  { step: 'richten.ambitie', minutes: 15, aim: '' },
];
const meeting = FIRST_MEETING_ID;
const actor = 'fac-1';

function planned(items: PlanItem[] = ITEMS): Y.Doc {
  const control = new Y.Doc();
  setPlan(control, { meeting, items, roles: ROLES, actor, at: 0 });
  return control;
}

const statuses = (control: Y.Doc, now: number) =>
  agendaOf(control, meeting, now)?.items.map((item) => item.status);

describe('agendaOf', () => {
  it('is null without a plan; with one, every item is todo and the first comes next', () => {
    expect(agendaOf(new Y.Doc(), meeting, 0)).toBeNull();
    const agenda = agendaOf(planned(), meeting, 0);
    expect(agenda?.items.map((item) => [item.status, item.remainingMs])).toEqual([
      ['todo', 10 * MIN],
      ['todo', 20 * MIN],
      ['todo', 15 * MIN],
    ]);
    expect(agenda).toMatchObject({ meeting, current: null, next: 0 });
    expect(agenda?.unplannedSteps).toEqual(
      STEPS.map((step) => step.id).filter((id) => !ITEMS.some((item) => item.step === id)),
    );
  });

  it('follows a scripted meeting: start, start the next, skip, finish', () => {
    const control = planned();
    startAgendaItem(control, { meeting, step: 'verkennen.opgave', actor, at: 1 * MIN });
    let agenda = agendaOf(control, meeting, 5 * MIN);
    expect(agenda).toMatchObject({ current: 0, next: 1 });
    expect(agenda?.items[0]).toMatchObject({
      status: 'current',
      startedAt: 1 * MIN,
      endedAt: null,
      spentMs: 4 * MIN,
      remainingMs: 6 * MIN,
    });
    // Over time, what is left goes below zero.
    expect(agendaOf(control, meeting, 13 * MIN)?.items[0]?.remainingMs).toBe(-2 * MIN);

    // Starting the next item ends the current one as done.
    startAgendaItem(control, { meeting, step: 'richten.belangen', actor, at: 13 * MIN });
    agenda = agendaOf(control, meeting, 20 * MIN);
    expect(statuses(control, 20 * MIN)).toEqual(['done', 'current', 'todo']);
    expect(agenda?.items[0]).toMatchObject({ endedAt: 13 * MIN, spentMs: 12 * MIN, remainingMs: null });
    expect(agenda).toMatchObject({ current: 1, next: 2 });

    skipAgendaItem(control, { meeting, step: 'richten.ambitie', actor, at: 21 * MIN });
    expect(statuses(control, 22 * MIN)).toEqual(['done', 'current', 'skipped']);
    expect(agendaOf(control, meeting, 22 * MIN)).toMatchObject({ current: 1, next: null });

    finishAgenda(control, { meeting, actor, at: 30 * MIN });
    agenda = agendaOf(control, meeting, 40 * MIN);
    expect(statuses(control, 40 * MIN)).toEqual(['done', 'done', 'skipped']);
    expect(agenda?.items[1]).toMatchObject({ spentMs: 17 * MIN, endedAt: 30 * MIN });
    expect(agenda).toMatchObject({ current: null, next: null });

    // Writing nothing: finishing without a current item, starting the current one, skipping a skipped one.
    const before = Y.encodeStateVector(control);
    finishAgenda(control, { meeting, actor, at: 41 * MIN });
    skipAgendaItem(control, { meeting, step: 'richten.ambitie', actor, at: 41 * MIN });
    expect(Y.encodeStateVector(control)).toEqual(before);
  });

  it('takes up a skipped item again, adding to its time', () => {
    const control = planned();
    startAgendaItem(control, { meeting, step: 'richten.belangen', actor, at: 0 });
    skipAgendaItem(control, { meeting, step: 'richten.belangen', actor, at: 5 * MIN });
    expect(agendaOf(control, meeting, 6 * MIN)).toMatchObject({ current: null, next: 2 });
    startAgendaItem(control, { meeting, step: 'richten.belangen', actor, at: 10 * MIN });
    expect(agendaOf(control, meeting, 12 * MIN)?.items[1]).toMatchObject({
      status: 'current',
      startedAt: 0,
      spentMs: 7 * MIN,
    });
  });

  it('keeps what happened to the steps still in a plan changed live', () => {
    const control = planned();
    startAgendaItem(control, { meeting, step: 'verkennen.opgave', actor, at: 0 });
    startAgendaItem(control, { meeting, step: 'richten.belangen', actor, at: 10 * MIN });
    // The facilitator drops Gezamenlijke opgave, moves Gezamenlijke ambitie first and adds Uitgangspunten.
    setPlan(control, {
      meeting,
      items: [
        { step: 'richten.ambitie', minutes: 15, aim: '' },
        { step: 'richten.belangen', minutes: 30, aim: '' },
        { step: 'richten.uitgangspunten', minutes: 10, aim: '' },
      ],
      roles: ROLES,
      actor: 'fac-2',
      at: 12 * MIN,
    });
    const agenda = agendaOf(control, meeting, 20 * MIN);
    expect(agenda?.items.map((item) => [item.item.step, item.status])).toEqual([
      ['richten.ambitie', 'todo'],
      ['richten.belangen', 'current'],
      ['richten.uitgangspunten', 'todo'],
    ]);
    expect(agenda?.items[1]).toMatchObject({ spentMs: 10 * MIN, remainingMs: 20 * MIN });
    expect(agenda).toMatchObject({ current: 1, next: 2 });
    expect(agenda?.unplannedSteps).toContain('verkennen.opgave');
  });

  it('keeps each meeting its own agenda', () => {
    const control = planned();
    startAgendaItem(control, { meeting, step: 'verkennen.opgave', actor, at: 0 });
    startMeeting(control, { actor, id: 'm2', at: 60 * MIN });
    expect(agendaOf(control, 'm2', 61 * MIN)).toBeNull();
    setPlan(control, { meeting: 'm2', items: ITEMS, roles: ROLES, actor, at: 61 * MIN });
    expect(agendaOf(control, 'm2', 62 * MIN)).toMatchObject({ current: null, next: 0 });
    expect(agendaOf(control, meeting, 62 * MIN)?.current).toBe(0);
  });

  it('refuses bad input and writes nothing', () => {
    const control = planned();
    const input = { meeting, step: 'richten.belangen', actor, at: 0 };
    expectRefused(control, 'invalid-meeting', () => startAgendaItem(control, { ...input, meeting: 'm9' }));
    expectRefused(control, 'invalid-plan', () =>
      startAgendaItem(control, { ...input, step: 'richten.uitgangspunten' }),
    );
    expectRefused(control, 'invalid-plan', () => skipAgendaItem(control, { ...input, step: 'nope' }));
    expectRefused(control, 'invalid-actor', () => skipAgendaItem(control, { ...input, actor: '' }));
    expectRefused(control, 'invalid-time', () => finishAgenda(control, { meeting, actor, at: -5 }));
    startMeeting(control, { actor, id: 'm2', at: 1 });
    expectRefused(control, 'invalid-plan', () => startAgendaItem(control, { ...input, meeting: 'm2' }));
  });
});
