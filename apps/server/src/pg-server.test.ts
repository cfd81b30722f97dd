import { createNote, listNotes } from '@kompas/model';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describePg, freshDatabase, type TestDatabase } from '../../../packages/relay/src/pg-test-support.ts';
import {
  type Client,
  closeClients,
  closeOf,
  connectSynced,
  createBoard,
  joinBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
} from './test-support.ts';

describePg('servers sharing one PostgreSQL database', () => {
  let database: TestDatabase;
  let servers: TestServer[];
  let dataDirs: string[];
  let clients: Client[];
  beforeEach(async () => {
    database = await freshDatabase();
    servers = [];
    dataDirs = [];
    clients = [];
  });
  afterEach(async () => {
    closeClients(...clients);
    await Promise.all(servers.map((server) => server.close()));
    await database.drop();
    await Promise.all(dataDirs.map(removeDir));
  });

  /**
   * One more server on the database, with no secret configured. They all name the same data folder, as servers
   * given one volume would: with a database it holds nothing, and does not keep a second server out.
   */
  async function start(argv: readonly string[] = []): Promise<TestServer> {
    const dataDir = dataDirs[0] ?? (await tempDir('pg-server'));
    if (dataDirs.length === 0) dataDirs.push(dataDir);
    const server = await startTestServer(dataDir, ['--database-url', database.url, ...argv]);
    servers.push(server);
    return server;
  }

  function boardAs(server: TestServer, boardId: string, token: string) {
    return fetch(`${server.url}/api/boards/${boardId}`, { headers: { Authorization: `Bearer ${token}` } });
  }

  it('share boards, people and the secret: what one server made works on another', async () => {
    const [a, b] = [await start(), await start()];
    expect(a.secret).toBe(b.secret);
    const board = await createBoard(a);
    const onB = await boardAs(b, board.id, board.tokens.participant);
    expect(onB.status).toBe(200);
    expect((await onB.json()).person).toEqual({ ...board.people.participant, role: 'participant' });
    const bram = await joinBoard(b, board.id, board.invites.participant, 'Bram');
    expect((await (await boardAs(a, board.id, bram.token)).json()).person).toEqual(bram.person);
  });

  it('let a person rename through one server and write under the new name through another', async () => {
    const [a, b] = [await start(), await start()];
    const board = await createBoard(a);
    const observer = await connectSynced(b, board.id, board.tokens.observer, clients);
    const renamed = await fetch(`${a.url}/api/boards/${board.id}/people/me`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${board.tokens.participant}` },
      body: JSON.stringify({ name: 'Anna' }),
    });
    expect(renamed.status).toBe(200);
    // Server B never saw Ans join nor rename: her connection reads her afresh.
    const ans = await connectSynced(b, board.id, board.tokens.participant, clients);
    createNote(ans.doc, {
      text: 'Onder mijn nieuwe naam',
      step: 'verkennen.partners',
      author: { id: board.people.participant.id, name: 'Anna' },
    });
    await waitFor(() => listNotes(observer.doc).length === 1, 'Anna’s note');
    expect(listNotes(observer.doc)[0]?.authorName).toBe('Anna');
  });

  it('share the board limit: two servers allow what one would', async () => {
    const [a, b] = [await start(['--board-limit', '2']), await start(['--board-limit', '2'])];
    const statuses = [];
    for (const server of [a, b, a, b]) {
      const response = await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Overleg', task: '' }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([201, 201, 429, 429]);
  });

  it('do not start on a database they cannot use, and leave their data folder free', async () => {
    const dataDir = await tempDir('pg-server');
    dataDirs.push(dataDir);
    const missing = new URL(database.url);
    missing.pathname = '/kompas_no_such_database';
    await expect(startTestServer(dataDir, ['--database-url', missing.toString()])).rejects.toThrow(
      /does not exist/,
    );
    servers.push(await startTestServer(dataDir));
  });

  it('answer ready while the database answers, and not once it is gone', async () => {
    const server = await start();
    const board = await createBoard(server);
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ready: true,
      checks: { database: 'ok', redis: 'not configured' },
    });
    await database.drop();
    const gone = await fetch(`${server.url}/readyz`);
    expect(gone.status).toBe(503);
    expect(await gone.json()).toEqual({
      ready: false,
      checks: { database: 'failing', redis: 'not configured' },
    });
    expect(server.logs.join('\n')).toContain('readiness check failed');
    // A room cannot be opened without reading the person: the upgrade is answered 503, and the client tries again.
    expect((await closeOf(server, `/ws/${board.id}?token=${board.tokens.participant}`)).code).toBe(1006);
    expect(server.logs.join('\n')).toContain('ws upgrade failed');
    // Liveness is another matter: the process still runs.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
