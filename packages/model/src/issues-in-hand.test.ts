import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findInvalidControlChange } from './control-change-check.ts';
import { issuesToCsv } from './issues-csv.ts';
import {
  addIssue,
  ISSUE_TEXT_MAX,
  ISSUES_KEY,
  type IssueInput,
  issuesType,
  listIssues,
  openIssues,
  updateIssue,
} from './issues-in-hand.ts';
import { FIRST_MEETING_ID, listMeetings, startMeeting } from './meetings.ts';
import { checkSentChange, expectRefused } from './test-support.ts';

const actor = 'fac-1';
const meeting = FIRST_MEETING_ID;

function input(overrides: Partial<IssueInput> = {}): IssueInput {
  return {
    step: 'richten.belangen',
    text: 'Wat wil de woningcorporatie?',
    kind: 'question',
    meeting,
    actor,
    ...overrides,
  };
}

describe('issues in hand', () => {
  it('takes up an issue, open, with who and when', () => {
    const control = new Y.Doc();
    const issue = addIssue(control, input({ id: 'i1', at: 100, owner: '  Gemeente ', fromNote: 'note-7' }));
    expect(issue).toEqual({
      id: 'i1',
      step: 'richten.belangen',
      text: 'Wat wil de woningcorporatie?',
      kind: 'question',
      owner: 'Gemeente',
      status: 'open',
      meeting,
      createdAt: 100,
      createdBy: actor,
      updatedAt: 100,
      updatedBy: actor,
      closedIn: null,
      fromNote: 'note-7',
    });
    expect(listIssues(control)).toEqual([issue]);
  });

  it('records the meeting an issue is closed in; opening it again clears it', () => {
    const control = new Y.Doc();
    addIssue(control, input({ id: 'i1', at: 100 }));
    startMeeting(control, { actor, id: 'm2', at: 1000 });
    const done = updateIssue(control, 'i1', { status: 'done', meeting: 'm2', actor: 'fac-2', at: 1100 });
    expect(done).toMatchObject({
      status: 'done',
      closedIn: 'm2',
      updatedAt: 1100,
      updatedBy: 'fac-2',
      createdAt: 100,
    });
    expect(updateIssue(control, 'i1', { status: 'dropped', meeting: 'm2', actor, at: 1200 }).closedIn).toBe(
      'm2',
    );
    expect(
      updateIssue(control, 'i1', { status: 'open', meeting: 'm2', actor, at: 1300 }).closedIn,
    ).toBeNull();
    const edited = updateIssue(control, 'i1', {
      text: 'Afspraak: elke partner noemt één belang',
      kind: 'agreement',
      owner: 'Fatima',
      step: 'richten.ambitie',
      meeting: 'm2',
      actor,
      at: 1400,
    });
    expect(edited).toMatchObject({ kind: 'agreement', owner: 'Fatima', step: 'richten.ambitie', meeting });
    // Nothing changes, nothing is written.
    const before = Y.encodeStateVector(control);
    updateIssue(control, 'i1', { owner: 'Fatima', meeting: 'm2', actor, at: 1500 });
    expect(Y.encodeStateVector(control)).toEqual(before);
  });

  it('carries open issues over to the next meeting', () => {
    const control = new Y.Doc();
    addIssue(control, input({ id: 'a', at: 1, kind: 'action', text: 'Agenda rondsturen' }));
    addIssue(control, input({ id: 'b', at: 2 }));
    addIssue(control, input({ id: 'c', at: 3, kind: 'agreement', text: 'We delen de kosten' }));
    updateIssue(control, 'c', { status: 'done', meeting, actor, at: 4 });
    startMeeting(control, { actor, id: 'm2', at: 1000 });
    expect(openIssues(control).map((issue) => issue.id)).toEqual(['a', 'b']);
    addIssue(control, input({ id: 'd', meeting: 'm2', at: 1001 }));
    expect(openIssues(control).map((issue) => [issue.id, issue.meeting])).toEqual([
      ['a', meeting],
      ['b', meeting],
      ['d', 'm2'],
    ]);
  });

  it('refuses bad input and writes nothing', () => {
    const control = new Y.Doc();
    addIssue(control, input({ id: 'i1' }));
    const bad: [string, Partial<IssueInput> | Record<string, unknown>][] = [
      ['invalid-issue', { step: 'richten' }],
      ['invalid-issue', { text: '   ' }],
      ['invalid-issue', { text: 'x'.repeat(ISSUE_TEXT_MAX + 1) }],
      ['invalid-issue', { text: 'bel\u0007' }],
      ['invalid-issue', { kind: 'wish' }],
      ['invalid-issue', { owner: 'x'.repeat(81) }],
      ['invalid-issue', { owner: 'two\nlines' }],
      ['invalid-issue', { id: 'i1' }],
      ['invalid-issue', { id: '' }],
      ['invalid-issue', { fromNote: '' }],
      ['invalid-meeting', { meeting: 'm9' }],
      ['invalid-actor', { actor: '' }],
      ['invalid-time', { at: -1 }],
    ];
    for (const [code, overrides] of bad) {
      expectRefused(control, code as 'invalid-issue', () =>
        addIssue(control, input(overrides as Partial<IssueInput>)),
      );
    }
    const patch = { meeting, actor };
    expectRefused(control, 'invalid-issue', () => updateIssue(control, 'nope', { ...patch, text: 'x' }));
    expectRefused(control, 'invalid-issue', () =>
      updateIssue(control, 'i1', { ...patch, status: 'closed' as never }),
    );
    expectRefused(control, 'invalid-issue', () => updateIssue(control, 'i1', { ...patch, text: '' }));
    expectRefused(control, 'invalid-issue', () => updateIssue(control, 'i1', { ...patch, step: 'x' }));
    expectRefused(control, 'invalid-meeting', () =>
      updateIssue(control, 'i1', { actor, meeting: 'm9', text: 'y' }),
    );
  });

  it('is checked on the server: valid issues pass, invalid ones do not', () => {
    const server = new Y.Doc();
    issuesType(server);
    const client = new Y.Doc();
    addIssue(client, input({ id: 'i1', at: 1 }));
    expect(checkSentChange(server, client, findInvalidControlChange)).toBeNull();
    updateIssue(client, 'i1', { status: 'done', meeting, actor, at: 2 });
    expect(checkSentChange(server, client, findInvalidControlChange)).toBeNull();
    const stored = client.getMap(ISSUES_KEY).get('i1') as Record<string, unknown>;
    for (const broken of [
      { ...stored, closedIn: null },
      { ...stored, kind: 'wish' },
      { ...stored, text: '' },
    ]) {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
      copy.getMap(ISSUES_KEY).set('i1', broken);
      expect(checkSentChange(server, copy, findInvalidControlChange)).toMatch(/issue is invalid/);
    }
  });
});

describe('issuesToCsv', () => {
  function board() {
    const control = new Y.Doc();
    const at = Date.UTC(2025, 2, 14, 9, 25);
    addIssue(control, input({ id: 'a', at, kind: 'action', owner: 'Gemeente', text: '=SUM(A1), "snel"' }));
    startMeeting(control, { actor, id: 'm2', at: at + 86_400_000 });
    addIssue(
      control,
      input({
        id: 'b',
        at: at + 86_400_000,
        step: 'verkennen.partners',
        text: 'Wie mist er?',
        meeting: 'm2',
      }),
    );
    updateIssue(control, 'a', { status: 'done', meeting: 'm2', actor, at: at + 90_000_000 });
    return control;
  }

  it('writes the columns, kinds and statuses in Dutch', () => {
    const control = board();
    const csv = issuesToCsv(listIssues(control), listMeetings(control), {
      language: 'nl',
      timeZone: 'Europe/Amsterdam',
    });
    expect(csv.split('\r\n')).toEqual([
      'fase,stap,soort,tekst,eigenaar,status,bijeenkomst,afgesloten in bijeenkomst,gemaakt,bijgewerkt',
      `Richten,Belangen,Actie,"'=SUM(A1), ""snel""",Gemeente,Afgerond,1,2,2025-03-14 10:25,2025-03-15 11:25`,
      'Verkennen,Mogelijke partners,Vraag,Wie mist er?,,Open,2,,2025-03-15 10:25,2025-03-15 10:25',
      '',
    ]);
  });

  it('writes them in English too', () => {
    const control = board();
    const csv = issuesToCsv(listIssues(control), listMeetings(control), { language: 'en', timeZone: 'UTC' });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('phase,step,kind,text,owner,status,meeting,closed in meeting,created,updated');
    expect(lines[1]).toBe(
      `Set direction,Interests,Action,"'=SUM(A1), ""snel""",Gemeente,Done,1,2,2025-03-14 09:25,2025-03-15 10:25`,
    );
    expect(lines[2]).toBe(
      'Explore,Possible partners,Question,Wie mist er?,,Open,2,,2025-03-15 09:25,2025-03-15 09:25',
    );
  });
});
