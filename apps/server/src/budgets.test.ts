import { createNote, listNotes } from '@kompas/model';
import { CloseCode } from '@kompas/protocol';
import { BUDGET_REASONS, SqliteStorage } from '@kompas/relay';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { boardRooms } from './rooms.ts';
import {
  type Client,
  closeClients,
  closeOf,
  connectSynced,
  createBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
} from './test-support.ts';

const STEP = 'verkennen.eigen-situatie';
let dataDir: string;
let server: TestServer | null;
let clients: Client[];
const sockets: WebSocket[] = [];

beforeEach(async () => {
  dataDir = await tempDir('budgets');
  server = null;
  clients = [];
});
afterEach(async () => {
  closeClients(...clients);
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.close();
  await removeDir(dataDir);
});

async function start(argv: string[]): Promise<TestServer> {
  server = await startTestServer(dataDir, argv);
  return server;
}

/** Resolves with a client's next close code, or null once `ms` passed without one. */
function nextClose(client: Client, ms = 5000): Promise<{ code: number; reason: string } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    client.provider.once('connection-close', (event) => {
      clearTimeout(timer);
      resolve(event ? { code: event.code, reason: event.reason } : null);
    });
  });
}

describe('server budgets', () => {
  it('refuses a connection past the per-address budget with 4429, and takes one again after a close', async () => {
    const running = await start(['--connections-per-address', '2']);
    const board = await createBoard(running);
    const token = board.tokens.participant;
    const first = await connectSynced(running, board.id, token, clients);
    await connectSynced(running, `${board.id}.control`, token, clients);
    expect(await closeOf(running, `/ws/${board.id}?token=${token}`)).toEqual({
      code: CloseCode.overBudget,
      reason: BUDGET_REASONS.connectionsPerAddress,
    });
    // Both open connections still work.
    expect(first.provider.wsconnected).toBe(true);

    closeClients(first);
    // The upgrade logs a close after the relay stopped counting it.
    await waitFor(() => running.logs.some((line) => line.includes('ws close')), 'the close to be counted');
    const again = await connectSynced(running, board.id, token, clients);
    expect(again.provider.wsconnected).toBe(true);
  });

  it('closes a frame over the frame size with 1009, and the room goes on', async () => {
    const running = await start(['--max-frame-bytes', '128KiB']);
    const board = await createBoard(running);
    const reader = await connectSynced(running, board.id, board.tokens.observer, clients);
    const writer = await connectSynced(running, board.id, board.tokens.participant, clients);
    const socket = new WebSocket(
      `${running.url.replace(/^http/, 'ws')}/ws/${board.id}?token=${board.tokens.participant}`,
    );
    sockets.push(socket);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(new Uint8Array(128 * 1024 + 1));
    expect(await closed).toBe(CloseCode.tooLarge);

    createNote(writer.doc, { text: 'after the big frame', step: STEP, author: board.people.participant });
    await waitFor(() => listNotes(reader.doc).length === 1, 'the note to be relayed');
  });

  it("closes a writer that would take the board's stored bytes past the budget, and stores no more", async () => {
    const budget = 16 * 1024;
    const running = await start(['--stored-bytes-per-board', `${budget}`]);
    const board = await createBoard(running);
    const other = await createBoard(running);
    const writer = await connectSynced(running, board.id, board.tokens.participant, clients);
    const closing = nextClose(writer);
    const text = 'x'.repeat(400);
    for (let index = 0; index < 100 && writer.provider.wsconnected; index++) {
      createNote(writer.doc, { text, step: STEP, author: board.people.participant });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await closing).toEqual({ code: CloseCode.overBudget, reason: BUDGET_REASONS.storedBytes });

    // Another board is not affected.
    const elsewhere = await connectSynced(running, other.id, other.tokens.participant, clients);
    createNote(elsewhere.doc, { text, step: STEP, author: other.people.participant });
    const watcher = await connectSynced(running, other.id, other.tokens.observer, clients);
    await waitFor(() => listNotes(watcher.doc).length === 1, 'the other board to take a note');

    await running.close();
    server = null;
    const storage = new SqliteStorage(dataDir);
    try {
      const sizes = await Promise.all(boardRooms(board.id).map((room) => storage.logBytes(room)));
      const stored = sizes.reduce((sum, size) => sum + size, 0);
      expect(stored).toBeLessThanOrEqual(budget);
      expect(stored).toBeGreaterThan(budget / 2);
    } finally {
      await storage.close();
    }
  });
});
