import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listNotes } from '@kompas/model';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_ENTRY, serverCommand } from '../../../scripts/server-command.mjs';
import {
  closeClients,
  connectClient,
  createBoard,
  removeDir,
  startTestServer,
  tempDir,
  waitFor,
  writeRelayedNote,
} from './test-support.ts';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * The built server, started as `npm start` starts it (scripts/server-command.mjs). `preload`: a TypeScript
 * module run before the server, through tsx and `node --import`.
 */
function startMain(env: Record<string, string>, preload?: string): Started {
  const clean = { ...process.env };
  // Nothing the test runner was given (a loader, say) may reach the server.
  for (const name of [
    'NODE_OPTIONS',
    'PORT',
    'HOST',
    'DATA_DIR',
    'KOMPAS_SECRET',
    'PUBLIC_URL',
    'WEB_DIR',
    'TOKEN_TTL_DAYS',
  ]) {
    delete clean[name];
  }
  const [node, ...args] = serverCommand();
  const preloads = preload === undefined ? [] : ['--import', 'tsx', '--import', preload];
  const child = spawn(node, [...preloads, ...args], {
    cwd: PACKAGE_DIR,
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

let dataDir: string;
let running: Started | undefined;

/** Built from the sources as they are now, as the set-up builds it. */
beforeAll(() => {
  const build = spawnSync(process.execPath, ['build.mjs'], { cwd: PACKAGE_DIR, encoding: 'utf8' });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
}, 60_000);

beforeEach(async () => {
  dataDir = await tempDir('main');
});
afterEach(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  running = undefined;
  await removeDir(dataDir);
});

/**
 * The packages the bundle imports: `lib0` for `lib0/encoding`, `@scope/name` for `@scope/name/part`. esbuild
 * writes each import statement from the start of a line, ending in `from "<specifier>";`.
 */
function importedPackages(code: string): Set<string> {
  const specifiers = [
    ...code.matchAll(/^(?:import|export|\}).*?\bfrom\s*"([^"]+)";$|^import\s*"([^"]+)";$/gm),
  ];
  return new Set(
    specifiers.map((match) => {
      const specifier = (match[1] ?? match[2]) as string;
      return specifier.split('/', specifier.startsWith('@') ? 2 : 1).join('/');
    }),
  );
}

describe('main', () => {
  it('runs as plain JavaScript: no compiler in the command, workspace packages built in, and it answers /healthz', async () => {
    const command = serverCommand();
    expect(command.filter((arg) => /tsx|\.ts$/.test(arg))).toEqual([]);
    expect(command).toContain(SERVER_ENTRY);

    // Node resolves the rest from the server's own dependencies, so a production install runs it.
    const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const packages = [...importedPackages(readFileSync(SERVER_ENTRY, 'utf8'))].filter(
      (name) => !name.startsWith('node:'),
    );
    expect(packages.filter((name) => name.startsWith('@kompas/') || !(name in dependencies))).toEqual([]);
    expect(packages).toContain('yjs');

    running = startMain({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_DIR: dataDir });
    const started = running;
    await waitFor(() => /Kompas listening on \S+/.test(started.output()), 'the listening line', 15_000);
    const url = /^Kompas listening on (\S+)$/m.exec(started.output())?.[1] ?? '';
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    // What the process really runs, as the kernel reports it.
    const cmdline = readFileSync(`/proc/${started.child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(cmdline).toEqual(command);
    expect(readFileSync(`/proc/${started.child.pid}/environ`, 'utf8')).not.toMatch(/(^|\0)NODE_OPTIONS=/);
  });

  it('starts, logs where it listens, and on SIGTERM flushes, closes and exits 0', async () => {
    running = startMain({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_DIR: dataDir });
    const started = running;
    await waitFor(() => /Kompas listening on \S+/.test(started.output()), 'the listening line', 15_000);
    const url = /^Kompas listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(started.output())?.[1] ?? '';
    expect(url).not.toBe('');
    const port = Number(new URL(url).port);
    const server = { url, port, close: async () => {} };

    const board = await createBoard(server, 'Over processen');
    const clients = await writeRelayedNote(server, board, { text: 'heen en terug', step: 'inrichten.vorm' });

    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    closeClients(...clients);
    expect(started.output()).toContain('shutting down signal=SIGTERM');
    for (const token of Object.values(board.tokens))
      expect(started.output()).not.toContain(token.split('.')[1]);

    const again = await startTestServer(dataDir);
    const reader = connectClient(again, board.id, board.tokens.facilitator);
    try {
      await waitFor(() => reader.provider.synced, 'sync after restart');
      expect(listNotes(reader.doc).map((note) => note.text)).toEqual(['heen en terug']);
    } finally {
      closeClients(reader);
      await again.close();
    }
  });

  it('exits 2 with a clear message for an invalid setting', async () => {
    running = startMain({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(await running.exited).toBe(2);
    expect(running.output()).toContain(
      'kompas: --port / PORT must be a whole number from 0 to 65535, got "eighty"',
    );
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const holder = await startTestServer(dataDir);
    const otherDir = await tempDir('main-other');
    try {
      running = startMain({ PORT: String(holder.port), HOST: '127.0.0.1', DATA_DIR: otherDir });
      expect(await running.exited).toBe(1);
      expect(running.output()).toContain(`port ${holder.port} on 127.0.0.1 is already in use`);
    } finally {
      await holder.close();
      await removeDir(otherDir);
    }
  });

  it('exits 1 with a clear message when another server uses the data folder', async () => {
    const holder = await startTestServer(dataDir);
    try {
      running = startMain({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
      expect(await running.exited).toBe(1);
      expect(running.output()).toContain(
        `another Kompas server is using data directory ${dataDir} (pid ${process.pid}); stop it or choose another --data-dir / DATA_DIR`,
      );
      expect((await createBoard(holder)).id).toMatch(/^[\w-]{22}$/);
    } finally {
      await holder.close();
    }
  });

  it('killed with SIGKILL, loses nothing it relayed and leaves no lock behind, so the next server starts', async () => {
    running = startMain({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_DIR: dataDir });
    const killed = running;
    await waitFor(() => /Kompas listening on \S+/.test(killed.output()), 'the listening line', 15_000);
    const url = /^Kompas listening on (\S+)$/m.exec(killed.output())?.[1] ?? '';
    const server = { url, port: Number(new URL(url).port), close: async () => {} };
    const board = await createBoard(server, 'Hard gestopt');
    const clients = await writeRelayedNote(server, board, {
      text: 'overleeft kill -9',
      step: 'richten.ambitie',
    });
    killed.child.kill('SIGKILL');
    await killed.exited;
    closeClients(...clients);

    const next = await startTestServer(dataDir);
    const reader = connectClient(next, board.id, board.tokens.facilitator);
    try {
      await waitFor(() => reader.provider.synced, 'sync after the kill');
      expect(listNotes(reader.doc).map((note) => note.text)).toEqual(['overleeft kill -9']);
      expect((await createBoard(next)).id).toMatch(/^[\w-]{22}$/);
    } finally {
      closeClients(reader);
      await next.close();
    }
  });

  it('logs an uncaught exception and an unhandled rejection and goes on serving', async () => {
    running = startMain(
      { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_DIR: dataDir },
      './src/crash-trigger.ts',
    );
    const started = running;
    await waitFor(() => /Kompas listening on \S+/.test(started.output()), 'the listening line', 15_000);
    const url = /^Kompas listening on (\S+)$/m.exec(started.output())?.[1] ?? '';

    started.child.kill('SIGUSR2');
    await waitFor(
      () =>
        started.output().includes('unhandled rejection') && started.output().includes('uncaught exception'),
      'both to be logged',
    );
    expect(started.output()).toContain(
      'error: uncaught exception, serving on error="Error: triggered exception"',
    );
    expect(started.output()).toContain(
      'error: unhandled rejection, serving on error="Error: triggered rejection"',
    );
    expect(started.child.exitCode).toBeNull();
    expect((await createBoard({ url, port: Number(new URL(url).port), close: async () => {} })).id).toMatch(
      /^[\w-]{22}$/,
    );
  });
});
