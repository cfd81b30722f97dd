import { CloseCode } from '@kompas/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { MemoryStorage } from './memory-storage.ts';
import { encodeUpdate } from './protocol.ts';
import { startTestServer, type TestServer, waitFor } from './test-server.ts';
import { type ChangeValidator, TOO_DEEP, type WriteAttempt } from './write-check.ts';

let server: TestServer | null = null;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.close();
  server = null;
});

async function open(path: string): Promise<WebSocket> {
  if (!server) throw new Error('no server');
  const socket = new WebSocket(`${server.url}/${path}`);
  sockets.push(socket);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return socket;
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: `${reason}` })),
  );
}

function mapUpdate(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('notes').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

describe('what a validator is told about a write', () => {
  it('names the writer, gives the change while its deletions are readable, and the companion room, loaded first', async () => {
    const storage = new MemoryStorage();
    const control = new Y.Doc();
    control.getMap('lock').set('all', true);
    await storage.append('board.control', Y.encodeStateAsUpdate(control), { actor: 'test', at: 0 });
    const seen: { person: string; role: string; deleted: unknown; companionLock: unknown }[] = [];
    const validator: ChangeValidator = (doc, _transaction, attempt: WriteAttempt) => {
      // What the change deleted keeps its content until its transaction ends: what was before is readable.
      const entry = doc.getMap('notes')._map.get('a');
      seen.push({
        person: attempt.writer.person,
        role: attempt.writer.role,
        deleted: entry?.deleted ? entry.content.getContent()[0] : null,
        companionLock: attempt.companion?.getMap('lock').get('all'),
      });
      return doc.getMap('notes').has('b') ? { reason: 'too many notes', code: 4429 } : null;
    };
    server = await startTestServer({
      storage,
      validator: (room) => (room === 'board' ? validator : undefined),
      companion: (room) => (room === 'board' ? 'board.control' : undefined),
    });
    const ana = await open('board?person=ana');
    const first = mapUpdate('a', 'first');
    ana.send(encodeUpdate(first));
    await waitFor(() => seen.length === 1, 'the first write to be checked');
    // The companion is in memory while its room is, though nobody connected to it.
    expect(server.relay.roomStats('board.control')).toBeDefined();
    expect(seen[0]).toEqual({ person: 'ana', role: 'participant', deleted: null, companionLock: true });

    const ben = await open('board?person=ben&role=facilitator');
    const refusal = closed(ben);
    const second = new Y.Doc();
    Y.applyUpdate(second, first);
    const known = Y.encodeStateVector(second);
    second.getMap('notes').delete('a');
    second.getMap('notes').set('b', 'one too many');
    ben.send(encodeUpdate(Y.encodeStateAsUpdate(second, known)));
    // A refusal with its own code closes with that code, not 4422.
    expect(await refusal).toEqual({ code: 4429, reason: 'too many notes' });
    expect(seen[1]).toMatchObject({ person: 'ben', role: 'facilitator', deleted: 'first' });
  });

  it('refuses what the precheck refuses without applying it, while a validator refusal rebuilds the document', async () => {
    server = await startTestServer({
      storage: new MemoryStorage(),
      validator: () => (doc) => (doc.getMap('notes').has('refused') ? 'refused by the validator' : null),
      precheck: () => (update) => (Y.decodeUpdate(update).structs.length > 1 ? 'more than one item' : null),
    });
    // Keeps the room loaded while the writers are closed.
    await open('board?role=observer');
    const first = await open('board');
    const precheckRefusal = closed(first);
    const twoItems = new Y.Doc();
    twoItems.getMap('notes').set('a', 1);
    twoItems.getMap('notes').set('b', 2);
    first.send(encodeUpdate(Y.encodeStateAsUpdate(twoItems)));
    expect(await precheckRefusal).toEqual({ code: 4422, reason: 'invalid board data: more than one item' });
    expect(server.relay.roomStats('board')?.rebuilds).toBe(0);

    const second = await open('board');
    const validatorRefusal = closed(second);
    second.send(encodeUpdate(mapUpdate('refused', 1)));
    expect(await validatorRefusal).toEqual({
      code: 4422,
      reason: 'invalid board data: refused by the validator',
    });
    expect(server.relay.roomStats('board')?.rebuilds).toBe(1);
    expect(server.relay.stats().rejectedWrites).toBe(2);
  });

  it('unloads the companion with the last room that holds it', async () => {
    server = await startTestServer({
      storage: new MemoryStorage(),
      companion: (room) => (room === 'board' ? 'board.control' : undefined),
    });
    const socket = await open('board');
    await waitFor(() => server?.relay.roomStats('board.control') !== undefined, 'the companion to load');
    socket.close();
    await waitFor(() => server?.relay.stats().rooms === 0, 'both rooms to unload');
  });

  it('refuses an update whose dependencies the room lacks, with a code clients retry on, and keeps nothing of it', async () => {
    const storage = new MemoryStorage();
    server = await startTestServer({ storage, validator: () => () => null });
    const writer = new Y.Doc();
    const text = writer.getText('text');
    text.insert(0, 'first');
    const first = Y.encodeStateAsUpdate(writer);
    text.insert(5, ' second');
    const second = Y.encodeStateAsUpdate(writer, Y.encodeStateVectorFromUpdate(first));

    const socket = await open('board');
    const refusal = closed(socket);
    socket.send(encodeUpdate(second));
    expect((await refusal).code).toBe(CloseCode.missingParts);

    // In order, both are taken: nothing of the refused one stayed behind to be integrated later.
    const retry = await open('board');
    retry.send(encodeUpdate(first));
    retry.send(encodeUpdate(second));
    await waitFor(async () => (await storage.readLog('board')).length === 2, 'both updates to be stored');
    expect(retry.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses an update nesting a value deeper than it can read as invalid data, not as a broken frame', async () => {
    server = await startTestServer({ storage: new MemoryStorage(), validator: () => () => null });
    const socket = await open('board');
    const refusal = closed(socket);
    socket.send(encodeUpdate(deeplyNested(200_000)));
    expect(await refusal).toEqual({ code: CloseCode.invalidData, reason: `invalid board data: ${TOO_DEEP}` });
  });
});

/**
 * An update setting a list nested `depth` times: written by hand, as Yjs's own encoder runs out of stack
 * before the reader would. In lib0's encoding a one-item list is [117, 1]; the string 'x' is [119, 1, 120].
 */
function deeplyNested(depth: number): Uint8Array {
  const sentinel = [117, 1, 119, 8, ...new TextEncoder().encode('SENTINEL')];
  const update = mapUpdate('deep', ['SENTINEL']);
  const at = update.findIndex((_, index) =>
    sentinel.every((byte, offset) => update[index + offset] === byte),
  );
  if (at < 0) throw new Error('the sentinel was not where it was expected');
  const nested = new Uint8Array(depth * 2 + 3);
  for (let level = 0; level < depth; level++) nested.set([117, 1], level * 2);
  nested.set([119, 1, 120], depth * 2);
  return new Uint8Array([...update.subarray(0, at), ...nested, ...update.subarray(at + sentinel.length)]);
}
