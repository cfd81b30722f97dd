import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { RelayLogger } from './logger.ts';
import { createRelay, type Relay, type RelayOptions } from './relay.ts';

/**
 * Test harness: a WebSocket server on 127.0.0.1 (random port) that hands every connection to a relay.
 * The room is the URL path; `?role=observer` makes the connection read-only and `?role=author` write-only, as
 * the server decides from tokens and rooms; `?person=` names the writer the validator is told of, and
 * `?address=` stands in for the client's address.
 */
export interface TestServer {
  /** ws://127.0.0.1:<port> */
  url: string;
  relay: Relay;
  /** Swaps in a new relay (after closing the old one yourself): clients reconnect to it on the same port. */
  replaceRelay(options: RelayOptions): Relay;
  close(): Promise<void>;
  /** Plays the process dying: every socket is cut without a close handshake, and the relay is never closed. */
  kill(): Promise<void>;
}

export const silentLogger: RelayLogger = { info: () => {}, warn: () => {}, error: () => {} };

export async function startTestServer(options: RelayOptions): Promise<TestServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  let relay = createRelay({ logger: silentLogger, ...options });
  let connectionCount = 0;
  wss.on('connection', (ws, request) => {
    const url = new URL(request.url ?? '/', 'ws://127.0.0.1');
    const role = url.searchParams.get('role') ?? 'participant';
    const room = decodeURIComponent(url.pathname.slice(1));
    const address = url.searchParams.get('address') ?? request.socket.remoteAddress ?? '';
    if (!relay.admit(ws, { room, address })) return;
    connectionCount += 1;
    const actor = `${role}:${connectionCount}`;
    relay.handleConnection(ws, {
      room,
      readOnly: role === 'observer',
      writeOnly: role === 'author',
      actor,
      writer: { person: url.searchParams.get('person') ?? actor, role },
    });
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    get relay() {
      return relay;
    },
    replaceRelay(next) {
      relay = createRelay({ logger: silentLogger, ...next });
      return relay;
    },
    async close() {
      await relay.close();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
    async kill() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

export type TestRole = 'participant' | 'observer' | 'author';

/** The official y-websocket client, as a browser would use it (BroadcastChannel off: one process). */
export function connectClient(
  server: TestServer,
  room: string,
  doc: Y.Doc,
  role: TestRole = 'participant',
): WebsocketProvider {
  return new WebsocketProvider(server.url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { role },
    maxBackoffTime: 200,
  });
}

/** Polls `condition` every 10 ms; fails after `timeoutMs` with `what` in the message. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
