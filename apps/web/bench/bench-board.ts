/**
 * The board benchmarks' server and notes: starts the real server (with the built test app) on a free port
 * with a temporary DATA_DIR, creates a workshop and writes notes into it through @kompas/model with the
 * official y-websocket client. Everything started is undone by cleanup().
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createNote, NOTE_COLORS, notesType, STEPS } from '@kompas/model';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const repoRoot = resolve(import.meta.dirname, '../../..');
/** Notes per Yjs transaction while seeding, so no single WebSocket frame gets large. */
const SEED_BATCH = 250;
export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface Created {
  id: string;
  links: { facilitator: string };
  tokens: { facilitator: string };
}
/** The rooms open only with a person's token, and the server checks that a note's author is its writer. */
export interface Seeding {
  boardId: string;
  token: string;
  author: { id: string; name: string };
}

// ---- cleanup --------------------------------------------------------------------------------------

/** Undone in reverse order by cleanup(): the server, its data folder, clients, the browser. */
export const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | null = null;
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error('cleanup:', error);
      }
    }
  })();
  return cleaning;
}
export async function fail(message: string, code = 1): Promise<never> {
  console.error(message);
  await cleanup();
  process.exit(code);
}

/** Stops the run after `limitMs` whatever it is doing, and on Ctrl-C; returns the timer to clear at the end. */
export function guardRun(name: string, limitMs: number): NodeJS.Timeout {
  process.once('SIGINT', () => void fail(`${name}: interrupted`, 130));
  process.once('SIGTERM', () => void fail(`${name}: terminated`, 143));
  return setTimeout(() => void fail(`${name}: gave up after ${limitMs / 1000} s`), limitMs);
}

// ---- server ---------------------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface Server {
  url: string;
  /** The server process's CPU time so far (user + system), in ms, from /proc. */
  cpuMs(): Promise<number>;
}

/** Clock ticks per second in /proc/<pid>/stat: 100 on Linux everywhere it runs. */
const CLOCK_TICKS = 100;

async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** Starts the server with the web app built in `webDir` (relative to the repository). */
export async function startServer(webDir: string): Promise<Server> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'kompas-bench-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIR: webDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => stopProcess(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, cpuMs: () => processCpuMs(child.pid ?? 0) };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server did not start within 20 s:\n${output}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export async function createBoard(url: string): Promise<Created> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Frame rate bench', task: 'Draw a thousand notes smoothly' }),
  });
  if (response.status !== 201) throw new Error(`POST /api/boards answered ${response.status}`);
  return (await response.json()) as Created;
}

/** Joins the board with the facilitator's invite link as the person who writes the bench's notes. */
export async function joinAsSeeder(url: string, board: Created): Promise<Seeding> {
  const response = await fetch(`${url}/api/boards/${board.id}/people`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${board.tokens.facilitator}` },
    body: JSON.stringify({ name: 'Seeder' }),
  });
  if (response.status !== 201) throw new Error(`POST /people answered ${response.status}`);
  const joined = (await response.json()) as { person: { id: string; name: string }; token: string };
  return { boardId: board.id, token: joined.token, author: joined.person };
}

// ---- seeding notes through y-websocket -----------------------------------------------------------

function connect(url: string, room: string, token: string, doc: Y.Doc): WebsocketProvider {
  return new WebsocketProvider(`${url.replace(/^http/, 'ws')}/ws`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
}

/** Polls `ready` every 50 ms, at most `tries` times. */
async function waitFor(what: string, ready: () => boolean, tries = 400): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (ready()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Deterministic pseudo-random numbers (mulberry32), so every run writes the same board. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHRASES = [
  'Libraries in every village',
  'Volunteers read with children after school',
  'A mobile library bus that visits the farms twice a month',
  'Who pays for the books?',
  'Partner with the schools and the regional newspaper to reach parents who do not read themselves',
  'Reading cafe',
  'Ask the municipality for a room',
  'Evaluate after one year with the teachers, the parents and the children themselves',
];

/** Writes notes number `from`..`to`-1 into `doc` as `author`, spread evenly over the 12 slices. */
function writeNotes(
  doc: Y.Doc,
  from: number,
  to: number,
  author: Seeding['author'],
  phrases: readonly string[],
): void {
  const next = random(from + 1);
  for (let start = from; start < to; start += SEED_BATCH) {
    doc.transact(() => {
      for (let i = start; i < Math.min(to, start + SEED_BATCH); i++) {
        const step = STEPS[i % STEPS.length];
        const color = NOTE_COLORS[i % NOTE_COLORS.length];
        if (!step || !color) throw new Error('no steps or colours');
        createNote(doc, {
          text: `${phrases[i % phrases.length]} #${i + 1}`,
          step: step.id,
          pos: { r: 0.05 + 0.9 * next(), t: 0.05 + 0.9 * next() },
          color,
          author,
        });
      }
    });
  }
}

/** Keeps a writer connected so --sweep can add notes later; resolves once the server has `count`. */
export class Seeder {
  private readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;
  written = 0;

  constructor(
    private readonly url: string,
    private readonly seeding: Seeding,
    /** What the notes say, in turn. */
    private readonly phrases: readonly string[] = PHRASES,
  ) {
    this.provider = connect(url, seeding.boardId, seeding.token, this.doc);
    cleanups.push(() => {
      this.provider.destroy();
      this.doc.destroy();
    });
  }

  async fillTo(count: number): Promise<void> {
    await waitFor('the writer to sync', () => this.provider.synced);
    writeNotes(this.doc, this.written, count, this.seeding.author, this.phrases);
    this.written = count;
    // A second, fresh client sees what the server holds, not what the writer has queued.
    const check = new Y.Doc();
    const reader = connect(this.url, this.seeding.boardId, this.seeding.token, check);
    try {
      await waitFor(`the server to hold ${count} notes`, () => notesType(check).size === count);
    } finally {
      reader.destroy();
      check.destroy();
    }
  }
}
