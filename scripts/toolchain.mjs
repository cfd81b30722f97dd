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

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Installs dependencies from the lock file and builds the web app when its sources changed. */
export function setUp() {
  const [command, ...prefix] = pnpm();
  runOrExit(command, [...prefix, 'install', '--frozen-lockfile'], {
    env: { ...process.env, ...nativeBuildEnv() },
  });
  const dist = join(root, 'apps/web/dist/index.html');
  const sources = [join(root, 'apps/web/src'), join(root, 'apps/web/index.html'), join(root, 'packages')];
  const sourceTime = Math.max(
    ...sources.map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)),
  );
  if (!existsSync(dist) || statSync(dist).mtimeMs < sourceTime) {
    runOrExit(command, [...prefix, '--filter', '@kompas/web', 'build']);
  }
}
