import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServerWhenStale, SERVER_ENTRY } from '../../../../scripts/server-command.mjs';

/**
 * The three servers under test, each started as a child process of its own so that the CPU time and peak RSS
 * read from /proc are the server's alone. Every server listens on 127.0.0.1 only.
 */
export const SERVER_NAMES = ['kompas', 'y-websocket-server', 'hocuspocus'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

/** How a server frames its messages: y-websocket's, or Hocuspocus's (each message prefixed by the document name). */
export type Framing = 'y-websocket' | 'hocuspocus';

export const FRAMING: Readonly<Record<ServerName, Framing>> = {
  kompas: 'y-websocket',
  'y-websocket-server': 'y-websocket',
  hocuspocus: 'hocuspocus',
};

export interface RunningServer {
  name: ServerName;
  pid: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Where the clients connect; the room (document) name follows after a slash. */
  wsUrl: string;
  /** The last lines the server printed, for error messages. */
  output(): string;
  /** Stops it (SIGTERM, then SIGKILL after a grace period) and removes its data; false when it had to be killed. */
  stop(): Promise<boolean>;
}

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const OUTPUT_LINES_KEPT = 40;

/**
 * The Kompas server's entry: by default the built JavaScript `npm start` runs (built first when stale).
 * KOMPAS_BENCH_ENTRY (or `--kompas-entry`) points it at another entry, such as a compiled `main.js`.
 */
export function kompasEntry(): string {
  if (process.env.KOMPAS_BENCH_ENTRY) return process.env.KOMPAS_BENCH_ENTRY;
  buildServerWhenStale();
  return SERVER_ENTRY;
}

/**
 * The command that starts Kompas as shipped: persistence, write checks and presence recording on. The flags
 * lift only the limits that a benchmark from one address would hit: connections per address and per room,
 * boards per address, and notes per board (the join scenario seeds 10,000); the checks themselves still run.
 */
export function kompasCommand(port: number, dataDir: string): string[] {
  const entry = kompasEntry();
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : ['--enable-source-maps'];
  // KOMPAS_BENCH_NODE_FLAGS go to the Kompas process's Node alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const flags = process.env.KOMPAS_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  return [
    ...flags,
    ...loader,
    entry,
    ...['--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir],
    ...['--connections-per-address', '0', '--connections-per-room', '0'],
    ...['--board-limit', '0', '--max-notes', '1000000'],
  ];
}

interface Launch {
  args: string[];
  env: Record<string, string>;
  /** A line the server prints once it accepts connections. */
  ready: RegExp;
  /** The server's own folder (data, if any), removed when it stops. */
  dataDir?: string;
}

function launch(name: ServerName, port: number): Launch {
  switch (name) {
    case 'kompas': {
      const dataDir = mkdtempSync(join(tmpdir(), 'kompas-compare-'));
      return { args: kompasCommand(port, dataDir), env: {}, ready: /Kompas listening on/, dataDir };
    }
    case 'y-websocket-server':
      // Its own executable, in memory (no YPERSISTENCE), as its README starts it.
      return {
        args: [join(SERVER_DIR, 'node_modules/@y/websocket-server/src/server.js')],
        env: { HOST: '127.0.0.1', PORT: String(port) },
        ready: /running at/,
      };
    case 'hocuspocus':
      return {
        args: [fileURLToPath(new URL('./hocuspocus-server.mjs', import.meta.url))],
        env: { HOST: '127.0.0.1', PORT: String(port) },
        ready: /hocuspocus listening/,
      };
  }
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `name` on a free port; `extraEnv` goes to its environment, e.g. where Kompas keeps its data. */
export async function startServer(
  name: ServerName,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const { args, env, ready, dataDir } = launch(name, port);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const output = () => lines.join('\n');
  try {
    await waitUntilReady(child, ready, lines);
  } catch (error) {
    await stopChild(child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${name} did not start: ${(error as Error).message}\n${output()}`);
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    pid: child.pid ?? 0,
    url,
    wsUrl: name === 'kompas' ? `ws://127.0.0.1:${port}/ws` : `ws://127.0.0.1:${port}`,
    output,
    async stop() {
      const clean = await stopChild(child);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      return clean;
    },
  };
}

/** Resolves once the server printed `ready`; keeps the last lines it printed (it logs every connection). */
function waitUntilReady(child: ChildProcess, ready: RegExp, lines: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "${ready.source}" within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const onText = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line === '') continue;
        lines.push(line);
        if (lines.length > OUTPUT_LINES_KEPT) lines.shift();
        if (ready.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      }
    };
    child.stdout?.on('data', onText);
    child.stderr?.on('data', onText);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before it was ready`));
    });
  });
}

/** Resolves true when the child ended on SIGTERM within the grace period, false when it had to be killed. */
function stopChild(child: ChildProcess): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    let forced = false;
    const kill = setTimeout(() => {
      forced = true;
      child.kill('SIGKILL');
    }, STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve(!forced);
    });
    child.kill('SIGTERM');
  });
}
