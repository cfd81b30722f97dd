import type { AddressInfo } from 'node:net';
import { createNote, listNotes, REMOTE_ORIGIN, unsentNoteIds } from '@kompas/model';
import { MessageType } from '@kompas/protocol';
import { createRelay, MemoryStorage, type Relay } from '@kompas/relay';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { RoomConnection } from './room-connection.ts';

const silent = { info() {}, warn() {}, error() {} };
const author = { id: 'u1', name: 'Ann' };

interface Harness {
  url: string;
  port: number;
  relay: Relay;
  connections: number;
  refuseWith: { code: number; reason: string } | null;
  close(): Promise<void>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
  vi.unstubAllGlobals();
});

/** A stand-in for the browser's window and navigator, to send the events a browser would. */
function stubBrowser() {
  const browser = new EventTarget();
  vi.stubGlobal('window', browser);
  vi.stubGlobal('navigator', { onLine: true });
  return {
    send(type: string, fields: Record<string, unknown> = {}) {
      browser.dispatchEvent(Object.assign(new Event(type), fields));
    },
  };
}

async function startRelay(port = 0, storage = new MemoryStorage()): Promise<Harness> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const relay = createRelay({ storage, logger: silent });
  const harness: Harness = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`,
    port: (wss.address() as AddressInfo).port,
    relay,
    connections: 0,
    refuseWith: null,
    async close() {
      await relay.close();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  wss.on('connection', (ws, request) => {
    harness.connections += 1;
    if (harness.refuseWith) {
      ws.close(harness.refuseWith.code, harness.refuseWith.reason);
      return;
    }
    const room = new URL(request.url ?? '/', 'ws://x').pathname.replace('/ws/', '');
    relay.handleConnection(ws, { room, readOnly: false, actor: `participant:${harness.connections}` });
  });
  return harness;
}

/** Counts, per sending client, the awareness entries it put on the wire that were not its own. */
function recordingSocket(foreignEntries: Map<number, number>, ownId: () => number) {
  return class RecordingSocket extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
      const decoder = decoding.createDecoder(bytes);
      if (decoding.readVarUint(decoder) === MessageType.awareness) {
        const update = decoding.readVarUint8Array(decoder);
        const entries = decoding.createDecoder(update);
        const count = decoding.readVarUint(entries);
        for (let i = 0; i < count; i++) {
          const clientId = decoding.readVarUint(entries);
          decoding.readVarUint(entries);
          decoding.readVarString(entries);
          if (clientId !== ownId()) foreignEntries.set(ownId(), (foreignEntries.get(ownId()) ?? 0) + 1);
        }
      }
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  } as unknown as typeof globalThis.WebSocket;
}

function connect(
  harness: Harness,
  room: string,
  doc = new Y.Doc(),
  WebSocketImpl?: typeof globalThis.WebSocket,
) {
  const connection = new RoomConnection({
    url: harness.url,
    room,
    doc,
    token: 'unused-by-this-relay',
    WebSocketImpl: WebSocketImpl ?? (WebSocket as unknown as typeof globalThis.WebSocket),
  });
  cleanups.push(() => connection.destroy());
  return connection;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('RoomConnection', () => {
  it('syncs two documents through the relay and reports itself online', async () => {
    const harness = await startRelay();
    cleanups.push(() => harness.close());
    const a = connect(harness, 'board-1');
    const b = connect(harness, 'board-1');
    const synced = new Promise<void>((resolve) => b.on('synced', () => resolve()));
    await synced;
    expect(b.status).toBe('online');

    const note = createNote(a.doc, { text: 'Shared agenda', step: 'richten.belangen', author });
    await waitFor(() => listNotes(b.doc).length === 1, 'the note to reach b');
    expect(listNotes(b.doc)[0]).toMatchObject({ id: note.id, text: 'Shared agenda' });
  });

  it('applies remote changes with the remote origin, so undo tracks only local ones', async () => {
    const harness = await startRelay();
    cleanups.push(() => harness.close());
    const a = connect(harness, 'board-origin');
    const b = connect(harness, 'board-origin');
    const origins: unknown[] = [];
    b.doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
    createNote(a.doc, { text: 'From a', step: 'verkennen.eigen-situatie', author });
    await waitFor(() => listNotes(b.doc).length === 1, 'the note to reach b');
    expect(origins).toContain(REMOTE_ORIGIN);
  });

  it('sends what a held change wrote as one update, once the change is done', async () => {
    const harness = await startRelay();
    cleanups.push(() => harness.close());
    const a = connect(harness, 'board-held');
    const b = connect(harness, 'board-held');
    await waitFor(() => a.status === 'online' && b.status === 'online', 'both online');
    const transactions: number[] = [];
    b.doc.on('afterTransaction', (transaction) => {
      const notes: unknown = b.doc.getMap('notes');
      const changed = [...transaction.changed.keys()].some((type) => type === notes);
      if (transaction.origin === REMOTE_ORIGIN && changed) transactions.push(1);
    });
    a.hold(() => {
      createNote(a.doc, { id: 'one', text: 'Een', step: 'verkennen.eigen-situatie', author });
      createNote(a.doc, { id: 'two', text: 'Twee', step: 'verkennen.eigen-situatie', author });
    });
    await waitFor(() => listNotes(b.doc).length === 2, 'both notes to reach b');
    // Both notes arrived in one update, so in one transaction.
    expect(transactions).toHaveLength(1);
  });

  it('sends only its own awareness, unlike the official client', async () => {
    const harness = await startRelay();
    cleanups.push(() => harness.close());
    const foreign = new Map<number, number>();
    const ours = [0, 1, 2].map(() => {
      const doc = new Y.Doc();
      const connection = connect(
        harness,
        'presence',
        doc,
        recordingSocket(foreign, () => doc.clientID),
      );
      connection.awareness.setLocalState({ user: { id: String(doc.clientID), name: `P${doc.clientID}` } });
      return connection;
    });
    await waitFor(() => ours.every((c) => c.awareness.getStates().size === 3), 'everyone to see everyone');
    for (let i = 0; i < 5; i++) ours[i % 3]?.awareness.setLocalStateField('cursor', { x: i, y: i });
    await waitFor(
      () => ours[1]?.awareness.getStates().get(ours[0]?.doc.clientID ?? 0)?.cursor?.x === 3,
      'cursors',
    );
    expect(foreign.size).toBe(0);

    // The same scenario with the official client re-sends what it receives: the reason this class exists.
    const officialForeign = new Map<number, number>();
    const official = [0, 1].map(() => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(harness.url, 'presence-official', doc, {
        WebSocketPolyfill: recordingSocket(officialForeign, () => doc.clientID),
        disableBc: true,
      });
      cleanups.push(() => provider.destroy());
      provider.awareness.setLocalState({ user: { name: `O${doc.clientID}` } });
      return provider;
    });
    await waitFor(
      () => official.every((p) => p.awareness.getStates().size === 2),
      'official clients to meet',
    );
    official[0]?.awareness.setLocalStateField('cursor', { x: 1, y: 1 });
    await waitFor(() => officialForeign.size > 0, 'the official client to echo a foreign state');
  });

  it('stops for good when the server refuses it', async () => {
    const harness = await startRelay();
    cleanups.push(() => harness.close());
    harness.refuseWith = { code: 4403, reason: 'invalid token' };
    const connection = connect(harness, 'board-refused');
    const refusal = await new Promise<{ code: number; reason: string }>((resolve) =>
      connection.on('refused', resolve),
    );
    expect(refusal).toEqual({ code: 4403, reason: 'invalid token' });
    expect(connection.status).toBe('offline');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(harness.connections).toBe(1);
  });

  it('reconnects by itself after a restart and sends what was written meanwhile', async () => {
    const storage = new MemoryStorage();
    const first = await startRelay(0, storage);
    const a = connect(first, 'board-restart');
    const b = connect(first, 'board-restart');
    await waitFor(() => a.synced && b.synced, 'both to sync');
    const statuses: string[] = [];
    a.on('status', (status) => statuses.push(status));

    await first.close();
    await waitFor(() => a.status === 'reconnecting', 'a to notice the drop');
    createNote(a.doc, { text: 'Written while the server was down', step: 'inrichten.vorm', author });

    const second = await startRelay(first.port, new MemoryStorage());
    cleanups.push(() => second.close());
    await waitFor(() => listNotes(b.doc).length === 1, 'the offline note to reach b', 10_000);
    expect(statuses).toEqual(expect.arrayContaining(['reconnecting', 'online']));
    expect(a.status).toBe('online');
  });
  it('learns that a note is stored only once the server has stored it', async () => {
    // A storage that takes its time: the relay may not answer for an update before it is stored.
    const stored: Uint8Array[] = [];
    class SlowStorage extends MemoryStorage {
      override async append(room: string, update: Uint8Array, meta: { actor: string; at: number }) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        stored.push(update);
        return super.append(room, update, meta);
      }
    }
    const harness = await startRelay(0, new SlowStorage());
    cleanups.push(() => harness.close());
    const a = connect(harness, 'board-delivery');
    await waitFor(() => a.synced, 'the first sync');
    const note = createNote(a.doc, { text: 'Wachten op opslag', step: 'verkennen.partners', author });
    expect(unsentNoteIds(a.doc, a.delivered)).toEqual(new Set([note.id]));
    const storedWhenConfirmed = new Promise<number>((resolve) => {
      const check = () => {
        if (unsentNoteIds(a.doc, a.delivered).size > 0) return;
        a.off('delivered', check);
        resolve(stored.length);
      };
      a.on('delivered', check);
    });
    expect(await storedWhenConfirmed).toBeGreaterThan(0);
  });

  it('counts a note that came from the server as stored, without asking', async () => {
    const harness = await startRelay();
    cleanups.push(() => harness.close());
    const a = connect(harness, 'board-received');
    const b = connect(harness, 'board-received');
    await waitFor(() => a.synced && b.synced, 'both to sync');
    const note = createNote(a.doc, { text: 'Van een ander', step: 'richten.belangen', author });
    await waitFor(() => listNotes(b.doc).length === 1, 'the note to reach b');
    // b wrote nothing, so it has no question of its own out: what the server relayed is what it stored.
    expect(unsentNoteIds(b.doc, b.delivered)).toEqual(new Set());
    expect(listNotes(b.doc).map(({ id }) => id)).toEqual([note.id]);
  });

  it('counts a note written while the server is away as not delivered until a new server has it', async () => {
    const first = await startRelay();
    const a = connect(first, 'board-away');
    await waitFor(() => a.synced, 'the first sync');
    await first.close();
    await waitFor(() => a.status === 'reconnecting', 'a to notice the drop');
    const note = createNote(a.doc, { text: 'Offline geschreven', step: 'inrichten.vorm', author });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(unsentNoteIds(a.doc, a.delivered)).toEqual(new Set([note.id]));

    const second = await startRelay(first.port, new MemoryStorage());
    cleanups.push(() => second.close());
    await waitFor(() => unsentNoteIds(a.doc, a.delivered).size === 0, 'the note to be confirmed', 10_000);
    const b = connect(second, 'board-away');
    await waitFor(() => b.synced, "b's sync");
    expect(listNotes(b.doc).map(({ id }) => id)).toEqual([note.id]);
  });

  it('keeps sending its presence after Yjs gives the document a new client id', async () => {
    const harness = await startRelay();
    cleanups.push(() => harness.close());
    const a = connect(harness, 'board-clash');
    const b = connect(harness, 'board-clash');
    await waitFor(() => a.synced && b.synced, 'both to sync');
    const id = a.awareness.clientID;

    // What Yjs does when an incoming update uses this document's client id; the awareness keeps its id.
    a.doc.clientID = id + 1;
    a.awareness.setLocalState({ user: { name: 'Ann' } });
    await waitFor(() => b.awareness.getStates().get(id)?.user?.name === 'Ann', "a's presence to reach b");
  });

  it('reports itself online again when the browser comes back before the socket dropped', async () => {
    const harness = await startRelay();
    cleanups.push(() => harness.close());
    const browser = stubBrowser();
    const connection = connect(harness, 'board-blip');
    await waitFor(() => connection.synced, 'the first sync');

    browser.send('offline');
    expect(connection.status).toBe('offline');
    browser.send('online');
    expect(connection.status).toBe('online');
  });

  it('restores its presence when the page comes back from the back/forward cache', async () => {
    const harness = await startRelay();
    cleanups.push(() => harness.close());
    const watcher = connect(harness, 'board-bfcache');
    const browser = stubBrowser();
    const connection = connect(harness, 'board-bfcache');
    const id = connection.awareness.clientID;
    connection.awareness.setLocalState({ user: { name: 'Ann' } });
    await waitFor(() => watcher.awareness.getStates().has(id), 'the watcher to see Ann');

    browser.send('pagehide', { persisted: true });
    await waitFor(() => !watcher.awareness.getStates().has(id), 'Ann to leave');
    browser.send('pageshow', { persisted: true });
    await waitFor(() => watcher.awareness.getStates().get(id)?.user?.name === 'Ann', 'Ann to come back');
  });
  it('gives up on a socket that stays open but silent, and reconnects', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    let accepted = 0;
    wss.on('connection', () => {
      accepted += 1; // and never a word back, like a peer that vanished without closing
    });
    const connection = new RoomConnection({
      url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`,
      room: 'board-silent',
      doc: new Y.Doc(),
      token: 'unused',
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      silenceTimeout: 200,
    });
    cleanups.push(() => connection.destroy());
    await waitFor(() => connection.status === 'online', 'the socket to open');
    await waitFor(() => connection.status === 'reconnecting', 'the silent socket to be given up');
    await waitFor(() => accepted === 2, 'a new attempt');
  });

  it('stays connected in a quiet room, where its questions keep the line alive', async () => {
    const harness = await startRelay();
    cleanups.push(() => harness.close());
    const connection = new RoomConnection({
      url: harness.url,
      room: 'board-quiet',
      doc: new Y.Doc(),
      token: 'unused',
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      silenceTimeout: 200,
    });
    cleanups.push(() => connection.destroy());
    await waitFor(() => connection.synced, 'the first sync');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(connection.status).toBe('online');
    expect(harness.connections).toBe(1);
  });
});
