import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseCode, MessageType } from '@kompas/protocol';
import Database from 'better-sqlite3';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MemoryStorage } from './memory-storage.ts';
import { mergeState } from './merge-state.ts';
import { fitCloseReason, MAX_CLOSE_REASON_BYTES, MAX_PRESENCE_BYTES } from './protocol.ts';
import { SqliteStorage } from './sqlite-storage.ts';
import type { StoredRoom, UpdateMeta } from './storage.ts';
import {
  connectClient,
  sleep,
  startTestServer,
  type TestRole,
  type TestServer,
  waitFor,
} from './test-server.ts';
import type { ChangeValidator } from './write-check.ts';

let dataDir: string;
let server: TestServer | null = null;
const providers: WebsocketProvider[] = [];
const sockets: WebSocket[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kompas-relay-'));
});

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.close();
  server = null;
  rmSync(dataDir, { recursive: true, force: true });
});

function client(room: string, role: TestRole = 'participant') {
  if (!server) throw new Error('no server');
  const doc = new Y.Doc();
  const provider = connectClient(server, room, doc, role);
  providers.push(provider);
  return { doc, provider, text: doc.getText('text') };
}

function synced(provider: WebsocketProvider): Promise<void> {
  return waitFor(() => provider.synced, 'the client to sync');
}

/** A raw WebSocket in `room`, to send frames the official client never would. */
async function rawSocket(
  room: string,
  options: { autoPong?: boolean; received?: Uint8Array[]; role?: TestRole } = {},
): Promise<WebSocket> {
  if (!server) throw new Error('no server');
  const query = options.role ? `?role=${options.role}` : '';
  const socket = new WebSocket(`${server.url}/${room}${query}`, { autoPong: options.autoPong ?? true });
  // Listening from the start: the greeting can arrive in the same read as the upgrade response.
  socket.on('message', (data: Buffer) => options.received?.push(new Uint8Array(data)));
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

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  return syncFrame(2, update);
}

/** Asks for everything the room holds. */
function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  return syncFrame(0, stateVector);
}

function awarenessFrame(payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('text').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Each of the room's snapshots (the room's document when it was taken) holds exactly the log up to its position. */
async function expectSnapshotsMatchLog(storage: MemoryStorage, room: string): Promise<void> {
  const log = await storage.readLog(room);
  for (let seq = 1; seq <= log.length; seq++) {
    const snapshot = await storage.readSnapshotAt(room, seq);
    if (snapshot?.seq !== seq) continue;
    expect(textOf([snapshot.state])).toBe(textOf(log.slice(0, seq).map((entry) => entry.update)));
  }
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, mergeState(updates));
  return doc.getText('text').toString();
}

/**
 * Refuses a change while any top-level map holds the key 'forbidden'. It looks at the whole document, not only
 * the change, so a document that kept a refused write would refuse every later write too.
 */
const refuseForbidden: ChangeValidator = (doc) => {
  for (const [name, type] of doc.share) {
    const item = type._map.get('forbidden');
    if (item && !item.deleted) return `key 'forbidden' in ${name}`;
  }
  return null;
};

describe('Relay with the official y-websocket client', () => {
  it('makes two clients converge and passes their awareness states on', async () => {
    server = await startTestServer({ storage: new MemoryStorage() });
    const alice = client('board');
    const bob = client('board');
    await Promise.all([synced(alice.provider), synced(bob.provider)]);

    alice.text.insert(0, 'hello ');
    bob.text.insert(0, 'world');
    alice.doc.getMap('notes').set('n1', 'from alice');
    await waitFor(
      () => alice.text.length === 11 && bob.text.toString() === alice.text.toString(),
      'both texts to converge',
    );
    await waitFor(() => bob.doc.getMap('notes').get('n1') === 'from alice', 'the map entry');

    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob' });
    await waitFor(
      () =>
        bob.provider.awareness.getStates().get(alice.doc.clientID)?.user?.name === 'Alice' &&
        alice.provider.awareness.getStates().get(bob.doc.clientID)?.user?.name === 'Bob',
      'awareness states to reach each other',
    );

    bob.provider.destroy();
    await waitFor(
      () => !alice.provider.awareness.getStates().has(bob.doc.clientID),
      "bob's awareness to be removed when he leaves",
    );
  });

  it('makes a client that reconnects present again at once, both ways', async () => {
    server = await startTestServer({ storage: new MemoryStorage() });
    const alice = client('board');
    const bob = client('board');
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob' });
    const sees = (viewer: WebsocketProvider, other: Y.Doc) =>
      viewer.awareness.getStates().has(other.clientID);
    await waitFor(() => sees(alice.provider, bob.doc) && sees(bob.provider, alice.doc), 'presence');

    bob.provider.disconnect();
    await waitFor(() => !sees(alice.provider, bob.doc) && !sees(bob.provider, alice.doc), 'bob to be gone');
    bob.provider.connect();
    // Far below the 15 s awareness renewal the reference server would need.
    await waitFor(
      () => sees(alice.provider, bob.doc) && sees(bob.provider, alice.doc),
      'presence again',
      1000,
    );

    // Clocks moved forward, and later changes still get through.
    bob.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    await waitFor(
      () => alice.provider.awareness.getStates().get(bob.doc.clientID)?.cursor?.x === 1,
      "bob's next change",
      1000,
    );
  });

  it('answers an awareness query and ignores auth messages', async () => {
    server = await startTestServer({ storage: new MemoryStorage() });
    const alice = client('board');
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    await synced(alice.provider);
    await waitFor(() => server?.relay.roomStats('board')?.connections === 1, 'alice to join');
    const received: Uint8Array[] = [];
    const socket = await rawSocket('board', { received });
    await waitFor(() => received.length >= 2, 'the greeting (sync step 1 and presence)');
    received.length = 0;
    socket.send(new Uint8Array([MessageType.auth, 0, 0]));
    socket.send(new Uint8Array([MessageType.queryAwareness]));
    await waitFor(() => received.length === 1, 'the answer to the query');
    expect(received[0]?.[0]).toBe(MessageType.awareness);
    expect(new TextDecoder().decode(received[0])).toContain('Alice');
    expect(socket.readyState).toBe(WebSocket.OPEN);
  });

  it('keeps the state across a restart on the same SQLite file', async () => {
    const storage = new SqliteStorage(dataDir);
    server = await startTestServer({ storage });
    const writer = client('board');
    await synced(writer.provider);
    writer.text.insert(0, 'survives a restart');
    await waitFor(async () => (await storage.readLog('board')).length === 1, 'the update to be stored');
    writer.provider.destroy();
    await server.close();

    server = await startTestServer({ storage: new SqliteStorage(dataDir) });
    const reader = client('board');
    await synced(reader.provider);
    expect(reader.text.toString()).toBe('survives a restart');
  });

  it('drops, counts and never stores or relays writes of a read-only connection', async () => {
    const storage = new MemoryStorage();
    server = await startTestServer({ storage });
    const writer = client('board');
    const observer = client('board', 'observer');
    await Promise.all([synced(writer.provider), synced(observer.provider)]);
    writer.text.insert(0, 'from the writer');
    await waitFor(() => observer.text.toString() === 'from the writer', 'the observer to receive writes');
    const droppedBefore = server.relay.stats().droppedWrites;

    observer.text.insert(0, 'observer was here ');
    observer.doc.getMap('notes').set('x', 1);
    await waitFor(
      () => server?.relay.stats().droppedWrites === droppedBefore + 2,
      'both observer writes to be counted',
    );
    expect(server.relay.roomStats('board')?.droppedWrites).toBe(droppedBefore + 2);

    // A later write from the writer arrives, but the observer's never does.
    writer.text.insert(writer.text.length, '!');
    await waitFor(() => observer.text.toString().endsWith('!'), 'the next writer update');
    expect(writer.text.toString()).toBe('from the writer!');
    expect(writer.doc.getMap('notes').size).toBe(0);
    const log = await storage.readLog('board');
    expect(log.every((entry) => entry.actor.startsWith('participant:'))).toBe(true);
    expect(textOf(log.map((entry) => entry.update))).toBe('from the writer!');

    // Observers see who is there; their own presence stays theirs (presence-rules.test.ts).
    writer.provider.awareness.setLocalStateField('user', { name: 'Wim' });
    await waitFor(
      () => observer.provider.awareness.getStates().get(writer.doc.clientID)?.user?.name === 'Wim',
      "the writer's awareness to reach the observer",
    );
  });

  it('lets a write-only connection add to a room without receiving anything of it', async () => {
    const storage = new MemoryStorage();
    server = await startTestServer({ storage });
    const reader = client('drafts');
    const author = client('drafts', 'author');
    await Promise.all([synced(reader.provider), synced(author.provider)]);
    reader.text.insert(0, 'seen by readers. ');
    author.text.insert(0, 'first draft');
    await waitFor(
      () => reader.text.toString().includes('first draft'),
      "the author's draft to reach the reader",
    );

    // A second author, as raw frames: the room holds two texts by now, yet not a byte of them arrives.
    const received: Uint8Array[] = [];
    const other = await rawSocket('drafts', { role: 'author', received });
    other.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    other.send(syncUpdateFrame(textUpdate('second draft')));
    await waitFor(() => reader.text.toString().includes('second draft'), "the second author's draft");
    author.text.insert(author.text.length, ', edited');
    await waitFor(() => reader.text.toString().includes('edited'), 'the edit to reach the reader');
    author.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    reader.provider.awareness.setLocalStateField('user', { name: 'Rob' });
    await sleep(100);

    // Asked who is there, the relay answers (so the client knows the socket lives) with nobody.
    const framesBefore = received.length;
    other.send(new Uint8Array([MessageType.queryAwareness]));
    await waitFor(() => received.length > framesBefore, 'an answer to the awareness query');
    expect(Array.from(received[framesBefore] ?? [])).toEqual([MessageType.awareness, 1, 0]);

    const everything = Buffer.concat(received.map((frame) => Buffer.from(frame))).toString('latin1');
    for (const secret of ['first draft', 'seen by readers', 'edited', 'Rob']) {
      expect(everything).not.toContain(secret);
    }
    expect(author.text.toString()).toBe('first draft, edited');
    expect(reader.provider.awareness.getStates().has(author.doc.clientID)).toBe(false);
    expect(author.provider.awareness.getStates().has(reader.doc.clientID)).toBe(false);

    // What the authors wrote is stored like any write.
    const log = await storage.readLog('drafts');
    expect(textOf(log.map((entry) => entry.update))).toBe(reader.text.toString());
  });

  it('records the names and cursors of rooms it is asked to, for replays, and their leaving', async () => {
    const storage = new MemoryStorage();
    server = await startTestServer({ storage, recordPresence: (room) => room === 'board' });
    const ada = client('board');
    const other = client('elsewhere');
    await Promise.all([synced(ada.provider), synced(other.provider)]);
    const user = { id: 'ada', name: 'Ada', color: '#e64980' };
    ada.provider.awareness.setLocalState({ user, cursor: { x: 10, y: 20 } });
    other.provider.awareness.setLocalState({ user, cursor: { x: 1, y: 1 } });
    await waitFor(
      async () => (await storage.readPresence('board')).some((sample) => sample.state !== null),
      'a presence sample',
    );
    ada.provider.destroy();
    await waitFor(
      async () => (await storage.readPresence('board')).some((sample) => sample.state === null),
      'the leaving to be recorded',
    );
    const samples = await storage.readPresence('board');
    expect(samples.filter((sample) => sample.client === ada.doc.clientID).map((s) => s.state)).toEqual([
      { user, cursor: { x: 10, y: 20 } },
      null,
    ]);
    expect(await storage.readPresence('elsewhere')).toEqual([]);
  });

  it('has an update in the SQLite log before another client receives it', async () => {
    const storage = new SqliteStorage(dataDir);
    server = await startTestServer({ storage });
    const alice = client('board');
    const bob = client('board');
    await Promise.all([synced(alice.provider), synced(bob.provider)]);
    // A second connection to the file sees only committed transactions.
    const reader = new Database(storage.file, { readonly: true });
    const readLog = reader.prepare<[string], { data: Buffer }>(
      'SELECT data FROM updates WHERE room = ? ORDER BY seq',
    );
    const missing: string[] = [];
    bob.text.observe(() => {
      const received = bob.text.toString();
      const stored = textOf(readLog.all('board').map((row) => row.data));
      if (!stored.startsWith(received)) missing.push(received);
    });
    try {
      for (let i = 0; i < 20; i++) {
        alice.text.insert(alice.text.length, `${i % 10}`);
        if (i % 5 === 0) await sleep(5);
      }
      await waitFor(() => bob.text.length === 20, 'bob to receive every update');
      expect(missing).toEqual([]);
    } finally {
      reader.close();
    }
  });

  it('relays nothing before a slow storage says it is durable', async () => {
    const durable: Uint8Array[] = [];
    const storage = new (class extends MemoryStorage {
      override async append(room: string, update: Uint8Array, meta: UpdateMeta): Promise<number> {
        await sleep(30);
        const seq = await super.append(room, update, meta);
        durable.push(update);
        return seq;
      }
    })();
    server = await startTestServer({ storage });
    const alice = client('board');
    const bob = client('board');
    await Promise.all([synced(alice.provider), synced(bob.provider)]);
    const early: string[] = [];
    bob.text.observe(() => {
      if (!textOf(durable).startsWith(bob.text.toString())) early.push(bob.text.toString());
    });
    alice.text.insert(0, 'a');
    alice.text.insert(1, 'b');
    await sleep(5);
    alice.text.insert(2, 'c');
    await waitFor(() => bob.text.toString() === 'abc', 'bob to receive the updates');
    expect(early).toEqual([]);

    // A client that syncs meanwhile gets the state only once it is durable, too.
    alice.text.insert(3, 'd');
    const carol = client('board');
    await synced(carol.provider);
    expect(textOf(durable)).toContain(carol.text.toString());
  });

  it('closes only the sender of a malformed frame', async () => {
    server = await startTestServer({ storage: new MemoryStorage(), maxFrameBytes: 2 * MAX_PRESENCE_BYTES });
    const alice = client('board');
    const bob = client('board');
    await Promise.all([synced(alice.provider), synced(bob.provider)]);

    const badFrames: Array<{ frame: Uint8Array | string; code: number; reason: string }> = [
      { frame: new Uint8Array([0x80]), code: CloseCode.malformed, reason: 'malformed message' },
      { frame: new Uint8Array([7]), code: CloseCode.malformed, reason: 'unknown message type 7' },
      {
        frame: new Uint8Array([MessageType.sync, 9, 0]),
        code: CloseCode.malformed,
        reason: 'unknown sync message type 9',
      },
      {
        frame: syncUpdateFrame(new Uint8Array([0xff, 0xff, 0xff])),
        code: CloseCode.malformed,
        reason: 'invalid update',
      },
      { frame: new Uint8Array([1, 3, 1, 2]), code: CloseCode.malformed, reason: 'malformed message' },
      {
        frame: awarenessFrame(new Uint8Array(MAX_PRESENCE_BYTES + 1)),
        code: CloseCode.malformed,
        reason: `presence update larger than ${MAX_PRESENCE_BYTES} bytes`,
      },
      { frame: 'hello', code: CloseCode.unsupportedData, reason: 'binary frames only' },
      {
        frame: new Uint8Array(2 * MAX_PRESENCE_BYTES + 1),
        code: CloseCode.tooLarge,
        reason: `frame larger than ${2 * MAX_PRESENCE_BYTES} bytes`,
      },
    ];
    for (const { frame, code, reason } of badFrames) {
      const socket = await rawSocket('board');
      const closing = closed(socket);
      socket.send(frame);
      expect(await closing).toEqual({ code, reason });
    }

    alice.text.insert(0, 'still working');
    await waitFor(() => bob.text.toString() === 'still working', 'the room to keep working');
    expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true);
    expect(server.relay.stats().connections).toBe(2);
  });

  it('refuses a write its validator rejects: not stored, not relayed, sender closed with 4422', async () => {
    const storage = new MemoryStorage();
    server = await startTestServer({
      storage,
      validator: (room) => (room === 'board' ? refuseForbidden : undefined),
    });
    const alice = client('board');
    const bob = client('board');
    await Promise.all([synced(alice.provider), synced(bob.provider)]);
    alice.doc.getMap('notes').set('ok', 1);
    await waitFor(() => bob.doc.getMap('notes').get('ok') === 1, 'a valid write');

    // Hand-crafted, as a client that bypasses its model could send it.
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(alice.doc));
    const known = Y.encodeStateVector(attacker);
    attacker.getMap('notes').set('forbidden', 'x');
    const socket = await rawSocket('board');
    const closing = closed(socket);
    socket.send(syncUpdateFrame(Y.encodeStateAsUpdate(attacker, known)));
    expect(await closing).toEqual({
      code: CloseCode.invalidData,
      reason: "invalid board data: key 'forbidden' in notes",
    });
    expect(server.relay.stats().rejectedWrites).toBe(1);
    expect(server.relay.roomStats('board')?.rejectedWrites).toBe(1);

    // The room keeps working; these writes would be refused too had the document kept the refused one.
    alice.doc.getMap('notes').set('after', 2);
    bob.text.insert(0, 'still working');
    await waitFor(
      () => bob.doc.getMap('notes').get('after') === 2 && alice.text.toString() === 'still working',
      'valid writes after the refused one',
    );
    expect(alice.doc.getMap('notes').toJSON()).toEqual({ ok: 1, after: 2 });
    expect(bob.doc.getMap('notes').toJSON()).toEqual({ ok: 1, after: 2 });
    const stored = new Y.Doc();
    Y.applyUpdate(stored, mergeState((await storage.readLog('board')).map((entry) => entry.update)));
    expect(stored.getMap('notes').toJSON()).toEqual({ ok: 1, after: 2 });
    expect(server.relay.stats().rejectedWrites).toBe(1);
    expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true);
  });

  it('lets an update that changes nothing through a validator, and leaves rooms without one alone', async () => {
    const storage = new MemoryStorage();
    const known = textUpdate('already stored');
    await storage.append('board', known, { actor: 'test', at: 0 });
    server = await startTestServer({
      storage,
      validator: (room) => (room === 'board' ? () => 'refuses every change' : undefined),
    });
    const received: Uint8Array[] = [];
    const socket = await rawSocket('board', { received });
    socket.send(syncUpdateFrame(known));
    socket.send(syncUpdateFrame(new Uint8Array([0, 0])));
    // Frames are handled in order, so once this is answered the updates above were.
    socket.send(new Uint8Array([MessageType.queryAwareness]));
    await waitFor(() => received.some((message) => message[0] === MessageType.awareness), 'the query answer');
    expect(socket.readyState).toBe(WebSocket.OPEN);
    expect(server.relay.stats().rejectedWrites).toBe(0);

    const free = await rawSocket('free');
    free.send(syncUpdateFrame(textUpdate('unchecked')));
    const reader = client('free');
    await synced(reader.provider);
    expect(reader.text.toString()).toBe('unchecked');
    expect(server.relay.stats().rejectedWrites).toBe(0);
  });

  it('cuts close reasons to what a close frame holds, without splitting a character', () => {
    expect(fitCloseReason('short')).toBe('short');
    const long = fitCloseReason(`invalid board data: ${'é'.repeat(200)}`);
    expect(new TextEncoder().encode(long).byteLength).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
    expect(long).toMatch(/^invalid board data: é+…$/);
  });

  it('queues frames that arrive while the room loads, then handles them in order', async () => {
    const storage = new (class extends MemoryStorage {
      override async load(room: string): Promise<StoredRoom> {
        await sleep(100);
        return super.load(room);
      }
    })();
    server = await startTestServer({ storage });
    const socket = await rawSocket('board');
    socket.send(syncUpdateFrame(textUpdate('sent before the load finished')));
    const reader = client('board');
    await synced(reader.provider);
    expect(reader.text.toString()).toBe('sent before the load finished');
    expect((await storage.readLog('board')).length).toBe(1);
  });

  it('unloads a room without connections and loads it again from storage', async () => {
    server = await startTestServer({ storage: new MemoryStorage() });
    const writer = client('board');
    await synced(writer.provider);
    writer.text.insert(0, 'kept');
    await waitFor(() => server?.relay.roomStats('board') !== undefined, 'the room to be loaded');
    writer.provider.destroy();
    await waitFor(() => server?.relay.stats().rooms === 0, 'the room to be unloaded');
    expect(server.relay.roomStats('board')).toBeUndefined();

    const reader = client('board');
    await synced(reader.provider);
    expect(reader.text.toString()).toBe('kept');
  });

  it('closes connections that stop answering pings and keeps those that answer', async () => {
    server = await startTestServer({ storage: new MemoryStorage(), pingInterval: 100 });
    const alive = client('board');
    await synced(alive.provider);
    const silent = await rawSocket('board', { autoPong: false });
    const closing = closed(silent);
    const { code } = await closing;
    expect(code).toBe(1006);
    await sleep(300);
    expect(alive.provider.wsconnected).toBe(true);
    expect(server.relay.stats().connections).toBe(1);
  });

  it('cuts off a client that stops reading, and the others go on receiving everything', async () => {
    server = await startTestServer({ storage: new MemoryStorage(), maxBufferedBytes: 256 * 1024 });
    const writer = client('board');
    const reader = client('board');
    await Promise.all([synced(writer.provider), synced(reader.provider)]);
    const stalled = await rawSocket('board');
    const cut = closed(stalled);
    // It reads nothing more, so what is sent to it piles up: first in the kernel, then in the relay.
    stalled.pause();
    const chunk = 'x'.repeat(16 * 1024);
    for (let index = 0; index < 600 && server.relay.stats().connections === 3; index++) {
      writer.text.insert(writer.text.length, chunk);
      await sleep(1);
    }
    await waitFor(() => server?.relay.stats().connections === 2, 'the stalled client to be cut off');
    stalled.resume();
    expect((await cut).code).toBe(1006);
    await waitFor(() => reader.text.length === writer.text.length, 'the reader to receive everything');
    expect(writer.provider.wsconnected && reader.provider.wsconnected).toBe(true);
  });

  it('closes every connection with 1001 on close, after flushing to storage', async () => {
    let appends = 0;
    const storage = new (class extends SqliteStorage {
      override async append(room: string, update: Uint8Array, meta: UpdateMeta): Promise<number> {
        appends += 1;
        await sleep(50);
        return super.append(room, update, meta);
      }
    })(dataDir);
    server = await startTestServer({ storage });
    const socket = await rawSocket('board');
    const closing = closed(socket);
    socket.send(syncUpdateFrame(textUpdate('flushed')));
    await waitFor(() => appends === 1, 'the append to start');
    await server.relay.close();
    expect((await closing).code).toBe(CloseCode.goingAway);

    const reopened = new SqliteStorage(dataDir);
    const { state } = await reopened.load('board');
    await reopened.close();
    expect(textOf(state ? [state] : [])).toBe('flushed');
  });

  it('stores only what is new: a reconnecting client does not grow the log', async () => {
    const storage = new MemoryStorage();
    server = await startTestServer({ storage });
    const writer = client('board');
    await synced(writer.provider);
    for (const word of ['one ', 'two ', 'three']) writer.text.insert(writer.text.length, word);
    const logLength = async () => (await storage.readLog('board')).length;
    await waitFor(async () => (await logLength()) === 3, 'three log entries');

    writer.provider.disconnect();
    writer.provider.connect();
    await synced(writer.provider);
    await server.relay.flush();
    expect(await logLength()).toBe(3);
  });

  it('snapshots a room once N updates came in and it is quiet, keeping the whole log', async () => {
    const storage = new MemoryStorage();
    server = await startTestServer({ storage, snapshotEvery: 5 });
    const writer = client('board');
    await synced(writer.provider);
    for (let i = 0; i < 8; i++) writer.text.insert(i, `${i}`);
    await waitFor(async () => (await storage.readLog('board')).length === 8, 'eight log entries');
    await server.relay.flush();
    // Due after the fifth update, the snapshot waits for the writes to stop, then holds all eight.
    await waitFor(async () => (await storage.load('board')).sinceSnapshot === 0, 'a snapshot', 5000);
    const stored = await storage.load('board');
    expect(stored.seq).toBe(8);
    expect(textOf(stored.state ? [stored.state] : [])).toBe('01234567');
    expect((await storage.readSnapshotAt('board', 8))?.seq).toBe(8);
    await expectSnapshotsMatchLog(storage, 'board');
  });

  it('snapshots a room written without a pause once it is four times overdue', async () => {
    const storage = new MemoryStorage();
    server = await startTestServer({ storage, snapshotEvery: 5 });
    const writer = client('board');
    await synced(writer.provider);
    // Written at once, so no quiet moment comes between them.
    for (let i = 0; i < 12; i++) writer.text.insert(i, `${i % 10}`);
    await waitFor(async () => (await storage.readLog('board')).length === 12, 'twelve log entries');
    await server.relay.flush();
    const snapshot = await storage.readSnapshotAt('board', 12);
    expect(snapshot?.seq).toBeGreaterThanOrEqual(10);
    await expectSnapshotsMatchLog(storage, 'board');
  });

  it('closes connections with 1011 when the room cannot be loaded', async () => {
    const storage = new (class extends MemoryStorage {
      override async load(): Promise<StoredRoom> {
        throw new Error('disk gone');
      }
    })();
    server = await startTestServer({ storage });
    const socket = await rawSocket('board');
    expect(await closed(socket)).toEqual({ code: CloseCode.internalError, reason: 'storage failure' });
    await waitFor(() => server?.relay.stats().rooms === 0, 'the failed room to be forgotten');
  });

  it('closes the room when storage fails, relaying nothing it could not store', async () => {
    let failing = false;
    const storage = new (class extends MemoryStorage {
      override async append(room: string, update: Uint8Array, meta: UpdateMeta): Promise<number> {
        if (failing) throw new Error('disk full');
        return super.append(room, update, meta);
      }
    })();
    server = await startTestServer({ storage });
    const alice = client('board');
    const bob = client('board');
    await Promise.all([synced(alice.provider), synced(bob.provider)]);
    const closes: number[] = [];
    bob.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    failing = true;
    alice.text.insert(0, 'lost?');
    await waitFor(() => closes.includes(CloseCode.internalError), 'the room to close');
    expect(bob.text.toString()).toBe('');

    // Storage recovers: the clients reconnect and alice's change, which she kept, is stored and arrives.
    failing = false;
    await waitFor(() => bob.text.toString() === 'lost?', 'the change after reconnecting', 8000);
    expect(textOf((await storage.readLog('board')).map((entry) => entry.update))).toBe('lost?');
  });
});
