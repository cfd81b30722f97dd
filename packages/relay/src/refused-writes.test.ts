import { CloseCode } from '@kompas/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { BUDGET_REASONS } from './budgets.ts';
import { MemoryStorage } from './memory-storage.ts';
import { encodeUpdate } from './protocol.ts';
import { REFUSED_WRITES_WINDOW_MS, RefusedWrites } from './refused-writes.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let server: TestServer | null = null;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.close();
  server = null;
});

/** Opens a socket from `address` and resolves with how the server closes it, after sending `frame` if any. */
async function closeOf(address: string, frame?: Uint8Array): Promise<{ code: number; reason: string }> {
  if (!server) throw new Error('no server');
  const socket = new WebSocket(`${server.url}/board?address=${address}`);
  sockets.push(socket);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: `${reason}` })),
  );
  await new Promise((resolve) => socket.once('open', resolve));
  if (frame) socket.send(frame);
  return closed;
}

function refusedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('notes').set('refused', 1);
  return Y.encodeStateAsUpdate(doc);
}

describe('refused writes per address', () => {
  it('counts a minute back, per address', () => {
    let now = 0;
    const refused = new RefusedWrites(2, () => now);
    refused.record('a');
    refused.record('a');
    expect(refused.allows('a')).toBe(false);
    expect(refused.allows('b')).toBe(true);
    now = REFUSED_WRITES_WINDOW_MS + 1;
    expect(refused.allows('a')).toBe(true);
  });

  it('keep an address that keeps sending refused writes out of every room for a while, and no other', async () => {
    server = await startTestServer({
      storage: new MemoryStorage(),
      maxRefusedWritesPerMinute: 2,
      validator: () => (doc) => (doc.getMap('notes').has('refused') ? 'refused' : null),
    });
    const frame = encodeUpdate(refusedUpdate());
    expect((await closeOf('10.0.0.1', frame)).code).toBe(CloseCode.invalidData);
    expect((await closeOf('10.0.0.1', frame)).code).toBe(CloseCode.invalidData);
    expect(await closeOf('10.0.0.1')).toEqual({
      code: CloseCode.overBudget,
      reason: BUDGET_REASONS.refusedWrites,
    });
    expect(server.relay.stats().overBudget.refusedWrites).toBe(1);
    // Another address is not held back: its refused write is refused as usual.
    expect((await closeOf('10.0.0.2', frame)).code).toBe(CloseCode.invalidData);
  });
});
