// `npm test`: every test (unit, integration, browser), then one closing line `Tests: N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './chromium.mjs';
import { findServices, start as startServices } from './services.mjs';
import { pnpm, root, runOrExit, setUp } from './toolchain.mjs';

/** Browser tests use the system's Chromium; on Debian or Ubuntu as root we can install it. */
function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
  if (canApt) {
    console.log('Installing Chromium for the browser tests (apt-get)...');
    runOrExit('apt-get', ['update', '-qq']);
    runOrExit('apt-get', ['install', '-y', '-qq', 'chromium'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = findChromium();
    if (installed) return installed;
  }
  console.error('No Chromium found. Install it (e.g. `apt-get install chromium`) or set KOMPAS_CHROMIUM.');
  process.exit(1);
}

/**
 * The tests' own PostgreSQL and Redis (see services.mjs), their addresses in the environment of every test
 * process. Without the programs the tests that need them are skipped, except in CI, where that fails the run.
 */
async function startTestServices() {
  const { postgresBin, redisServer } = findServices();
  if (!postgresBin || !redisServer) {
    const missing = [!postgresBin && 'PostgreSQL', !redisServer && 'redis-server']
      .filter(Boolean)
      .join(' and ');
    if (process.env.CI) {
      console.error(`${missing} not installed: CI runs the PostgreSQL and Redis tests (see .ci/run).`);
      process.exit(1);
    }
    console.log(`${missing} not installed: the PostgreSQL and Redis tests are skipped.`);
    return { stop: async () => {}, stopSync: () => {} };
  }
  const services = await startServices();
  process.env.KOMPAS_TEST_DATABASE_URL = services.databaseUrl;
  process.env.KOMPAS_TEST_REDIS_URL = services.redisUrl;
  console.log(`Test services: PostgreSQL at ${services.databaseUrl}, Redis at ${services.redisUrl}`);
  return services;
}

/** The step running now, so an interruption can end it before the services go. */
let current = null;

/** Runs a step without blocking, so a signal can stop the services meanwhile; resolves with its exit code. */
function runStep(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    current = child;
    child.once('error', reject);
    child.once('exit', (code) => {
      current = null;
      resolve(code ?? 1);
    });
  });
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

function vitestCounts(report) {
  if (!report) return { passed: 0, failed: 1 };
  const failedSuites = report.testResults.filter(
    (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
  ).length;
  return { passed: report.numPassedTests, failed: report.numFailedTests + failedSuites };
}

function playwrightCounts(report) {
  if (!report) return { passed: 0, failed: 1 };
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
  return { passed: expected + flaky, failed: unexpected + (report.errors?.length ?? 0) };
}

setUp();
const chromium = ensureChromium();
const reports = join(root, 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const services = await startTestServices();
// Whatever ends the run, the services go with it; an exit handler can only do what is synchronous.
process.on('exit', () => services.stopSync());
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    current?.kill(signal);
    services.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

const [command, ...prefix] = pnpm();
// Type errors and lint findings fail the run like a failing test does.
const checks = [];
for (const { name, args } of [
  { name: 'type check', args: ['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint and format', args: ['exec', 'biome', 'check', '.'] },
]) {
  checks.push({ name, passed: (await runStep(command, [...prefix, ...args])) === 0 });
}

await runStep(command, [
  ...prefix,
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(reports, 'vitest.json')}`,
]);
// Browser tests run against the test build: the production build leaves out the window hooks they read.
const buildArgs = [...prefix, '--filter', '@kompas/web', 'build:test'];
const built = await runStep(command, buildArgs);
if (built !== 0) {
  console.error(`\n${command} ${buildArgs.join(' ')} failed (exit ${built})`);
  process.exit(built);
}
await runStep(command, [...prefix, 'exec', 'playwright', 'test'], {
  env: {
    ...process.env,
    KOMPAS_CHROMIUM: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json'),
  },
});
await services.stop();

const unit = vitestCounts(readJson(join(reports, 'vitest.json')));
const browser = playwrightCounts(readJson(join(reports, 'playwright.json')));
const checksPassed = checks.filter((check) => check.passed).length;
const passed = unit.passed + browser.passed + checksPassed;
const failed = unit.failed + browser.failed + checks.length - checksPassed;
console.log('');
for (const check of checks) console.log(`${check.name}: ${check.passed ? 'passed' : 'FAILED'}`);
console.log(
  `Unit and integration: ${unit.passed} passed, ${unit.failed} failed; browser: ${browser.passed} passed, ${browser.failed} failed`,
);
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
