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

const ans = { id: 'user-ans', name: 'Ans' };
const bram = { id: 'user-bram', name: 'Bram' };

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
  const control = await join(`${board.id}.control`, board.tokens.facilitator);
  const content = await join(board.id, board.tokens.participant);
  const drafts = await join(`${board.id}.drafts`, board.tokens.participant);
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
  createNote(content.doc, {
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
  await waitFor(() => listNotes(content.doc).length === 3, 'the notes');
  // Fay, the facilitator, writes no note but tidies two: what she did is told apart by her presence.
  const fay = await join(board.id, board.tokens.facilitator);
  fay.provider.awareness.setLocalStateField('user', { id: 'user-fay', name: 'Fay', color: '#0b7285' });
  await waitFor(
    () =>
      [...watchContent.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Fay'),
    "Fay's presence",
  );
  await waitFor(() => listNotes(fay.doc).length === 3, 'the notes to reach Fay');
  moveNote(fay.doc, 'library', 'verkennen.partners', { r: 0.4, t: 0.2 });
  editNote(fay.doc, 'own', 'We run two care homes together');
  placeVote(content.doc, round, { note: 'ambition', voter: ans.id });
  placeVote(content.doc, round, { note: 'ambition', voter: bram.id });
  placeVote(content.doc, round, { note: 'library', voter: bram.id });
  closeVotingRound(control.doc);

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

function getReport(format: string | null, token: string | null = board.tokens.observer, id = board.id) {
  const query = format === null ? '' : `?format=${encodeURIComponent(format)}`;
  return fetch(`${server.url}/api/boards/${id}/report${query}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
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
      { id: 'user-fay', name: 'Fay', notes: 0, votes: 0, edits: 1, moves: 1 },
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
    expect(markdown).toContain('\n## 1. Verkennen — Explore\n');
    expect(markdown).toContain('\n## 2. Richten — Set direction\n');
    expect(markdown).toContain('\n### Gezamenlijke ambitie — Shared ambition\n');
    expect(markdown).toContain('- \\=A healthy region — Ans · yellow · 2 votes\n');
    expect(markdown).toContain('- The library, "of course" — Bram · yellow · 1 vote\n');
    expect(markdown).toContain('- Where the group is: Richten, round 1');
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
      'Verkennen,Eigen situatie',
      'Verkennen,Mogelijke partners',
      'Richten,Gezamenlijke ambitie',
      '',
    ]);
    expect(rows[2]).toMatch(
      /^Verkennen,Mogelijke partners,"The library, ""of course""",Bram,yellow,1,\d{4}-/,
    );
    expect(rows[3]).toMatch(/^Richten,Gezamenlijke ambitie,'=A healthy region,Ans,yellow,2,\d{4}-/);
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
      expect(await response.json()).toEqual({ error: 'format must be one of md, json, csv' });
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
