import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findInvalidControlChange } from './control-change-check.ts';
import { FIRST_MEETING_ID, startMeeting } from './meetings.ts';
import { STEPS } from './phases.ts';
import {
  defaultAim,
  PLAN_AIM_MAX,
  PLAN_ITEMS_MAX,
  PLANS_KEY,
  type PlanInput,
  type PlanItem,
  planHistory,
  planOf,
  plansType,
  setPlan,
} from './plan.ts';
import { checkSentChange, expectRefused } from './test-support.ts';

const ROLES = {
  facilitator: 'Fatima',
  partners: [{ name: 'Joost', organisation: 'Gemeente' }],
  notetaker: '',
};
const ITEMS: PlanItem[] = [
  { step: 'verkennen.opgave', minutes: 20, aim: '' },
  { step: 'richten.belangen', minutes: 30, aim: 'Ieders belang op tafel' },
];

function plan(overrides: Partial<PlanInput> = {}): PlanInput {
  return { meeting: FIRST_MEETING_ID, items: ITEMS, roles: ROLES, actor: 'fac-1', at: 1000, ...overrides };
}

describe('setPlan', () => {
  it('saves versions; the plan is the one saved last', () => {
    const control = new Y.Doc();
    expect(planOf(control, FIRST_MEETING_ID)).toBeNull();
    const first = setPlan(control, plan());
    expect(first).toEqual({ meeting: 'first', items: ITEMS, roles: ROLES, at: 1000, by: 'fac-1' });
    setPlan(
      control,
      plan({ items: [{ step: 'richten.belangen', minutes: 45, aim: '  trimmed  ' }], at: 2000 }),
    );
    expect(planOf(control, FIRST_MEETING_ID)?.items).toEqual([
      { step: 'richten.belangen', minutes: 45, aim: 'trimmed' },
    ]);
    expect(planHistory(control, FIRST_MEETING_ID).map((version) => version.at)).toEqual([1000, 2000]);
  });

  it('takes any steps in any order, each at most once, for any meeting', () => {
    const control = new Y.Doc();
    const meeting = startMeeting(control, { actor: 'fac-1', id: 'm2', at: 5000 });
    const items = [...STEPS].reverse().map((step) => ({ step: step.id, minutes: 180, aim: '' }));
    expect(setPlan(control, plan({ meeting: meeting.id, items })).items).toHaveLength(12);
    expect(planOf(control, FIRST_MEETING_ID)).toBeNull();
  });

  it('refuses bad input with the right code and writes nothing', () => {
    const control = new Y.Doc();
    const item = (overrides: Partial<PlanItem> | Record<string, unknown>) => [{ ...ITEMS[0], ...overrides }];
    const many = Array.from({ length: PLAN_ITEMS_MAX + 1 }, (_, index) => ({
      step: STEPS[index % 12]?.id,
      minutes: 5,
      aim: '',
    }));
    const cases: [string, Partial<PlanInput> | Record<string, unknown>][] = [
      ['invalid-plan', { items: [] }],
      ['invalid-plan', { items: many }],
      ['invalid-plan', { items: 'all' }],
      ['invalid-plan', { items: item({ minutes: 0 }) }],
      ['invalid-plan', { items: item({ minutes: 500 }) }],
      ['invalid-plan', { items: item({ minutes: 2.5 }) }],
      ['invalid-plan', { items: item({ minutes: '20' }) }],
      ['invalid-plan', { items: item({ step: 'verkennen' }) }],
      ['invalid-plan', { items: item({ aim: 'x'.repeat(PLAN_AIM_MAX + 1) }) }],
      ['invalid-plan', { items: item({ aim: 'two\nlines' }) }],
      ['invalid-plan', { items: [ITEMS[0], ITEMS[0]] }],
      ['invalid-plan', { roles: { ...ROLES, facilitator: 'x'.repeat(61) } }],
      ['invalid-plan', { roles: { ...ROLES, partners: [{ name: '', organisation: 'Gemeente' }] } }],
      ['invalid-plan', { roles: { ...ROLES, partners: Array(21).fill({ name: 'A', organisation: '' }) } }],
      ['invalid-plan', { roles: { ...ROLES, notetaker: 7 } }],
      ['invalid-meeting', { meeting: 'm9' }],
      ['invalid-actor', { actor: '' }],
      ['invalid-actor', { actor: undefined }],
      ['invalid-time', { at: -1 }],
    ];
    for (const [code, overrides] of cases) {
      expectRefused(control, code as 'invalid-plan', () =>
        setPlan(control, plan(overrides as Partial<PlanInput>)),
      );
    }
  });

  it('refuses a plan too large to store as one entry', () => {
    const control = new Y.Doc();
    const aim = '🌱'.repeat(PLAN_AIM_MAX);
    const items = STEPS.map((step) => ({ step: step.id, minutes: 10, aim }));
    const partners = Array(20).fill({ name: '🌱'.repeat(60), organisation: '"'.repeat(60) });
    expectRefused(control, 'invalid-plan', () =>
      setPlan(control, plan({ items, roles: { ...ROLES, partners } })),
    );
  });

  it('prefills aims that fit a plan', () => {
    for (const step of STEPS) {
      const aim = defaultAim(step.id);
      expect(aim.nl.length).toBeLessThanOrEqual(PLAN_AIM_MAX);
      expect(aim.en.length).toBeLessThanOrEqual(PLAN_AIM_MAX);
    }
  });
});

describe('the plans section on the server', () => {
  function synced() {
    // The server's document knows the section, as one that has been written before does.
    const server = new Y.Doc();
    plansType(server);
    const client = new Y.Doc();
    return { server, client };
  }

  it('passes a plan setPlan writes', () => {
    const { server, client } = synced();
    setPlan(client, plan());
    expect(checkSentChange(server, client, findInvalidControlChange)).toBeNull();
  });

  it('refuses a plan of 500 minutes, an unknown field and a removed version', () => {
    const bad = [
      {
        meeting: 'first',
        items: [{ step: 'richten.belangen', minutes: 500, aim: '' }],
        roles: ROLES,
        at: 1,
        by: 'f',
      },
      { meeting: 'first', items: ITEMS, roles: ROLES, at: 1, by: 'f', note: 'extra field' },
    ];
    for (const value of bad) {
      const { server, client } = synced();
      client.getArray(PLANS_KEY).push([value]);
      expect(checkSentChange(server, client, findInvalidControlChange)).toMatch(/plan is invalid/);
    }
    const { server, client } = synced();
    setPlan(client, plan());
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    client.getArray(PLANS_KEY).delete(0, 1);
    expect(checkSentChange(server, client, findInvalidControlChange)).toMatch(/cannot be removed/);
  });
});
