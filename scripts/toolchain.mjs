// Shared by the set-up, start and test scripts: they run on a machine that may have only Node and npm.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.4.2';

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function runOrExit(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${status})`);
    process.exit(status);
  }
}

/** The pnpm this project pins: the one on PATH if it is that version, else fetched once by npx. */
export function pnpm() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

/**
 * better-sqlite3 builds from source when no prebuilt binary can be downloaded; node-gyp then
 * needs Node's headers, which most Node installs ship under <prefix>/include/node.
 */
function nativeBuildEnv() {
  if (process.env.npm_config_nodedir) return {};
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? { npm_config_nodedir: prefix } : {};
}

/** The latest change under `path`; a folder's own time counts, as it changes when a file is removed. */
function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Runs `build` when `output` is missing or older than any file under `sources` (paths from the root). */
function buildWhenStale(output, sources, build) {
  const outputPath = join(root, output);
  const sourceTime = Math.max(...sources.map((source) => newestMtime(join(root, source))));
  if (!existsSync(outputPath) || statSync(outputPath).mtimeMs < sourceTime) build();
}

/** Bundles the server into apps/server/dist/main.js (a fraction of a second) when its sources changed. */
export function buildServerWhenStale() {
  const sources = [
    'apps/server/src',
    'apps/server/build.mjs',
    'packages/model/src',
    'packages/protocol/src',
    'packages/relay/src',
  ];
  buildWhenStale('apps/server/dist/main.js', sources, () =>
    runOrExit(process.execPath, ['apps/server/build.mjs']),
  );
}

/** Installs dependencies from the lock file and builds the server and the web app when their sources changed. */
export function setUp() {
  const [command, ...prefix] = pnpm();
  runOrExit(command, [...prefix, 'install', '--frozen-lockfile'], {
    env: { ...process.env, ...nativeBuildEnv() },
  });
  buildServerWhenStale();
  buildWhenStale('apps/web/dist/index.html', ['apps/web/src', 'apps/web/index.html', 'packages'], () =>
    runOrExit(command, [...prefix, '--filter', '@kompas/web', 'build']),
  );
}
