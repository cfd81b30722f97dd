import {
  closeVotingRound,
  createNote,
  editNote,
  getFacilitation,
  listNotes,
  listVotes,
  moveNote,
  nextPhase,
  openVotingRound,
  pastVotingRounds,
  placeVote,
  type Report,
  startFacilitation,
} from '@kompas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  type CreatedBoard,
  closeClients,
  connectSynced,
  createBoard,
  joinBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
} from './test-support.ts';
import { signToken } from './tokens.ts';

let dataDir: string;
let server: TestServer;
let board: CreatedBoard;
const clients: Client[] = [];

let ans: { id: string; name: string };
let bram: { id: string; name: string };
let fay: { id: string; name: string };

function join(room: string, token: string): Promise<Client> {
  return connectSynced(server, room, token, clients);
}

/**
 * A short workshop through the official client: notes in Verkennen, a move to Richten, a note there, a
 * voting round that closes, and a private draft that is never revealed. Observers watch both rooms, so
 * every change is stored by the time they have it (the relay relays only what is stored).
 */
beforeAll(async () => {
  dataDir = await tempDir('report');
  server = await startTestServer(dataDir);
  board = await createBoard(server, 'Regio-overleg Zuid', 'Samen zorg organiseren');
  ans = board.people.participant;
  const asBram = await joinBoard(server, board.id, board.invites.participant, 'Bram');
  bram = asBram.person;
  const asFay = await joinBoard(server, board.id, board.invites.facilitator, 'Fay');
  fay = asFay.person;
  const control = await join(`${board.id}.control`, board.tokens.facilitator);
  const content = await join(board.id, board.tokens.participant);
  const bramContent = await join(board.id, asBram.token);
  const drafts = await join(`${board.id}.drafts`, asBram.token);
  const watchContent = await join(board.id, board.tokens.observer);
  const watchControl = await join(`${board.id}.control`, board.tokens.observer);
  const watchDrafts = await join(`${board.id}.drafts`, board.tokens.facilitator);

  startFacilitation(control.doc, { actor: 'user-fay' });
  createNote(content.doc, {
    id: 'own',
    text: 'We run two care homes',
    step: 'verkennen.eigen-situatie',
    author: ans,
  });
  createNote(bramContent.doc, {
    id: 'library',
    text: 'The library, "of course"',
    step: 'verkennen.partners',
    author: bram,
  });
  createNote(drafts.doc, { text: 'A secret draft', step: 'verkennen.partners', author: bram });
  nextPhase(control.doc, { actor: 'user-fay' });
  createNote(content.doc, {
    id: 'ambition',
    text: '=A healthy region',
    step: 'richten.ambitie',
    author: ans,
  });
  const round = openVotingRound(control.doc, { budget: 2, scope: { kind: 'board' }, results: 'hidden' });
  await waitFor(
    () => listNotes(content.doc).length === 3 && listNotes(bramContent.doc).length === 3,
    'the notes',
  );
  // Fay, the facilitator, writes no note but tidies two: what she did is told apart by her presence.
  const fayContent = await join(board.id, asFay.token);
  fayContent.provider.awareness.setLocalStateField('user', { id: fay.id, name: 'Fay', color: '#1565c0' });
  await waitFor(
    () =>
      [...watchContent.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Fay'),
    "Fay's presence",
  );
  await waitFor(() => listNotes(fayContent.doc).length === 3, 'the notes to reach Fay');
  moveNote(fayContent.doc, 'library', 'verkennen.partners', { r: 0.4, t: 0.2 });
  editNote(fayContent.doc, 'own', 'We run two care homes together');
  await waitFor(() => listNotes(content.doc).some((note) => note.text.endsWith('together')), 'Fay’s edit');
  await waitFor(
    () => listNotes(bramContent.doc).some((note) => note.text.endsWith('together')),
    'Fay’s edit',
  );
  placeVote(content.doc, round, { note: 'ambition', voter: ans.id });
  placeVote(bramContent.doc, round, { note: 'ambition', voter: bram.id });
  placeVote(bramContent.doc, round, { note: 'library', voter: bram.id });
  closeVotingRound(control.doc);
  // An observer's browser claims to be Fay (who wrote no note) under another name: the report names people as the
  // server knows them.
  watchContent.provider.awareness.setLocalState({
    user: { id: fay.id, name: 'Mallory', color: '#000000' },
    cursor: null,
  });

  await waitFor(
    () =>
      listNotes(watchContent.doc).length === 3 &&
      listVotes(watchContent.doc, round.id).length === 3 &&
      listNotes(watchContent.doc).some((note) => note.text.endsWith('together')),
    'the notes and votes to be stored',
  );
  await waitFor(
    () =>
      getFacilitation(watchControl.doc).phase === 'richten' &&
      pastVotingRounds(watchControl.doc).length === 1,
    'the phase change and the closed round to be stored',
  );
  await waitFor(() => listNotes(watchDrafts.doc).length === 1, 'the draft to be stored');
});
afterAll(async () => {
  closeClients(...clients);
  await server.close();
  await removeDir(dataDir);
});

/** The report in `format`; in English unless `reader` says otherwise (fetch asks for any language, `*`). */
function getReport(
  format: string | null,
  token: string | null = board.tokens.observer,
  id = board.id,
  reader: Record<string, string> = { lang: 'en' },
  headers: Record<string, string> = {},
) {
  const query = new URLSearchParams(reader);
  if (format !== null) query.set('format', format);
  return fetch(`${server.url}/api/boards/${id}/report?${query}`, {
    headers: token ? { ...headers, Authorization: `Bearer ${token}` } : headers,
  });
}

describe('GET /api/boards/<id>/report', () => {
  it('sends the report as JSON with the session in it', async () => {
    const response = await getReport('json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="regio-overleg-zuid-report.json"',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = (await response.json()) as Report;
    expect(report.version).toBe(1);
    expect(report.board).toEqual({ title: 'Regio-overleg Zuid', task: 'Samen zorg organiseren' });
    expect(report.current).toEqual({ phase: 'richten', round: 1 });
    expect(report.totals).toEqual({ notes: 3, votes: 3, contributors: 3, votingRounds: 1 });
    expect(report.timeline.map((entry) => [entry.phase, entry.actorId])).toEqual([
      ['verkennen', 'user-fay'],
      ['richten', 'user-fay'],
    ]);
    expect(report.phases[0]?.timeSpent).toBe((report.timeline[0]?.to ?? 0) - (report.timeline[0]?.from ?? 0));
    const notes = report.phases.flatMap((phase) =>
      phase.steps.flatMap((step) =>
        step.notes.map((note) => [step.step, note.text, note.authorName, note.votes]),
      ),
    );
    expect(notes).toEqual([
      ['verkennen.eigen-situatie', 'We run two care homes together', 'Ans', 0],
      ['verkennen.partners', 'The library, "of course"', 'Bram', 1],
      ['richten.ambitie', '=A healthy region', 'Ans', 2],
    ]);
    expect(report.contributors).toEqual([
      { id: ans.id, name: 'Ans', notes: 2, votes: 1, edits: 0, moves: 0 },
      { id: bram.id, name: 'Bram', notes: 1, votes: 2, edits: 0, moves: 0 },
      { id: fay.id, name: 'Fay', notes: 0, votes: 0, edits: 1, moves: 1 },
    ]);
    expect(report.skippedSteps).toEqual([
      'verkennen.eigen-situatie',
      'verkennen.partners',
      'verkennen.opgave',
    ]);
    // The draft that was never revealed is nowhere in the report.
    expect(JSON.stringify(report)).not.toContain('secret');
  });

  it('sends the report as Markdown', async () => {
    const response = await getReport('md', board.tokens.participant);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="regio-overleg-zuid-report.md"',
    );
    const markdown = await response.text();
    expect(markdown.startsWith('# Regio-overleg Zuid\n')).toBe(true);
    expect(markdown).toContain('\n## 1. Verkennen (Explore)\n');
    expect(markdown).toContain('\n## 2. Richten (Set direction)\n');
    expect(markdown).toContain('\n### Gezamenlijke ambitie (Shared ambition)\n');
    expect(markdown).toContain('- \\=A healthy region — Ans · yellow · 2 votes\n');
    expect(markdown).toContain('- The library, "of course" — Bram · yellow · 1 vote\n');
    expect(markdown).toContain('- Where the group is: Set direction, round 1');
    expect(markdown).not.toContain('secret');
  });

  it('sends the notes as CSV', async () => {
    const response = await getReport('csv', board.tokens.facilitator);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="regio-overleg-zuid-report.csv"',
    );
    const rows = (await response.text()).split('\r\n');
    expect(rows.map((row) => row.split(',').slice(0, 2).join(','))).toEqual([
      'phase,step',
      'Explore,Own situation',
      'Explore,Possible partners',
      'Set direction,Shared ambition',
      '',
    ]);
    expect(rows[2]).toMatch(/^Explore,Possible partners,"The library, ""of course""",Bram,yellow,1,\d{4}-/);
    expect(rows[3]).toMatch(/^Set direction,Shared ambition,'=A healthy region,Ans,yellow,2,\d{4}-/);
  });

  it("writes the report in the reader's language and time zone", async () => {
    const markdown = await (await getReport('md', board.tokens.observer, board.id, { lang: 'nl' })).text();
    expect(markdown).toContain('\n## Samenvatting\n');
    expect(markdown).toContain('\n## 2. Richten\n');
    expect(markdown).toContain('\n### Gezamenlijke ambitie\n');
    expect(markdown).toContain('- \\=A healthy region — Ans · geel · 2 stemmen\n');
    expect(markdown).toMatch(/Reflectieverslag, gemaakt op \w+dag \d+ \w+ \d{4} om \d\d:\d\d \(UTC\)\./);

    const json = (await (await getReport('json')).json()) as Report;
    const createdAt = json.phases[0]?.steps[0]?.notes[0]?.createdAt ?? 0;
    // India has no summer time: its times are always 5 h 30 min ahead of UTC.
    const india = new Date(createdAt + 5.5 * 60 * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    const csv = await (
      await getReport('csv', board.tokens.observer, board.id, { lang: 'nl', tz: 'Asia/Kolkata' })
    ).text();
    expect(csv.split('\r\n')[1]).toBe(
      `Verkennen,Eigen situatie,We run two care homes together,Ans,geel,0,${india},1,`,
    );
  });

  it('goes by Accept-Language without lang, and is Dutch when that names neither language', async () => {
    const firstLine = async (headers: Record<string, string>) => {
      const response = await getReport('csv', board.tokens.observer, board.id, {}, headers);
      return (await response.text()).split('\r\n')[0];
    };
    expect(await firstLine({ 'Accept-Language': 'en-US,en;q=0.9' })).toBe(
      'phase,step,text,author,colour,votes,created,round,carried from round',
    );
    expect(await firstLine({ 'Accept-Language': 'de-DE, en;q=0.5, nl-BE;q=0.8' })).toMatch(/^fase,stap,/);
    expect(await firstLine({ 'Accept-Language': 'fr, nl;q=0, en;q=0.1' })).toMatch(/^phase,step,/);
    expect(await firstLine({ 'Accept-Language': 'fr' })).toMatch(/^fase,stap,/);
    expect(await firstLine({})).toMatch(/^fase,stap,/);
  });

  it('refuses a language or time zone it does not know with 400', async () => {
    const badZone = 'tz must be an IANA time zone name, such as Europe/Amsterdam or UTC';
    for (const [reader, error] of [
      [{ lang: 'de' }, 'lang must be one of nl, en'],
      [{ lang: '' }, 'lang must be one of nl, en'],
      [{ lang: 'nl', tz: 'Mars/Olympus' }, badZone],
      [{ tz: '' }, badZone],
    ] as const) {
      for (const format of ['md', 'csv', 'json']) {
        const response = await getReport(format, board.tokens.observer, board.id, reader);
        expect(response.status, JSON.stringify(reader)).toBe(400);
        expect(await response.json()).toEqual({ error });
      }
    }
  });

  it('takes the token from the query too', async () => {
    const response = await fetch(
      `${server.url}/api/boards/${board.id}/report?format=csv&token=${board.tokens.observer}`,
    );
    expect(response.status).toBe(200);
  });

  it('refuses an unknown or missing format with 400', async () => {
    for (const format of ['pdf', null, '']) {
      const response = await getReport(format);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'format must be one of md, json, csv, issues-csv' });
    }
  });

  it('refuses like the board route: 401 without a token, 403 for a wrong one, 404 for no board', async () => {
    const missing = await getReport('md', null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect((await getReport('md', 'not-a-token')).status).toBe(403);

    const other = await createBoard(server);
    const wrongBoard = await getReport('md', other.tokens.facilitator);
    expect(wrongBoard.status).toBe(403);
    expect(await wrongBoard.json()).toEqual({ error: 'invalid token' });

    const id = 'A'.repeat(22);
    const token = signToken(server.config.secret, { boardId: id, role: 'observer', expiresAt: 2e9 });
    expect((await getReport('md', token, id)).status).toBe(404);
  });

  it('allows only reading', async () => {
    const response = await fetch(`${server.url}/api/boards/${board.id}/report?format=md`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${board.tokens.observer}` },
    });
    expect(response.status).toBe(405);
  });

  it('reports a fresh board: nothing yet, but every phase and step', async () => {
    const fresh = await createBoard(server, 'Nieuw bord');
    const response = await getReport('md', fresh.tokens.observer, fresh.id);
    expect(response.status).toBe(200);
    const markdown = await response.text();
    expect(markdown).toContain('- The workshop has not started yet.');
    expect(markdown.match(/^### /gm)).toHaveLength(12);
  });
});
