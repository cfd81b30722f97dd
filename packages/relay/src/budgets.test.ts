import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { CloseCode } from '@kompas/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BUDGET_REASONS } from './budgets.ts';
import { MemoryStorage } from './memory-storage.ts';
import { mergeState } from './merge-state.ts';
import { encodeUpdate } from './protocol.ts';
import { createRelay, type RelayOptions } from './relay.ts';
import { connectClient, startTestServer, type TestServer, waitFor } from './test-server.ts';
import { TokenBucket } from './token-bucket.ts';

let server: TestServer | null = null;
const providers: WebsocketProvider[] = [];
const sockets: Array<WebSocket | Socket> = [];

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  for (const socket of sockets.splice(0)) {
    if (socket instanceof WebSocket) socket.terminate();
    else socket.destroy();
  }
  await server?.close();
  server = null;
});

async function start(options: Partial<RelayOptions> = {}): Promise<TestServer> {
  server = await startTestServer({ storage: new MemoryStorage(), ...options });
  return server;
}

function client(room: string) {
  if (!server) throw new Error('no server');
  const doc = new Y.Doc();
  const provider = connectClient(server, room, doc);
  providers.push(provider);
  return { doc, provider, text: doc.getText('text') };
}

interface Closed {
  code: number;
  reason: string;
}

/** A raw WebSocket; `closed` resolves with how the server closed it. */
async function rawSocket(path: string): Promise<{ socket: WebSocket; closed: Promise<Closed> }> {
  if (!server) throw new Error('no server');
  const socket = new WebSocket(`${server.url}/${path}`);
  sockets.push(socket);
  const closed = new Promise<Closed>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: `${reason}` })),
  );
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { socket, closed };
}

/** A socket that is refused may be closed before it opens; this resolves with its close either way. */
function closeOf(path: string): Promise<Closed> {
  if (!server) throw new Error('no server');
  const socket = new WebSocket(`${server.url}/${path}`);
  sockets.push(socket);
  socket.on('error', () => {});
  return new Promise((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: `${reason}` })),
  );
}

/** Resolves with the close, or with null once `ms` passed without one: a budget that is off never closes. */
function within(closed: Promise<Closed>, ms = 3000): Promise<Closed | null> {
  return Promise.race([closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
}

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('text').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Two updates of one writer, the second depending on the first: alone, the second waits (is pending). */
function dependentUpdates(first: string, second: string): [Uint8Array, Uint8Array] {
  const doc = new Y.Doc();
  const text = doc.getText('text');
  text.insert(0, first);
  const known = Y.encodeStateVector(doc);
  const firstUpdate = Y.encodeStateAsUpdate(doc);
  text.insert(text.length, second);
  return [firstUpdate, Y.encodeStateAsUpdate(doc, known)];
}

describe('TokenBucket', () => {
  it('lets a burst through, then only what flowed in since', () => {
    let now = 0;
    const bucket = new TokenBucket(100, 300, () => now);
    expect(bucket.take(300)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now = 500;
    expect(bucket.take(60)).toBe(false);
    expect(bucket.take(50)).toBe(true);
    now = 60_000;
    expect(bucket.take(301)).toBe(false);
    expect(bucket.take(300)).toBe(true);
  });
});

describe('Relay budgets', () => {
  it('will not start with a burst smaller than the largest frame, which could then never pass', () => {
    expect(() =>
      createRelay({ storage: new MemoryStorage(), maxFrameBytes: 2000, burstBytes: 1000 }),
    ).toThrow(RangeError);
  });

  it('closes a writer past its bytes per second with 4429, and the room goes on for the others', async () => {
    const storage = new MemoryStorage();
    // A rate no test sends at, so only the burst counts: the writer passes it by the fourth frame.
    await start({ storage, bytesPerSecond: 1, burstBytes: 40_000, maxFrameBytes: 40_000 });
    const alice = client('board');
    const bob = client('board');
    await waitFor(() => alice.provider.synced && bob.provider.synced, 'sync');
    const { socket, closed } = await rawSocket('board');
    for (let index = 0; index < 8 && socket.readyState === WebSocket.OPEN; index++) {
      socket.send(encodeUpdate(textUpdate('x'.repeat(12_000))));
    }
    expect(await within(closed)).toEqual({
      code: CloseCode.overBudget,
      reason: BUDGET_REASONS.bytesPerSecond,
    });
    expect(server?.relay.stats().overBudget.bytesPerSecond).toBe(1);
    // What passed before the budget did is stored (three frames); nothing after it.
    await server?.relay.flush();
    expect((await storage.readLog('board')).length).toBe(3);

    alice.text.insert(0, 'still here');
    await waitFor(() => bob.text.toString().includes('still here'), 'bob to keep receiving');
    expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true);
  });

  it('refuses connections past the per-address budget, not those of another address, and counts closes', async () => {
    await start({ maxConnectionsPerAddress: 2 });
    const first = await rawSocket('board?address=10.0.0.1');
    await rawSocket('other?address=10.0.0.1');
    expect(await within(closeOf('board?address=10.0.0.1'))).toEqual({
      code: CloseCode.overBudget,
      reason: BUDGET_REASONS.connectionsPerAddress,
    });
    const elsewhere = await rawSocket('board?address=10.0.0.2');
    expect(elsewhere.socket.readyState).toBe(WebSocket.OPEN);
    expect(server?.relay.stats().overBudget.connectionsPerAddress).toBe(1);

    // A closed connection no longer counts.
    first.socket.close();
    await first.closed;
    await waitFor(() => server?.relay.stats().connections === 2, 'the close to be counted');
    const again = await rawSocket('board?address=10.0.0.1');
    expect(await within(again.closed, 200)).toBeNull();
  });

  it('refuses connections past the per-room budget, and other rooms stay open', async () => {
    await start({ maxConnectionsPerRoom: 2 });
    await rawSocket('board?address=10.0.0.1');
    await rawSocket('board?address=10.0.0.2');
    expect(await within(closeOf('board?address=10.0.0.3'))).toEqual({
      code: CloseCode.overBudget,
      reason: BUDGET_REASONS.connectionsPerRoom,
    });
    const other = await rawSocket('other?address=10.0.0.3');
    expect(other.socket.readyState).toBe(WebSocket.OPEN);
    expect(server?.relay.stats().overBudget.connectionsPerRoom).toBe(1);
  });

  // A room with a validator refuses such a write outright (MISSING_PARTS, write-attempt.test.ts).
  it('refuses a write that takes the pending bytes of a room without a validator past the budget', async () => {
    const storage = new MemoryStorage();
    await start({ storage, maxPendingBytes: 1000 });
    const [first, second] = dependentUpdates('a', 'b'.repeat(2000));
    // Connected throughout, so the room stays loaded.
    const reader = client('board');
    await waitFor(() => reader.provider.synced, 'sync');

    const { socket, closed } = await rawSocket('board');
    socket.send(encodeUpdate(second));
    expect(await within(closed)).toEqual({ code: CloseCode.overBudget, reason: BUDGET_REASONS.pendingBytes });
    expect(server?.relay.stats().overBudget.pendingBytes).toBe(1);
    expect(server?.relay.roomStats('board')?.pendingBytes).toBe(0);

    const writer = await rawSocket('board');
    writer.socket.send(encodeUpdate(first));
    await waitFor(() => reader.text.toString() === 'a', 'the first part to arrive on its own');
    expect(await within(writer.closed, 100)).toBeNull();
    expect(textOf((await storage.readLog('board')).map((entry) => entry.update))).toBe('a');
  });

  it('keeps pending bytes under the budget only until the next ping interval but one', async () => {
    await start({ pingInterval: 100 });
    const [first, second] = dependentUpdates('a', 'b');
    const { socket, closed } = await rawSocket('board');
    socket.send(encodeUpdate(second));
    await waitFor(() => (server?.relay.roomStats('board')?.pendingBytes ?? 0) > 0, 'the write to wait');
    await waitFor(() => server?.relay.roomStats('board')?.pendingBytes === 0, 'it to be dropped');
    // Dropped, not integrated: the first part now arrives alone.
    socket.send(encodeUpdate(first));
    const reader = client('board');
    await waitFor(() => reader.provider.synced && reader.text.toString() === 'a', 'the first part');
    expect(await within(closed, 100)).toBeNull();
  });

  it("refuses a write that would take a board's stored bytes past the budget, across its rooms and loads", async () => {
    const storage = new MemoryStorage();
    const board = (room: string) => {
      const id = room.split('.')[0] ?? room;
      return { id, rooms: [id, `${id}.control`] };
    };
    await start({ storage, maxStoredBytes: 3000, budgetGroup: board });
    const first = await rawSocket('b1');
    first.socket.send(encodeUpdate(textUpdate('x'.repeat(2000))));
    await waitFor(async () => (await storage.logBytes('b1')) > 2000, 'the first write to be stored');

    const control = await rawSocket('b1.control');
    control.socket.send(encodeUpdate(textUpdate('y'.repeat(1500))));
    expect(await within(control.closed)).toEqual({
      code: CloseCode.overBudget,
      reason: BUDGET_REASONS.storedBytes,
    });
    expect(await storage.readLog('b1.control')).toEqual([]);
    expect(server?.relay.stats().overBudget.storedBytes).toBe(1);

    // Another board has its own budget.
    const other = await rawSocket('b2');
    other.socket.send(encodeUpdate(textUpdate('z'.repeat(1500))));
    await waitFor(async () => (await storage.logBytes('b2')) > 1500, 'the other board to be written');

    // Unloaded and loaded again, the board's total is read from storage.
    first.socket.close();
    await waitFor(() => server?.relay.roomStats('b1') === undefined, 'the board to unload');
    const later = await rawSocket('b1.control');
    later.socket.send(encodeUpdate(textUpdate('y'.repeat(1500))));
    expect((await within(later.closed))?.code).toBe(CloseCode.overBudget);
    expect(await storage.readLog('b1.control')).toEqual([]);
    expect((await within(other.closed, 100))?.code).toBeUndefined();
  });

  it('closes a connection that leaves a frame half-sent past the deadline, and no other', async () => {
    await start({ frameDeadlineMs: 200 });
    const alice = client('board');
    await waitFor(() => alice.provider.synced, 'sync');
    const { socket, received } = await handshake('board');
    // A binary frame announcing 1000 bytes, of which 10 are sent.
    const header = Buffer.from([0x82, 0x80 | 126, 0x03, 0xe8]);
    socket.write(Buffer.concat([header, randomBytes(4), randomBytes(10)]));
    await waitFor(() => closeFrameIn(received()) !== null, 'a close frame', 3000);
    expect(closeFrameIn(received())).toEqual({
      code: CloseCode.overBudget,
      reason: BUDGET_REASONS.frameDeadline,
    });
    expect(server?.relay.stats().overBudget.frameDeadline).toBe(1);
    alice.text.insert(0, 'still connected');
    await waitFor(() => server?.relay.stats().connections === 1, 'the half-sent connection to be gone');
    expect(alice.provider.wsconnected).toBe(true);
  });
});

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, mergeState(updates));
  return doc.getText('text').toString();
}

/** A WebSocket handshake over a raw TCP socket, so the test can send frames no WebSocket client would. */
async function handshake(room: string): Promise<{ socket: Socket; received: () => Buffer }> {
  if (!server) throw new Error('no server');
  const { hostname, port } = new URL(server.url);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `GET /${room} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  const all = () => Buffer.concat(chunks);
  await waitFor(() => all().includes('\r\n\r\n'), 'the handshake answer');
  expect(all().toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
  return { socket, received: () => all().subarray(all().indexOf('\r\n\r\n') + 4) };
}

/** The code and reason of the first close frame among the server's (unmasked) frames, or null. */
function closeFrameIn(frames: Buffer): Closed | null {
  let offset = 0;
  while (offset + 2 <= frames.length) {
    const opcode = (frames[offset] as number) & 0x0f;
    let length = (frames[offset + 1] as number) & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      length = frames.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(frames.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > frames.length) return null;
    if (opcode === 0x8) {
      const payload = frames.subarray(start, start + length);
      return { code: payload.readUInt16BE(0), reason: payload.subarray(2).toString('utf8') };
    }
    offset = start + length;
  }
  return null;
}
