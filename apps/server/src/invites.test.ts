import { getBoardMeta, type Report, setBoardMeta } from '@kompas/model';
import { parseBoardInfo, parseBoardInvites, type Role } from '@kompas/protocol';
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
import { verifyToken } from './tokens.ts';

const PUBLIC_URL = 'https://kompas.example.org';
let dataDir: string;
let server: TestServer;
let board: CreatedBoard;
const clients: Client[] = [];

beforeAll(async () => {
  dataDir = await tempDir('invites');
  server = await startTestServer(dataDir, ['--public-url', PUBLIC_URL]);
  board = await createBoard(server, 'Zorgregio West', '');
});
afterAll(async () => {
  closeClients(...clients);
  await server.close();
  await removeDir(dataDir);
});

function getInvites(boardId: string, token?: string) {
  return fetch(
    `${server.url}/api/boards/${boardId}/invites`,
    token ? { headers: { Authorization: `Bearer ${token}` } } : {},
  );
}

async function invitesOf(role: Role) {
  const response = await getInvites(board.id, board.tokens[role]);
  expect(response.status).toBe(200);
  return parseBoardInvites(await response.json());
}

/** The token in an invite link's fragment. */
function linkToken(link: string): string {
  return new URL(link).hash.replace(/^#token=/, '');
}

describe('GET /api/boards/<id>/invites', () => {
  it('gives a facilitator the three links the board was created with', async () => {
    expect(await invitesOf('facilitator')).toEqual({ links: board.links });
  });

  it('gives a participant only the participant link', async () => {
    expect(await invitesOf('participant')).toEqual({ links: { participant: board.links.participant } });
  });

  it('gives an observer no link', async () => {
    const response = await getInvites(board.id, board.tokens.observer);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'observers do not invite others' });
  });

  it('asks who has not joined yet to join first, and refuses a missing token or another board’s', async () => {
    const invite = await getInvites(board.id, board.invites.facilitator);
    expect(invite.status).toBe(401);
    expect(await invite.json()).toEqual({ error: 'join the board first' });
    expect((await getInvites(board.id)).status).toBe(401);
    const other = await createBoard(server);
    const crossed = await getInvites(board.id, other.tokens.facilitator);
    expect(crossed.status).toBe(403);
  });

  it('hands out links that join the board in their own role', async () => {
    const { links } = await invitesOf('facilitator');
    for (const role of ['facilitator', 'participant', 'observer'] as const) {
      const link = links[role] ?? '';
      expect(link.startsWith(`${PUBLIC_URL}/b/${board.id}#token=`)).toBe(true);
      const joined = await joinBoard(server, board.id, linkToken(link), `Laatkomer ${role}`);
      expect(joined.person.role).toBe(role);
    }
  });

  it('hands out links that expire as the board’s first links do, however late they are asked for', async () => {
    const info = parseBoardInfo(
      await (
        await fetch(`${server.url}/api/boards/${board.id}`, {
          headers: { Authorization: `Bearer ${board.tokens.participant}` },
        })
      ).json(),
    );
    const { links } = await invitesOf('participant');
    const check = verifyToken(server.config.secret, linkToken(links.participant));
    if (!check.ok) throw new Error('the handed-out link does not verify');
    const ttlSeconds = server.config.tokenTtlDays * 86_400;
    expect(check.claims.expiresAt).toBe(Math.floor(info.createdAt / 1000 + ttlSeconds));
  });

  it('answers only GET and HEAD', async () => {
    const response = await fetch(`${server.url}/api/boards/${board.id}/invites`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(response.status).toBe(405);
  });
});

describe('a facilitator changing the title and joint task', () => {
  it('reaches the others, the board’s info and the report; a participant’s change is refused', async () => {
    const edited = await createBoard(server, 'Zorgregio Oost', '');
    const facilitator = await connectSynced(server, edited.id, edited.tokens.facilitator, clients);
    const observer = await connectSynced(server, edited.id, edited.tokens.observer, clients);
    const participant = await connectSynced(server, edited.id, edited.tokens.participant, clients);

    setBoardMeta(facilitator.doc, {
      title: 'Zorgregio Oost 2025',
      task: 'Samen de wijkzorg en de huisartsenzorg organiseren',
    });
    await waitFor(
      () => getBoardMeta(observer.doc)?.title === 'Zorgregio Oost 2025',
      'the observer to see it',
    );

    const headers = { Authorization: `Bearer ${edited.tokens.observer}` };
    const report = (await (
      await fetch(`${server.url}/api/boards/${edited.id}/report?format=json`, { headers })
    ).json()) as Report;
    expect(report.board).toEqual({
      title: 'Zorgregio Oost 2025',
      task: 'Samen de wijkzorg en de huisartsenzorg organiseren',
    });
    // The registry follows once the index took the change in (the report waited for it).
    const info = parseBoardInfo(
      await (await fetch(`${server.url}/api/boards/${edited.id}`, { headers })).json(),
    );
    expect(info.title).toBe('Zorgregio Oost 2025');

    const refused = new Promise<{ code: number; reason: string }>((resolve) =>
      participant.provider.once('closed', (event) => resolve(event)),
    );
    setBoardMeta(participant.doc, { title: 'Overgenomen' });
    expect(await refused).toEqual({
      code: 4422,
      reason: 'invalid board data: only facilitators change the board’s title and task',
    });
    expect(getBoardMeta(observer.doc)?.title).toBe('Zorgregio Oost 2025');
  });
});
