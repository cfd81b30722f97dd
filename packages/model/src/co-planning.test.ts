import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaOf, agendaType, startAgendaItem } from './agenda.ts';
import { findInvalidControlChange } from './control-change-check.ts';
import { addIssue, issuesType, listIssues, updateIssue } from './issues-in-hand.ts';
import { currentMeeting, FIRST_MEETING_ID, listMeetings, meetingsType, startMeeting } from './meetings.ts';
import { type PlanItem, planHistory, planOf, plansType, setPlan } from './plan.ts';
import { checkSentChange } from './test-support.ts';

/**
 * Two facilitators (a co-facilitator too) write the plan, the agenda, meetings and issues at the same moment on
 * their own copies of the control document. Once their updates cross, both hold the same state, every write
 * passes the server's check, and the state reads as one valid plan, agenda and list of meetings and issues.
 */
const ROLES = { facilitator: '', partners: [], notetaker: '' };
const item = (step: string, minutes: number): PlanItem => ({ step, minutes, aim: '' });

/** A server copy that knows the sections (as one that was written before) and two facilitators synced to it. */
function setUp() {
  const server = new Y.Doc();
  for (const type of [meetingsType, plansType, agendaType, issuesType]) type(server);
  const fenna = new Y.Doc();
  const joost = new Y.Doc();
  fenna.clientID = 1;
  joost.clientID = 2;
  return { server, fenna, joost };
}

/** Each facilitator's changes reach the server (which checks them) and then the other facilitator. */
function exchange(server: Y.Doc, ...clients: Y.Doc[]): void {
  for (const client of clients) expect(checkSentChange(server, client, findInvalidControlChange)).toBeNull();
  for (const client of clients) Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
}

function expectSame(a: Y.Doc, b: Y.Doc): void {
  expect(a.toJSON()).toEqual(b.toJSON());
}

describe('two facilitators at once', () => {
  it('saving the plan: both versions are kept, both read the same one as the plan', () => {
    const { server, fenna, joost } = setUp();
    setPlan(fenna, {
      meeting: FIRST_MEETING_ID,
      items: [item('richten.belangen', 30)],
      roles: ROLES,
      actor: 'fenna',
      at: 10,
    });
    setPlan(joost, {
      meeting: FIRST_MEETING_ID,
      items: [item('richten.ambitie', 20)],
      roles: ROLES,
      actor: 'joost',
      at: 10,
    });
    exchange(server, fenna, joost);
    expectSame(fenna, joost);
    expect(
      planHistory(fenna, FIRST_MEETING_ID)
        .map((plan) => plan.by)
        .sort(),
    ).toEqual(['fenna', 'joost']);
    expect(planOf(fenna, FIRST_MEETING_ID)).toEqual(planOf(joost, FIRST_MEETING_ID));
  });

  it('starting items of the agenda: one is current, the other done', () => {
    const { server, fenna, joost } = setUp();
    setPlan(fenna, {
      meeting: FIRST_MEETING_ID,
      items: [item('richten.belangen', 30), item('richten.ambitie', 20)],
      roles: ROLES,
      actor: 'fenna',
      at: 0,
    });
    exchange(server, fenna);
    Y.applyUpdate(joost, Y.encodeStateAsUpdate(server));
    startAgendaItem(fenna, { meeting: FIRST_MEETING_ID, step: 'richten.belangen', actor: 'fenna', at: 100 });
    startAgendaItem(joost, { meeting: FIRST_MEETING_ID, step: 'richten.ambitie', actor: 'joost', at: 100 });
    exchange(server, fenna, joost);
    expectSame(fenna, joost);
    const agenda = agendaOf(fenna, FIRST_MEETING_ID, 200);
    expect(agenda).toEqual(agendaOf(joost, FIRST_MEETING_ID, 200));
    expect(agenda?.items.map((entry) => entry.status).sort()).toEqual(['current', 'done']);
  });

  it('starting a meeting: two meetings, numbered the same way everywhere', () => {
    const { server, fenna, joost } = setUp();
    startMeeting(fenna, { actor: 'fenna', at: 1000 });
    startMeeting(joost, { actor: 'joost', at: 1000 });
    exchange(server, fenna, joost);
    expectSame(fenna, joost);
    expect(listMeetings(fenna)).toEqual(listMeetings(joost));
    expect(listMeetings(fenna).map((meeting) => meeting.number)).toEqual([1, 2, 3]);
    expect(currentMeeting(fenna)).toEqual(currentMeeting(joost));
  });

  it('adding and changing issues: every new issue survives, a changed one ends as one of the two versions', () => {
    const { server, fenna, joost } = setUp();
    addIssue(fenna, {
      id: 'shared',
      step: 'richten.belangen',
      text: 'Wat wil de wijk?',
      kind: 'question',
      meeting: FIRST_MEETING_ID,
      actor: 'fenna',
      at: 1,
    });
    exchange(server, fenna);
    Y.applyUpdate(joost, Y.encodeStateAsUpdate(server));
    addIssue(fenna, {
      step: 'verkennen.partners',
      text: 'Zorgverzekeraar benaderen',
      kind: 'action',
      meeting: FIRST_MEETING_ID,
      actor: 'fenna',
      at: 5,
    });
    addIssue(joost, {
      step: 'richten.ambitie',
      text: 'We delen de kosten',
      kind: 'agreement',
      meeting: FIRST_MEETING_ID,
      actor: 'joost',
      at: 5,
    });
    updateIssue(fenna, 'shared', { status: 'done', meeting: FIRST_MEETING_ID, actor: 'fenna', at: 6 });
    updateIssue(joost, 'shared', { owner: 'Gemeente', meeting: FIRST_MEETING_ID, actor: 'joost', at: 6 });
    exchange(server, fenna, joost);
    expectSame(fenna, joost);
    const issues = listIssues(fenna);
    expect(issues).toEqual(listIssues(joost));
    expect(issues).toHaveLength(3);
    const shared = issues.find((issue) => issue.id === 'shared');
    expect([shared?.updatedBy, shared?.status === 'done' ? 'closed' : shared?.owner]).toSatisfy(
      ([by, what]) => (by === 'fenna' && what === 'closed') || (by === 'joost' && what === 'Gemeente'),
    );
  });
});
