/**
 * What the server costs at rest, measured on real processes:
 * 1. start time and memory of the server as shipped (built JavaScript, scripts/server-command.mjs) against
 *    its TypeScript sources run through tsx, as `npm start` ran it before;
 * 2. what boards leave in memory once each was written, everyone left, it was replayed, and it sat idle:
 *    with the replay index letting go of its copy after --idle-seconds, and after ten minutes as before.
 *
 * Run from the repository root (the set-up has built the server): pnpm bench:server [--runs 3] [--notes 1000]
 * [--idle-seconds 10] [--boards 4]. Each server is a process of its own on 127.0.0.1 with a temporary DATA_DIR; its
 * resident memory (VmRSS) and peak (VmHWM) are read from /proc. Prints tables; asserts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  closeClients,
  connectClient,
  createBoard,
  removeDir,
  tempDir,
  waitFor,
} from '../apps/server/src/test-support.ts';
import { createNote, listNotes, moveNote, STEPS } from '../packages/model/src/index.ts';
import { serverCommand } from './server-command.mjs';

const root = resolve(import.meta.dirname, '..');

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    notes: { type: 'string', default: '1000' },
    'idle-seconds': { type: 'string', default: '10' },
    boards: { type: 'string', default: '4' },
  },
});
const RUNS = Number(args.runs);
const NOTES = Number(args.notes);
const IDLE_SECONDS = Number(args['idle-seconds']);
const BOARDS = Number(args.boards);
/** How long "idle after start" waits. */
const SETTLE_MS = 5000;
/** Notes per Yjs transaction while writing the board, so no single frame gets large. */
const WRITE_BATCH = 250;
/** The replay index's idle time before this change. */
const FORMER_IDLE_SECONDS = 600;

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** From spawn to the first answer of /healthz. */
  readyMs: number;
}

const VARIANTS = {
  'tsx (before)': () => [process.execPath, '--import', 'tsx', 'apps/server/src/main.ts'],
  'built JavaScript': () => serverCommand(),
} satisfies Record<string, () => string[]>;

async function start(command: string[], dataDir: string, env: Record<string, string> = {}): Promise<Started> {
  const [node, ...rest] = command as [string, ...string[]];
  const began = performance.now();
  const child = spawn(node, rest, {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  await waitFor(() => /Kompas listening on \S+/.test(output), 'the listening line', 30_000);
  const url = /Kompas listening on (\S+)/.exec(output)?.[1] ?? '';
  await fetch(`${url}/healthz`);
  return { child, url, output: () => output, readyMs: performance.now() - began };
}

async function stop({ child }: Started): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Preloaded into the servers of the idle scenario only: on SIGUSR2, a full garbage collection, then the
 * JavaScript heap in use and the resident memory, on one line. What an idle process holds on to, as opposed
 * to garbage it has not collected yet.
 */
const GC_PROBE = `data:text/javascript,${encodeURIComponent(
  "process.on('SIGUSR2', () => { globalThis.gc(); const m = process.memoryUsage(); " +
    "console.log('gc heap=' + m.heapUsed + ' rss=' + m.rss); });",
)}`;

/** The heap in use and the RSS after a full collection, in MB. */
async function afterCollection(server: Started): Promise<{ heap: number; rss: number }> {
  const seen = server.output().length;
  server.child.kill('SIGUSR2');
  await waitFor(() => /gc heap=\d+ rss=\d+/.test(server.output().slice(seen)), 'the collection', 10_000);
  const [, heap, rss] = /gc heap=(\d+) rss=(\d+)/.exec(server.output().slice(seen)) ?? [];
  return { heap: Number(heap) / 2 ** 20, rss: Number(rss) / 2 ** 20 };
}

/** Resident and peak resident memory of a process, in MB. */
function memory(pid: number | undefined): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const range = (values: number[], digits = 0) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

async function measureStart(): Promise<void> {
  const results = new Map<string, { ready: number[]; rss: number[]; idle: number[] }>();
  for (let run = 0; run < RUNS; run++) {
    // Interleaved, so both see the same machine.
    for (const [name, command] of Object.entries(VARIANTS)) {
      const dataDir = await tempDir('bench-start');
      const server = await start(command(), dataDir);
      const afterStart = memory(server.child.pid).rss;
      await sleep(SETTLE_MS);
      const idle = memory(server.child.pid).rss;
      await stop(server);
      await removeDir(dataDir);
      const result = results.get(name) ?? { ready: [], rss: [], idle: [] };
      result.ready.push(server.readyMs);
      result.rss.push(afterStart);
      result.idle.push(idle);
      results.set(name, result);
    }
  }
  console.log(`\nStart, ${RUNS} runs each, median (min–max)`);
  console.log('| server | ready (spawn to /healthz) | RSS after start | RSS idle 5 s later |');
  console.log('|---|---|---|---|');
  for (const [name, { ready, rss, idle }] of results) {
    console.log(`| ${name} | ${range(ready)} ms | ${range(rss, 1)} MB | ${range(idle, 1)} MB |`);
  }
}

/** Writes the board: NOTES notes, each moved once; resolves once a second client has them all. */
async function writeBoard(server: Started): Promise<void> {
  const running = { url: server.url, port: Number(new URL(server.url).port), close: async () => {} };
  const board = await createBoard(running);
  const writer = connectClient(running, board.id, board.tokens.participant);
  await waitFor(() => writer.provider.synced, 'the writer to sync', 10_000);
  const author = board.people.participant;
  for (let first = 0; first < NOTES; first += WRITE_BATCH) {
    writer.doc.transact(() => {
      for (let index = first; index < Math.min(NOTES, first + WRITE_BATCH); index++) {
        const step = STEPS[index % STEPS.length]?.id ?? 'verkennen.opgave';
        createNote(writer.doc, { text: `Idea ${index} of the workshop`, step, author });
      }
    });
  }
  for (const note of listNotes(writer.doc)) {
    moveNote(writer.doc, note.id, note.step, { r: 0.3 + Math.random() * 0.5, t: Math.random() });
  }
  const checker = connectClient(running, board.id, board.tokens.observer);
  await waitFor(() => listNotes(checker.doc).length === NOTES, 'every note to be relayed', 60_000);
  closeClients(writer, checker);

  // Replayed after everyone left: the whole recording read as a replaying browser reads it.
  const headers = { Authorization: `Bearer ${board.tokens.observer}` };
  const now = Date.now() + 60_000;
  for (const part of ['board?at=0', `board?at=${now}`, 'frames?after=0', 'events', `state?at=${now}`]) {
    const response = await fetch(`${server.url}/api/boards/${board.id}/replay/${part}`, { headers });
    if (!response.ok) throw new Error(`replay/${part} answered ${response.status}`);
    await response.arrayBuffer();
  }
}

/**
 * One server, BOARDS boards one after another, each written, left, replayed and then idle for the index's
 * idle time and 5 s more. An idle process collects no garbage and gives little memory back to the system,
 * so RSS alone hardly shows what was let go; after the last board, a full collection shows what it holds.
 */
async function measureIdleBoards(): Promise<void> {
  console.log(
    `\n${BOARDS} boards of ${NOTES} notes one after another, each written, left, replayed, then idle ${IDLE_SECONDS + 5} s; built server`,
  );
  const header = Array.from({ length: BOARDS }, (_, board) => `RSS after board ${board + 1}`);
  console.log(
    `| replay index lets go after | RSS before | ${header.join(' | ')} | peak | after a full GC: heap, RSS |`,
  );
  console.log(`|---|---|${header.map(() => '---|').join('')}---|---|`);
  for (const idleSeconds of [FORMER_IDLE_SECONDS, IDLE_SECONDS]) {
    const dataDir = await tempDir('bench-idle');
    const [node, ...rest] = serverCommand();
    const server = await start([node, '--expose-gc', '--import', GC_PROBE, ...rest], dataDir, {
      REPLAY_IDLE_SECONDS: String(idleSeconds),
    });
    await sleep(SETTLE_MS);
    const before = memory(server.child.pid).rss;
    const after: number[] = [];
    for (let board = 0; board < BOARDS; board++) {
      await writeBoard(server);
      await sleep((IDLE_SECONDS + 5) * 1000);
      after.push(memory(server.child.pid).rss);
    }
    const { peak } = memory(server.child.pid);
    const collected = await afterCollection(server);
    await stop(server);
    await removeDir(dataDir);
    const label = `${idleSeconds} s${idleSeconds === FORMER_IDLE_SECONDS ? ' (before)' : ''}`;
    const cells = after.map((rss) => `${rss.toFixed(1)} MB`).join(' | ');
    console.log(
      `| ${label} | ${before.toFixed(1)} MB | ${cells} | ${peak.toFixed(1)} MB | ${collected.heap.toFixed(1)} MB, ${collected.rss.toFixed(1)} MB |`,
    );
  }
}

console.log(`Node ${process.version}, load average ${loadavg()[0]?.toFixed(2)} at the start`);
await measureStart();
await measureIdleBoards();
