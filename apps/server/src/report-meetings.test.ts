import {
  addIssue,
  createNote,
  listIssues,
  listMeetings,
  listNotes,
  type Report,
  setPlan,
  startFacilitation,
  startMeeting,
  updateIssue,
} from '@kompas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  type CreatedBoard,
  closeClients,
  connectSynced,
  createBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
} from './test-support.ts';

let dataDir: string;
let server: TestServer;
let board: CreatedBoard;
const clients: Client[] = [];

/**
 * Two meetings through the official client: meeting 1 plans a step, writes a note and raises two issues in
 * hand; meeting 2 closes one of them. An observer watches the control room, so every change is stored by the
 * time it has it.
 */
beforeAll(async () => {
  dataDir = await tempDir('report-meetings');
  server = await startTestServer(dataDir);
  board = await createBoard(server, 'Regio-overleg Zuid', 'Samen zorg organiseren');
  const control = await connectSynced(server, `${board.id}.control`, board.tokens.facilitator, clients);
  const content = await connectSynced(server, board.id, board.tokens.participant, clients);
  const watchControl = await connectSynced(server, `${board.id}.control`, board.tokens.observer, clients);
  const watchContent = await connectSynced(server, board.id, board.tokens.observer, clients);
  const actor = 'user-fay';

  startFacilitation(control.doc, { actor });
  setPlan(control.doc, {
    meeting: 'first',
    items: [{ step: 'verkennen.eigen-situatie', minutes: 20, aim: '' }],
    roles: { facilitator: 'Fay', notetaker: '', partners: [] },
    actor,
  });
  createNote(content.doc, {
    text: 'We run two care homes',
    step: 'verkennen.eigen-situatie',
    author: board.people.participant,
  });
  addIssue(control.doc, {
    id: 'call',
    step: 'verkennen.partners',
    text: 'Bel de bibliotheek, "vandaag"',
    kind: 'action',
    owner: 'Gemeente',
    meeting: 'first',
    actor,
  });
  addIssue(control.doc, {
    id: 'pay',
    step: 'richten.belangen',
    text: '=Wie betaalt?',
    kind: 'question',
    meeting: 'first',
    actor,
  });
  // Meeting 2 starts a moment later, so that what came before it is plainly meeting 1's.
  await new Promise((resolve) => setTimeout(resolve, 5));
  startMeeting(control.doc, { id: 'second', actor });
  updateIssue(control.doc, 'call', { status: 'done', meeting: 'second', actor });

  await waitFor(() => listNotes(watchContent.doc).length === 1, 'the note to be stored');
  await waitFor(
    () =>
      listMeetings(watchControl.doc).length === 2 &&
      listIssues(watchControl.doc).some((issue) => issue.status === 'done'),
    'the meetings and issues to be stored',
  );
});
afterAll(async () => {
  closeClients(...clients);
  await server.close();
  await removeDir(dataDir);
});

function getReport(query: Record<string, string>) {
  return fetch(`${server.url}/api/boards/${board.id}/report?${new URLSearchParams(query)}`, {
    headers: { Authorization: `Bearer ${board.tokens.observer}` },
  });
}

describe('GET /api/boards/<id>/report with meetings', () => {
  it('covers the whole trajectory by default, each meeting with its plan and issues', async () => {
    const report = (await (await getReport({ format: 'json' })).json()) as Report;
    expect(report.scope).toEqual({ kind: 'trajectory' });
    expect(
      report.meetings.map((meeting) => [meeting.id, meeting.issuesOpened, meeting.issuesClosed]),
    ).toEqual([
      ['first', ['call', 'pay'], []],
      ['second', [], ['call']],
    ]);
    expect(report.meetings[0]?.plan?.items.map((item) => [item.step, item.plannedMinutes])).toEqual([
      ['verkennen.eigen-situatie', 20],
    ]);
    expect(report.totals.notes).toBe(1);
  });

  it('covers one meeting with meeting=<id>', async () => {
    const response = await getReport({ format: 'md', lang: 'nl', meeting: 'second' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="regio-overleg-zuid-meeting-2-report.md"',
    );
    const markdown = await response.text();
    expect(markdown).toMatch(/\nDit verslag gaat over bijeenkomst 2, van .+ tot .+\.\n/);
    expect(markdown).toContain('\n## Bijeenkomst 2\n');
    expect(markdown).not.toContain('\n## Bijeenkomst 1\n');
    expect(markdown).toContain('Voor deze bijeenkomst was er geen plan.');
    expect(markdown).toContain('- Actie: Bel de bibliotheek, "vandaag" — afgerond\n');
    expect(markdown).toContain('- Notities: 0, van 0 personen');

    const json = (await (await getReport({ format: 'json', meeting: 'first' })).json()) as Report;
    expect(json.scope).toMatchObject({ kind: 'meeting', meeting: 'first', number: 1 });
    expect(json.totals.notes).toBe(1);
  });

  it('refuses a meeting the board does not have with 400', async () => {
    for (const meeting of ['third', '']) {
      for (const format of ['md', 'json', 'csv', 'issues-csv']) {
        const response = await getReport({ format, meeting });
        expect(response.status, `${format} ${meeting}`).toBe(400);
        expect(await response.json()).toEqual({
          error: "meeting must be the id of one of the board's meetings",
        });
      }
    }
  });

  it('sends the issues in hand as CSV, in the reader’s language', async () => {
    const response = await getReport({ format: 'issues-csv', lang: 'nl' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="regio-overleg-zuid-issues.csv"',
    );
    const rows = (await response.text()).split('\r\n');
    expect(rows[0]).toBe(
      'fase,stap,soort,tekst,eigenaar,status,bijeenkomst,afgesloten in bijeenkomst,gemaakt,bijgewerkt',
    );
    expect(rows[1]).toMatch(
      /^Verkennen,Mogelijke partners,Actie,"Bel de bibliotheek, ""vandaag""",Gemeente,Afgerond,1,2,\d{4}-/,
    );
    expect(rows[2]).toMatch(/^Richten,Belangen,Vraag,'=Wie betaalt\?,,Open,1,,\d{4}-/);
    expect(rows.at(-1)).toBe('');

    const english = await (await getReport({ format: 'issues-csv', lang: 'en', meeting: 'first' })).text();
    expect(english.split('\r\n')[0]).toMatch(/^phase,step,kind,text,owner,status,meeting,/);
  });
});
