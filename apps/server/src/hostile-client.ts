import { MessageType } from '@kompas/protocol';
import { SqliteStorage } from '@kompas/relay';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { RunningServer } from './server.ts';
import { type Client, waitFor } from './test-support.ts';

/**
 * For the adversarial tests: a client that speaks the y-websocket protocol by hand, as a hostile one would. It
 * keeps a Y.Doc in step with the room and writes to it with Yjs directly, bypassing the model's typed operations,
 * so whatever it sends is exactly what the test made; and honest clients that record every byte they receive.
 */

export interface Closed {
  code: number;
  reason: string;
}

/** How long a test waits for the server to answer or close before it fails. */
const ANSWER_MS = 5000;

export class HostileClient {
  /** The room as this client knows it: what the server sent, and what this client wrote. */
  readonly doc = new Y.Doc();
  /** Every frame the server sent, to look for bytes that must never arrive. */
  private readonly frames: Buffer[] = [];
  /** Resolves with how the server closed the socket. */
  readonly closed: Promise<Closed>;
  private readonly ws: WebSocket;
  /** Sync step 2 answers received: each one answers a sync step 1 this client sent. */
  private answers = 0;
  private isClosed = false;

  private constructor(server: RunningServer, room: string, token: string) {
    this.ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/ws/${room}?token=${token}`);
    this.ws.on('error', () => {}); // the close event carries what the tests need
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => {
        this.isClosed = true;
        resolve({ code, reason: reason.toString() });
      });
    });
    this.ws.on('message', (data: Buffer) => {
      this.frames.push(Buffer.from(data));
      this.receive(new Uint8Array(data));
    });
  }

  /** Opens `/ws/<room>?token=` and resolves once the room's state is in `doc`; throws if the server closes first. */
  static async connect(server: RunningServer, room: string, token: string): Promise<HostileClient> {
    const client = new HostileClient(server, room, token);
    await new Promise<void>((resolve, reject) => {
      client.ws.once('open', resolve);
      client.closed.then(({ code, reason }) => reject(new Error(`closed ${code} ${reason} while opening`)));
    });
    await client.roundTrip();
    return client;
  }

  /**
   * Makes `change` to the document in one transaction, with Yjs directly, and sends exactly the update it made
   * as a sync update frame. Returns the update.
   */
  write(change: (doc: Y.Doc) => void): Uint8Array {
    let update: Uint8Array | null = null;
    const capture = (made: Uint8Array) => {
      update = made;
    };
    this.doc.on('update', capture);
    try {
      this.doc.transact(() => change(this.doc), this);
    } finally {
      this.doc.off('update', capture);
    }
    if (update === null) throw new Error('the change changed nothing');
    this.sendUpdate(update);
    return update;
  }

  /** Sends `update` as a sync update frame (what y-websocket clients send for each local change). */
  sendUpdate(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeUpdate(encoder, update);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  /** Sends raw bytes as one binary frame. */
  sendFrame(frame: Uint8Array): void {
    this.ws.send(frame);
  }

  /**
   * Sends sync step 1 and waits for the server's answer. The server handles a connection's frames in order and
   * answers behind every update it applied before, so once this resolves, everything sent earlier was handled:
   * a write that was neither refused nor applied by then was dropped. Throws when the server closes instead.
   */
  async roundTrip(): Promise<void> {
    const before = this.answers;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.ws.send(encoding.toUint8Array(encoder));
    await waitFor(() => this.answers > before || this.isClosed, 'the answer to sync step 1', ANSWER_MS);
    if (this.isClosed) throw new Error(`closed ${JSON.stringify(await this.closed)} instead of answering`);
  }

  /** How the server closed this socket; fails the test when it does not within a few seconds. */
  closeOf(): Promise<Closed> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not close the socket')), ANSWER_MS);
      this.closed.then((closed) => {
        clearTimeout(timer);
        resolve(closed);
      });
    });
  }

  /** Everything received so far, as one buffer. */
  received(): Buffer {
    return Buffer.concat(this.frames);
  }

  get open(): boolean {
    return !this.isClosed;
  }

  terminate(): void {
    this.ws.terminate();
    this.doc.destroy();
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.sync) return; // presence is not what these tests attack
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) return; // the server needs nothing from us to relay
    Y.applyUpdate(this.doc, payload, 'server');
    if (syncType === syncProtocol.messageYjsSyncStep2) this.answers += 1;
  }
}

/** An honest client (the official y-websocket client) that also keeps every byte it receives. */
export interface RecordedClient extends Client {
  /** Everything received so far, as one buffer, to look for bytes that must never arrive. */
  received(): Buffer;
}

/** Connects an honest client, kept in `clients` for closing, and resolves once it is in step. */
export async function connectRecorded(
  server: RunningServer,
  room: string,
  token: string,
  clients: Client[],
): Promise<RecordedClient> {
  const frames: Buffer[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/ws`, room, doc, {
    WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  const client = { doc, provider, received: () => Buffer.concat(frames) };
  clients.push(client);
  await waitFor(() => provider.synced, `${room} to sync`);
  return client;
}

/** What storage holds for a room once the server is closed: its state and the bytes of its whole log. */
export interface StoredRoom {
  doc: Y.Doc;
  log: Buffer;
}

/** Reads rooms from a closed server's data folder, as the next server would load them. */
export async function readStoredRooms(dataDir: string, rooms: readonly string[]): Promise<StoredRoom[]> {
  const storage = new SqliteStorage(dataDir);
  try {
    return await Promise.all(
      rooms.map(async (room) => {
        const doc = new Y.Doc();
        const { state } = await storage.load(room);
        if (state) Y.applyUpdate(doc, state);
        const log = Buffer.concat((await storage.readLog(room)).map((entry) => entry.update));
        return { doc, log };
      }),
    );
  } finally {
    await storage.close();
  }
}
