// `npm test`: every test (unit, integration, browser), then one closing line `Tests: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './chromium.mjs';
import { pnpm, root, run, runOrExit, setUp } from './toolchain.mjs';

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

const [command, ...prefix] = pnpm();
// Type errors and lint findings fail the run like a failing test does.
const checks = [
  { name: 'type check', args: ['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint and format', args: ['exec', 'biome', 'check', '.'] },
].map(({ name, args }) => ({ name, passed: run(command, [...prefix, ...args]) === 0 }));

run(command, [
  ...prefix,
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(reports, 'vitest.json')}`,
]);
// Browser tests run against the test build: the production build leaves out the window hooks they read.
runOrExit(command, [...prefix, '--filter', '@kompas/web', 'build:test']);
run(command, [...prefix, 'exec', 'playwright', 'test'], {
  env: {
    ...process.env,
    KOMPAS_CHROMIUM: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json'),
  },
});

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
