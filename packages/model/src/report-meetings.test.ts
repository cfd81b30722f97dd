import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { finishAgenda, startAgendaItem } from './agenda.ts';
import { initBoard } from './board.ts';
import { ModelError } from './errors.ts';
import { addIssue, updateIssue } from './issues-in-hand.ts';
import { startMeeting } from './meetings.ts';
import { createNote } from './note.ts';
import { moveToPhase, startFacilitation } from './phase-history.ts';
import { setPlan } from './plan.ts';
import { buildReport, type Report, reportToJson } from './report.ts';
import { reportToMarkdown } from './report-markdown.ts';
import type { ReportReader } from './report-reader.ts';

const MINUTE = 60_000;
const START = Date.UTC(2025, 2, 14, 9, 0);
const at = (minutes: number) => START + minutes * MINUTE;
/** Meeting 2 is a week after meeting 1. */
const WEEK = 7 * 24 * 60;

const ans = { id: 'user-ans', name: 'Ans' };
const fay = 'user-fay';
const ENGLISH_UTC: ReportReader = { language: 'en', timeZone: 'UTC' };
const DUTCH_UTC: ReportReader = { language: 'nl', timeZone: 'UTC' };
const roles = {
  facilitator: 'Fay',
  notetaker: 'Noor',
  partners: [{ name: 'Ans', organisation: 'Gemeente' }],
};

/**
 * Two meetings. Meeting 1 plans three steps: it runs Eigen situatie over time and Mogelijke partners on time,
 * never reaches Belangen, and writes a note in Gezamenlijke opgave, which the plan did not name. Two issues are
 * raised in it. Meeting 2, a week later, plans Belangen, also goes to Inrichten without a plan, and closes the
 * action raised in meeting 1.
 */
function trajectory(): { content: Y.Doc; control: Y.Doc } {
  const content = new Y.Doc();
  const control = new Y.Doc();
  initBoard(content, { title: 'Regio-overleg', task: 'Samen zorg organiseren', createdAt: at(-5) });
  const note = (id: string, step: string, minute: number) =>
    createNote(content, { id, text: `Note ${id}`, step, author: ans }, { now: at(minute) });
  const plan = (meeting: string, items: [string, number][], minute: number) =>
    setPlan(control, {
      meeting,
      items: items.map(([step, minutes]) => ({ step, minutes, aim: '' })),
      roles,
      actor: fay,
      at: at(minute),
    });

  plan(
    'first',
    [
      ['verkennen.eigen-situatie', 20],
      ['verkennen.partners', 15],
      ['richten.belangen', 10],
    ],
    -2,
  );
  startFacilitation(control, { now: at(0), actor: fay });
  startAgendaItem(control, { meeting: 'first', step: 'verkennen.eigen-situatie', actor: fay, at: at(0) });
  note('own', 'verkennen.eigen-situatie', 5);
  startAgendaItem(control, { meeting: 'first', step: 'verkennen.partners', actor: fay, at: at(25) });
  note('library', 'verkennen.partners', 26);
  addIssue(control, {
    id: 'call',
    step: 'verkennen.partners',
    text: 'Bel de bibliotheek',
    kind: 'action',
    owner: 'Gemeente',
    meeting: 'first',
    actor: fay,
    at: at(30),
  });
  addIssue(control, {
    id: 'coffee',
    step: 'richten.belangen',
    text: 'Wie betaalt de koffie?',
    kind: 'question',
    meeting: 'first',
    actor: fay,
    at: at(32),
  });
  note('task', 'verkennen.opgave', 35);
  finishAgenda(control, { meeting: 'first', actor: fay, at: at(40) });

  startMeeting(control, { id: 'second', actor: fay, at: at(WEEK) });
  plan('second', [['richten.belangen', 30]], WEEK + 1);
  moveToPhase(control, 'richten', { now: at(WEEK + 2), actor: fay });
  startAgendaItem(control, { meeting: 'second', step: 'richten.belangen', actor: fay, at: at(WEEK + 5) });
  note('interest', 'richten.belangen', WEEK + 8);
  updateIssue(control, 'call', { status: 'done', meeting: 'second', actor: fay, at: at(WEEK + 10) });
  moveToPhase(control, 'inrichten', { now: at(WEEK + 35), actor: fay });
  return { content, control };
}

function report(meeting?: string): Report {
  return buildReport({ ...trajectory(), now: at(WEEK + 40), people: [{ id: fay, name: 'Fay' }], meeting });
}

const planned = (built: Report, index: number) =>
  built.meetings[index]?.plan?.items.map((item) => [
    item.step,
    item.plannedMinutes,
    item.actualMs / MINUTE,
    item.status,
  ]);

describe('the report of a trajectory of meetings', () => {
  it('holds each meeting with its plan against reality and its issues raised and closed', () => {
    const built = report();
    expect(built.scope).toEqual({ kind: 'trajectory' });
    expect(built.meetings.map(({ id, number, from, to }) => [id, number, from, to])).toEqual([
      ['first', 1, at(0), at(40)],
      ['second', 2, at(WEEK), at(WEEK + 40)],
    ]);
    expect(planned(built, 0)).toEqual([
      ['verkennen.eigen-situatie', 20, 25, 'done'],
      ['verkennen.partners', 15, 15, 'done'],
      ['richten.belangen', 10, 0, 'todo'],
    ]);
    const first = built.meetings[0]?.plan;
    expect(first?.notReached).toEqual(['richten.belangen']);
    expect(first?.stepsWithoutPlan).toEqual(['verkennen.opgave']);
    expect(first?.phasesWithoutPlan).toEqual([]);
    expect(first?.roles).toEqual(roles);

    expect(planned(built, 1)).toEqual([['richten.belangen', 30, 35, 'current']]);
    expect(built.meetings[1]?.plan?.phasesWithoutPlan).toEqual(['verkennen', 'inrichten']);
    expect(built.meetings[1]?.startedByName).toBe('Fay');

    expect(built.meetings.map((meeting) => [meeting.issuesOpened, meeting.issuesClosed])).toEqual([
      [['call', 'coffee'], []],
      [[], ['call']],
    ]);
    expect(
      built.issues.map((issue) => [
        issue.id,
        issue.kind,
        issue.status,
        issue.meetingNumber,
        issue.closedInNumber,
      ]),
    ).toEqual([
      ['call', 'action', 'done', 1, 2],
      ['coffee', 'question', 'open', 1, null],
    ]);
  });

  it('gives the same in the JSON export, language-neutral', () => {
    const json = JSON.parse(reportToJson(report())) as Report;
    expect(json.version).toBe(1);
    expect(json.meetings[0]?.plan?.items[2]).toMatchObject({ step: 'richten.belangen', status: 'todo' });
    expect(json.meetings[1]?.issuesClosed).toEqual(['call']);
    expect(json.issues[0]).toMatchObject({
      kind: 'action',
      status: 'done',
      closedIn: 'second',
      owner: 'Gemeente',
    });
  });

  it('says so in Dutch', () => {
    const markdown = reportToMarkdown(report(), DUTCH_UTC);
    expect(markdown).toContain('\nDit verslag gaat over het hele traject: 2 bijeenkomsten.\n');
    expect(markdown).toContain('\n- Lopende zaken: 1 open, 1 afgesloten\n');
    expect(markdown).toContain('\n## Bijeenkomst 1\n\nVan 14 mrt 2025, 09:00 tot 09:40 (40 min).\n');
    expect(markdown).toContain('\n### Plan en werkelijkheid\n');
    expect(markdown).toContain('| Verkennen · Eigen situatie | 20 min | 25 min | afgerond |');
    expect(markdown).toContain('| Richten · Belangen | 10 min | — | niet aan toegekomen |');
    expect(markdown).toContain('- Samen 45 min gepland, 40 min besteed.');
    expect(markdown).toContain('- Gepland, maar niet aan toegekomen: Richten · Belangen\n');
    expect(markdown).toContain('- Zonder plan bezocht: Verkennen · Gezamenlijke opgave\n');
    expect(markdown).toContain('- Rollen: facilitator Fay, notulist Noor; partners: Ans (Gemeente).');
    expect(markdown).toContain(
      'Ingebracht (2):\n\n- Actie: Bel de bibliotheek — Verkennen · Mogelijke partners\n',
    );
    expect(markdown).toContain('\n## Bijeenkomst 2\n');
    expect(markdown).toContain(', gestart door Fay.');
    expect(markdown).toContain('- Zonder plan bezocht: fase Verkennen, fase Inrichten\n');
    expect(markdown).toContain('Afgesloten (1):\n\n- Actie: Bel de bibliotheek — afgerond\n');
    expect(markdown).toContain('\n## Lopende zaken\n\n### Verkennen · Mogelijke partners\n');
    expect(markdown).toContain(
      '| Actie | Bel de bibliotheek | Gemeente | afgerond in bijeenkomst 2 | Bijeenkomst 1 |',
    );
    expect(markdown).toContain('| Vraag | Wie betaalt de koffie? | — | open | Bijeenkomst 1 |');
  });

  it('says so in English', () => {
    const markdown = reportToMarkdown(report(), ENGLISH_UTC);
    expect(markdown).toContain('\nThis report covers the whole trajectory: 2 meetings.\n');
    expect(markdown).toContain('\n## Meeting 1\n');
    expect(markdown).toContain('\n### Plan against reality\n');
    expect(markdown).toContain('| Explore · Own situation | 20 min | 25 min | done |');
    expect(markdown).toContain('| Set direction · Interests | 30 min | 35 min | still going on |');
    expect(markdown).toContain('- Planned but not reached: Set direction · Interests\n');
    expect(markdown).toContain('- Visited without a plan: Explore · Joint task\n');
    expect(markdown).toContain('- Visited without a plan: the phase Explore, the phase Organise\n');
    expect(markdown).toContain('Raised (2):\n\n- Action: Bel de bibliotheek — Explore · Possible partners\n');
    expect(markdown).toContain('Closed (1):\n\n- Action: Bel de bibliotheek — done\n');
    expect(markdown).toContain('\n## Issues in hand\n');
    expect(markdown).toContain('| Action | Bel de bibliotheek | Gemeente | done in meeting 2 | Meeting 1 |');
  });
});

describe('the report of one meeting', () => {
  it("covers that meeting's notes, moves and plan, and the issues raised up to it", () => {
    const built = report('second');
    expect(built.scope).toEqual({
      kind: 'meeting',
      meeting: 'second',
      number: 2,
      from: at(WEEK),
      to: at(WEEK + 40),
    });
    expect(built.meetings.map((meeting) => meeting.id)).toEqual(['second']);
    expect(built.totals.notes).toBe(1);
    // The group stood in Verkennen when the meeting began.
    expect(built.timeline.map((entry) => [entry.phase, entry.from, entry.to])).toEqual([
      ['verkennen', at(WEEK), at(WEEK + 2)],
      ['richten', at(WEEK + 2), at(WEEK + 35)],
      ['inrichten', at(WEEK + 35), at(WEEK + 40)],
    ]);
    expect(built.issues.map((issue) => issue.id)).toEqual(['call', 'coffee']);

    const first = report('first');
    expect(first.totals.notes).toBe(3);
    // Meeting 1 ends with the last thing done in it, not when meeting 2 begins a week later.
    expect(first.timeline.map((entry) => [entry.phase, entry.to])).toEqual([['verkennen', at(40)]]);

    const markdown = reportToMarkdown(built, DUTCH_UTC);
    expect(markdown).toContain('\nDit verslag gaat over bijeenkomst 2, van 09:00 tot 09:40.\n');
    expect(markdown).not.toContain('## Bijeenkomst 1');
    expect(markdown).toContain('| Persoon | Notities geschreven | Stemmen gegeven |\n');
  });

  it('refuses a meeting the board does not have', () => {
    expect(() => report('third')).toThrow(ModelError);
    expect(() => report('third')).toThrow(/no meeting "third"/);
  });

  it('leaves meeting sections out of a board with one meeting and no plan', () => {
    const content = new Y.Doc();
    createNote(content, { text: 'Idea', step: 'verkennen.opgave', author: ans }, { now: at(1) });
    const markdown = reportToMarkdown(
      buildReport({ content, control: new Y.Doc(), now: at(2) }),
      ENGLISH_UTC,
    );
    expect(markdown).not.toContain('## Meeting');
    expect(markdown).toContain('\n## Issues in hand\n\nThere are no issues in hand yet.\n');
  });
});
