import { type BoardEvent, type BoardState, votesType } from '@kompas/model';
import { SqliteStorage } from '@kompas/relay';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type CreatedBoard,
  createBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
} from './test-support.ts';

const HUGE_TEXT = 'x'.repeat(200_000);
const vote = { round: 'round-1', voter: 'user-ans', note: 'note-1', at: 1_000 };

let dataDir: string;
let server: TestServer | undefined;

beforeEach(async () => {
  dataDir = await tempDir('unstorable');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await removeDir(dataDir);
});

/**
 * Logs votes straight into the board room, past the server's checks, as an older server could have stored
 * them: one with a BigInt (JSON cannot hold it), one with a 200 KB string, then a plain one.
 */
async function logOddVotes(board: CreatedBoard): Promise<void> {
  const storage = new SqliteStorage(dataDir);
  const doc = new Y.Doc();
  const logged: Promise<number>[] = [];
  doc.on('update', (update: Uint8Array) => {
    logged.push(storage.append(board.id, update, { actor: 'participant:old', at: Date.now() }));
  });
  const votes = votesType(doc);
  votes.set('vote-bigint', { ...vote, weight: 10n });
  votes.set('vote-huge', { ...vote, comment: HUGE_TEXT });
  votes.set('vote-plain', { ...vote, voter: 'user-bram' });
  await Promise.all(logged);
  await storage.close();
  doc.destroy();
}

async function getJson(path: string, token: string): Promise<{ status: number; body: unknown }> {
  if (!server) throw new Error('no server');
  const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

async function expectReportAndReplayWork(board: CreatedBoard): Promise<void> {
  const token = board.tokens.facilitator;
  const report = await getJson(`/api/boards/${board.id}/report?format=json`, token);
  expect(report.status).toBe(200);

  const replayed = await getJson(`/api/boards/${board.id}/replay/board?at=${Date.now()}`, token);
  expect(replayed.status).toBe(200);
  const { votes } = (replayed.body as { state: BoardState }).state;
  // Every vote is kept as the model reads it; what no reader uses is not.
  expect(votes).toEqual({
    'vote-bigint': vote,
    'vote-huge': vote,
    'vote-plain': { ...vote, voter: 'user-bram' },
  });

  const events = await getJson(`/api/boards/${board.id}/replay/events`, token);
  expect(events.status).toBe(200);
  const voters = (events.body as { events: BoardEvent[] }).events
    .filter((event) => event.kind === 'vote')
    .map((event) => event.actor);
  expect(voters).toEqual(['user-ans', 'user-ans', 'user-bram']);

  const frames = await getJson(`/api/boards/${board.id}/replay/frames`, token);
  expect(frames.status).toBe(200);
  expect(JSON.stringify(frames.body)).not.toContain(HUGE_TEXT);
}

describe('votes logged with values the replay index cannot store as they are', () => {
  it('leave reports and replays working, also after a restart', async () => {
    server = await startTestServer(dataDir);
    const board = await createBoard(server);
    await server.close();
    await logOddVotes(board);

    server = await startTestServer(dataDir);
    await expectReportAndReplayWork(board);
    await server.close();

    server = await startTestServer(dataDir);
    await expectReportAndReplayWork(board);
  });
});
