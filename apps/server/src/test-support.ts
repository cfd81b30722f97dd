import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNote, listNotes, type StepId } from '@kompas/model';
import { type JoinedPerson, parseCreatedBoard, parseJoinedPerson, ROLES, type Role } from '@kompas/protocol';
import { describe } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { describePg, freshDatabase } from '../../../packages/relay/src/pg-test-support.ts';
import { loadConfig, type ServerConfig } from './config.ts';
import { formatLogLine, type Logger } from './logger.ts';
import { type InProcessServer, type RunningServer, startServer } from './server.ts';

/** Shared by the server tests: temp data folders, a server on 127.0.0.1:0, clients, bounded waits. */

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `kompas-${prefix}-`));
}

export function removeDir(path: string): Promise<void> {
  return rm(path, { recursive: true, force: true });
}

export interface TestServer extends InProcessServer {
  /** With the secret it signs with, so tests can sign tokens of their own. */
  config: ServerConfig & { secret: string };
  /** Every line the server logged, to check that no token ever reaches a log. */
  logs: string[];
}

/** Starts a server on a random port; `argv` are extra flags (`--data-dir` decides what survives a restart). */
export async function startTestServer(dataDir: string, argv: readonly string[] = []): Promise<TestServer> {
  const config = loadConfig(['--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, ...argv], {});
  const logs: string[] = [];
  const capture = (message: string, fields?: Record<string, unknown>) =>
    logs.push(formatLogLine(message, fields));
  const logger: Logger = { info: capture, warn: capture, error: capture };
  const server = await startServer(config, { logger });
  return Object.assign(server, { config: { ...config, secret: server.secret }, logs });
}

/** Where a test's servers store: what they are started with, and how to remove it after. */
export interface ServerDatabase {
  /** Flags for startTestServer. */
  argv: string[];
  drop(): Promise<void>;
}

/**
 * The engines a server stores in, for tests that should hold on both: SQLite in its data folder, and with a
 * test database (see describePg) PostgreSQL, a new database per `open`.
 */
export const SERVER_ENGINES: readonly {
  name: string;
  describe: typeof describe;
  open(): Promise<ServerDatabase>;
}[] = [
  { name: 'SQLite', describe, open: async () => ({ argv: [], drop: async () => {} }) },
  {
    name: 'PostgreSQL',
    describe: describePg,
    async open() {
      const database = await freshDatabase();
      return { argv: ['--database-url', database.url], drop: () => database.drop() };
    },
  },
];

export interface CreatedBoard {
  id: string;
  links: Record<Role, string>;
  /** The invite links' tokens, as the server answered them. */
  invites: Record<Role, string>;
  /** One person per role joined already (Fenna, Ans, Otto): their person tokens, which open the rooms. */
  tokens: Record<Role, string>;
  /** Those people, as authors of notes and votes. */
  people: Record<Role, { id: string; name: string }>;
}

const FIRST_NAMES: Record<Role, string> = { facilitator: 'Fenna', participant: 'Ans', observer: 'Otto' };

export async function createBoard(
  server: RunningServer,
  title = 'Regio-overleg',
  task = 'Samen zorg organiseren',
): Promise<CreatedBoard> {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, task }),
  });
  if (response.status !== 201) throw new Error(`board creation answered ${response.status}`);
  // Read as the browser reads it, so every server test also checks the answer's shape.
  const created = parseCreatedBoard(await response.json());
  const tokens = {} as Record<Role, string>;
  const people = {} as Record<Role, { id: string; name: string }>;
  for (const role of ROLES) {
    const joined = await joinBoard(server, created.id, created.tokens[role], FIRST_NAMES[role]);
    tokens[role] = joined.token;
    people[role] = { id: joined.person.id, name: joined.person.name };
  }
  return { id: created.id, links: created.links, invites: created.tokens, tokens, people };
}

/** Joins a board with an invite link's token as a new person called `name`. */
export async function joinBoard(
  server: RunningServer,
  boardId: string,
  inviteToken: string,
  name: string,
): Promise<JoinedPerson> {
  const response = await fetch(`${server.url}/api/boards/${boardId}/people`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${inviteToken}` },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201) throw new Error(`joining answered ${response.status}`);
  return parseJoinedPerson(await response.json());
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** The official y-websocket client, configured as the contract says for Node. */
export function connectClient(server: RunningServer, room: string, token: string, doc = new Y.Doc()): Client {
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/ws`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  return { doc, provider };
}

/** connectClient, kept in `clients` for closing, resolved once it is in step with the server. */
export async function connectSynced(
  server: RunningServer,
  room: string,
  token: string,
  clients: Client[],
): Promise<Client> {
  const client = connectClient(server, room, token);
  clients.push(client);
  await waitFor(() => client.provider.synced, `${room} to sync`);
  return client;
}

export function closeClients(...clients: Client[]): void {
  for (const { doc, provider } of clients) {
    provider.destroy();
    doc.destroy();
  }
}

/**
 * A participant writes one note and resolves once an observer has received it: the relay relays only what
 * is stored, so the note is durable by then. Returns both clients, still connected (close them yourself).
 */
export async function writeRelayedNote(
  server: RunningServer,
  board: CreatedBoard,
  note: { text: string; step: StepId },
): Promise<Client[]> {
  const writer = connectClient(server, board.id, board.tokens.participant);
  const watcher = connectClient(server, board.id, board.tokens.observer);
  await waitFor(() => writer.provider.synced && watcher.provider.synced, 'sync');
  createNote(writer.doc, { ...note, author: board.people.participant });
  await waitFor(() => listNotes(watcher.doc).length === 1, 'the note to be relayed');
  return [writer, watcher];
}

/** Opens a bare WebSocket and resolves with how the server closed it. */
export function closeOf(
  server: RunningServer,
  pathAndQuery: string,
): Promise<{ code: number; reason: string }> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${pathAndQuery}`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no close within 5 s for ${pathAndQuery}`));
    }, 5000);
    ws.on('error', () => {}); // the close event below carries what the test needs
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

/** Polls `condition` every 10 ms; fails after `timeoutMs` naming what it waited for. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
