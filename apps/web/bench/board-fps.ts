/**
 * How fast the board opens and moves with many notes, in headless Chromium (software rendering), as
 * DESIGN.md "Drawing many notes with Konva" asks: the time from navigation until every note is drawn
 * ("ready"), and frames per second over the whole gesture (mean) plus the longest frame, for dragging a note,
 * panning and wheel-zooming; at --notes (1,000) and again at --large (3,000) notes.
 *
 * Run from the repo root (build the test build first, which has the window hooks: pnpm --filter @kompas/web build:test):
 *   pnpm bench:board [--notes 1000] [--large 3000] [--opens 5] [--profile ready.cpuprofile] [--sweep]
 *                    [--input stream|await]
 *
 * 1. Starts the real server (built test app included) on a free port with a temporary DATA_DIR, creates a
 *    workshop and writes the notes into it through @kompas/model with the official y-websocket client
 *    (bench-board.ts); a second client checks that the server has them all.
 * 2. Joins once through the name dialog, then opens the board --opens times, each in a fresh browser context
 *    (name remembered, nothing cached, no IndexedDB), and times navigation -> board shown
 *    -> all notes drawn (page-meters.ts); the median is the ready time. --profile saves a CPU profile of one
 *    more opening and prints where the time went (cpu-profile.ts); after the gestures are measured, it does
 *    each gesture once more under the profiler too.
 * 3. In one more fresh page: drags a note, pans and wheel-zooms, 2 s each, with page.mouse events on a 60 Hz
 *    clock, counting requestAnimationFrame callbacks from the first input event to the gesture's final
 *    redraw: frames / elapsed seconds (mean) and the longest frame (gestures.ts).
 * 4. Writes notes up to --large (0 skips this) and repeats 2 and 3.
 * --web-dir serves another build of the app (a test build: it has the window hooks), to compare two versions
 * under the same load.
 * --sweep then adds notes to the open board in steps (SWEEP_COUNTS) and measures again at each count, to
 * find up to how many notes each gesture still runs at 30 fps or more.
 * Figures taken while other work loads the machine are noisy: the load average is printed with them.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import {
  cleanup,
  cleanups,
  createBoard,
  fail,
  guardRun,
  joinAsSeeder,
  Seeder,
  type Server,
  sleep,
  startServer,
} from './bench-board.ts';
import { startProfile, stopProfile } from './cpu-profile.ts';
import { GESTURES, type InputMode, measureGestures } from './gestures.ts';
import { buildAndMeasure, initialScriptTotals } from './initial-script.ts';
import {
  type FirstRender,
  FRAME_METER,
  type FrameStats,
  firstRenderWatcher,
  noteCount,
  settle,
  waitForNotes,
} from './page-meters.ts';

const VIEWPORT = { width: 1440, height: 900 };
/** The whole run is killed after this long, whatever it is doing. */
const HARD_LIMIT_MS = 280_000;
/** Note counts tried by --sweep above the last count measured (until every gesture is below 30 fps or time runs short). */
const SWEEP_COUNTS = [100, 250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000, 8000];
const SWEEP_BUDGET_MS = 250_000;
/** The targets (issue 15), printed beside the figures. */
const READY_TARGET_MS = 1000;
const LARGE_FPS_TARGET = 50;

const { values: args } = parseArgs({
  options: {
    notes: { type: 'string', default: '1000' },
    large: { type: 'string', default: '3000' },
    opens: { type: 'string', default: '5' },
    profile: { type: 'string' },
    sweep: { type: 'boolean', default: false },
    input: { type: 'string', default: 'stream' },
    'web-dir': { type: 'string', default: 'apps/web/dist-test' },
  },
});
const INPUT = args.input as InputMode;
if (INPUT !== 'stream' && INPUT !== 'await') {
  console.error(`--input must be stream or await, got ${args.input}`);
  process.exit(2);
}
function count(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}, got ${value}`);
    process.exit(2);
  }
  return n;
}
const NOTES = count('notes', args.notes, 1, 20_000);
const LARGE = count('large', args.large, 0, 20_000);
const OPENS = count('opens', args.opens, 1, 20);
if (LARGE !== 0 && LARGE <= NOTES) {
  console.error('--large must be more than --notes, or 0');
  process.exit(2);
}

const runStarted = performance.now();
const elapsed = () => performance.now() - runStarted;
const watchdog = guardRun('board-fps', HARD_LIMIT_MS);

type Remembered = Awaited<ReturnType<BrowserContext['storageState']>>;

/** What every measurement needs: the browser, the remembered name, the board's link and the server. */
interface Setup {
  browser: Browser;
  /** The browser's own CDP session, for the CPU time of its processes. */
  browserCdp: CDPSession;
  remembered: Remembered;
  link: string;
  server: Server;
}

/**
 * A fresh context with the name remembered (a first visit: no HTTP cache, no IndexedDB copy), on a page of
 * the server's site, so that the board opens in a renderer process already there: its CPU time is then the
 * opening's.
 */
async function freshPage({ browser, remembered, link }: Setup, notes: number): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, storageState: remembered });
  cleanups.push(() => context.close());
  await context.addInitScript(firstRenderWatcher(notes));
  const page = await context.newPage();
  await page.goto(new URL('/healthz', link).href);
  return page;
}

/** Opens the board in `page` and waits until every note is drawn; the times since navigation. */
async function open(page: Page, link: string, notes: number): Promise<FirstRender> {
  await page.goto(link);
  await page.waitForFunction(() => window.__benchFirstRender?.drawnMs != null, undefined, {
    timeout: 60_000,
    polling: 100,
  });
  const times = (await page.evaluate(() => window.__benchFirstRender)) as FirstRender;
  if ((await noteCount(page)) !== notes) throw new Error('the page does not show every note');
  return times;
}

/** The CPU time of each of the browser's processes so far, in ms, by process id, with the process's kind. */
async function browserCpu(cdp: CDPSession): Promise<Map<number, { type: string; ms: number }>> {
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { id: number; type: string; cpuTime: number }[];
  };
  return new Map(processInfo.map(({ id, type, cpuTime }) => [id, { type, ms: cpuTime * 1000 }]));
}

/** CPU time spent between the two readings, in all and by kind of process (renderer, GPU, browser...). */
function cpuSpent(
  before: Map<number, { ms: number }>,
  after: Map<number, { type: string; ms: number }>,
): { total: number; byType: Map<string, number> } {
  const byType = new Map<string, number>();
  let total = 0;
  for (const [id, { type, ms }] of after) {
    const spent = ms - (before.get(id)?.ms ?? 0);
    total += spent;
    byType.set(type, (byType.get(type) ?? 0) + spent);
  }
  return { total, byType };
}

/**
 * Wall-clock times since navigation, and CPU time (ms) spent meanwhile by the browser (all its processes: the
 * page's renderer, the GPU and network processes) and by the server: unlike the times, CPU time hardly grows
 * when other work loads the machine.
 */
interface Ready {
  shown: number[];
  drawn: number[];
  browserCpu: number[];
  /** The renderer processes' share of browserCpu: the page's own work, rendering included. */
  rendererCpu: number[];
  serverCpu: number[];
}

/** Opens the board OPENS times, each in a fresh context closed afterwards. */
async function measureReady(setup: Setup, notes: number): Promise<Ready> {
  const ready: Ready = { shown: [], drawn: [], browserCpu: [], rendererCpu: [], serverCpu: [] };
  for (let i = 0; i < OPENS; i++) {
    const page = await freshPage(setup, notes);
    const [browserBefore, serverBefore] = await Promise.all([
      browserCpu(setup.browserCdp),
      setup.server.cpuMs(),
    ]);
    const { boardMs, drawnMs } = await open(page, setup.link, notes);
    const [browserAfter, serverAfter] = await Promise.all([
      browserCpu(setup.browserCdp),
      setup.server.cpuMs(),
    ]);
    ready.shown.push(boardMs ?? Number.NaN);
    ready.drawn.push(drawnMs ?? Number.NaN);
    const spent = cpuSpent(browserBefore, browserAfter);
    ready.browserCpu.push(spent.total);
    ready.rendererCpu.push(spent.byType.get('renderer') ?? 0);
    ready.serverCpu.push(serverAfter - serverBefore);
    await page.context().close();
  }
  return ready;
}

/** One more opening under the CPU profiler; prints where the time went. */
async function profileOpening(setup: Setup, notes: number, path: string) {
  const page = await freshPage(setup, notes);
  const cdp = await page.context().newCDPSession(page);
  await startProfile(cdp);
  const { drawnMs } = await open(page, setup.link, notes);
  const summary = await stopProfile(cdp, path);
  console.log(`\nprofiled opening (${notes} notes): all notes drawn at ${ms(drawnMs)}; saved to ${path}`);
  for (const line of summary) console.log(line);
  await page.context().close();
}

/**
 * Each gesture once more under the CPU profiler, each on a fresh page as the measured drag had (the profiler
 * slows the page: these frame counts are not the gesture's figures).
 */
async function profileGestures(setup: Setup, notes: number, path: string) {
  for (const [name, gesture] of GESTURES) {
    const page = await motionPage(setup, notes);
    const cdp = await page.context().newCDPSession(page);
    await settle(page);
    await startProfile(cdp);
    const { stats } = await gesture(page, INPUT);
    const file = `${path}-${name.split(' ')[0]}.cpuprofile`;
    const summary = await stopProfile(cdp, file);
    console.log(`\nprofiled ${name}: ${stats.frames} frames in ${ms(stats.elapsedMs)}; saved to ${file}`);
    for (const line of summary) console.log(line);
    await page.context().close();
  }
}

/** A fresh page on the board, caches built, with the frame meter. */
async function motionPage(setup: Setup, notes: number): Promise<Page> {
  const page = await freshPage(setup, notes);
  await open(page, setup.link, notes);
  await page.evaluate(FRAME_METER);
  // Note caches are built lazily in the frames after the first render; let that finish.
  await sleep(1000);
  return page;
}

/** The gestures' figures, on a fresh page, with the CPU time the renderer processes spent on each. */
async function measureMotion(setup: Setup, notes: number) {
  const page = await motionPage(setup, notes);
  const rendererCpu = async () => {
    let ms = 0;
    for (const { type, ms: spent } of (await browserCpu(setup.browserCdp)).values()) {
      if (type === 'renderer') ms += spent;
    }
    return ms;
  };
  return { page, results: await measureGestures(page, INPUT, rendererCpu) };
}

async function main(): Promise<void> {
  // The script a board page downloads before its first render, from a production build (pnpm bench:bundle lists it).
  console.log(`initial JavaScript: ${initialScriptTotals(await buildAndMeasure())}`);
  const server = await startServer(args['web-dir']);
  const { url } = server;
  const board = await createBoard(url);
  const link = board.links.facilitator;
  const seeder = new Seeder(url, await joinAsSeeder(url, board));
  const seedStart = performance.now();
  await seeder.fillTo(NOTES);
  const seedMs = performance.now() - seedStart;

  const browser: Browser = await chromium.launch(chromiumLaunchOptions());
  cleanups.push(() => browser.close());

  // First visit: the name dialog. Its context is closed before measuring, so it draws nothing meanwhile.
  const joinContext: BrowserContext = await browser.newContext({ viewport: VIEWPORT });
  const joinPage = await joinContext.newPage();
  await joinPage.goto(link);
  await joinPage.getByLabel('Your name').fill('Bench');
  const joinClicked = performance.now();
  await joinPage.getByRole('button', { name: 'Join' }).click();
  await joinPage.getByRole('status').filter({ hasText: 'Online' }).waitFor({ timeout: 30_000 });
  await waitForNotes(joinPage, NOTES);
  const joinMs = performance.now() - joinClicked;
  const remembered = await joinContext.storageState();
  await joinContext.close();

  console.log(
    `\nKompas board: Chromium ${browser.version()} headless (software), ${VIEWPORT.width}x${VIEWPORT.height}, ` +
      `input ${INPUT} (see gestures.ts paced())`,
  );
  console.log(
    `seeded ${NOTES} notes via y-websocket in ${(seedMs / 1000).toFixed(2)} s; ` +
      `join click -> all notes on canvas ${(joinMs / 1000).toFixed(2)} s`,
  );

  const setup: Setup = {
    browser,
    browserCdp: await browser.newBrowserCDPSession(),
    remembered,
    link,
    server,
  };
  let last: Page | null = null;
  let lastFigures: number[] = [];
  for (const notes of LARGE === 0 ? [NOTES] : [NOTES, LARGE]) {
    if (notes > NOTES) await seeder.fillTo(notes);
    const ready = await measureReady(setup, notes);
    if (args.profile)
      await profileOpening(setup, notes, args.profile.replace(/(\.cpuprofile)?$/, `-${notes}.cpuprofile`));
    const { page, results } = await measureMotion(setup, notes);
    report(notes, ready, results);
    if (args.profile)
      await profileGestures(setup, notes, args.profile.replace(/(\.cpuprofile)?$/, `-${notes}-gestures`));
    last = page;
    lastFigures = results.map(({ stats }) => fps(stats));
  }
  if (args.sweep && last) await sweep(last, seeder, lastFigures, LARGE || NOTES);
}

// ---- report ---------------------------------------------------------------------------------------

const fps = (stats: FrameStats) => (stats.frames * 1000) / stats.elapsedMs;
const fixed = (value: number, digits = 1) => value.toFixed(digits).padStart(7);
const ms = (value: number | null) =>
  value === null || Number.isNaN(value) ? 'n/a' : `${Math.round(value)} ms`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

function row(name: string, stats: FrameStats, events: number, cpuMs: number | null): string {
  const cells = [
    fixed(fps(stats)),
    fixed(stats.longestMs, 0),
    String(stats.frames).padStart(8),
    fixed(stats.elapsedMs / 1000, 2),
    `${events}/${stats.inputs}`.padStart(10),
    `${Math.round((100 * stats.inputFrames) / Math.max(1, stats.frames))}%`.padStart(9),
    (cpuMs === null ? 'n/a' : String(Math.round(cpuMs))).padStart(8),
  ];
  return `${name.padEnd(22)}${cells.join('')}`;
}

/** The frames of a gesture that missed 60 Hz frames, e.g. "206 ms at 0.21 s", the longest 8 in order. */
function longFrames({ longFrames }: FrameStats): string {
  const longest = [...longFrames].sort((a, b) => b.ms - a.ms).slice(0, 8);
  return longFrames
    .filter((frame) => longest.includes(frame))
    .map(({ at, ms }) => `${ms} ms at ${(at / 1000).toFixed(2)} s`)
    .join(', ');
}

function report(
  notes: number,
  ready: Ready,
  results: { name: string; stats: FrameStats; events: number; cpuMs: number | null }[],
) {
  const drawn = median(ready.drawn);
  console.log(`\n${notes} notes (load average ${loadAverage()})`);
  console.log(
    `ready, fresh context (no cache, no IndexedDB), median of ${OPENS}: navigation -> board shown ` +
      `${ms(median(ready.shown))}, -> all notes drawn ${ms(drawn)}` +
      (notes === NOTES
        ? ` (target < ${READY_TARGET_MS} ms: ${drawn < READY_TARGET_MS ? 'met' : 'not met'})`
        : ''),
  );
  console.log(
    `  all notes drawn, each opening: ${ready.drawn.map((value) => Math.round(value)).join(', ')} ms`,
  );
  console.log(
    `  CPU time of the opening, median: browser (all processes) ${ms(median(ready.browserCpu))}, ` +
      `of which the page's renderer ${ms(median(ready.rendererCpu))}; server ${ms(median(ready.serverCpu))}`,
  );
  console.log(
    `${'gesture'.padEnd(22)}${'fps'.padStart(7)}${'max ms'.padStart(7)}${'frames'.padStart(8)}${'s'.padStart(7)}${'sent/got'.padStart(10)}${'w/ input'.padStart(9)}${'CPU ms'.padStart(8)}`,
  );
  for (const { name, stats, events, cpuMs } of results) {
    console.log(row(name, stats, events, cpuMs));
    if (stats.longFrames.length > 0) console.log(`  long frames: ${longFrames(stats)}`);
  }
  if (notes === LARGE) {
    const slowest = Math.min(...results.slice(0, 2).map(({ stats }) => fps(stats)));
    console.log(
      `drag and pan at ${notes} notes: slowest ${slowest.toFixed(1)} fps (target >= ${LARGE_FPS_TARGET}: ${slowest >= LARGE_FPS_TARGET ? 'met' : 'not met'})`,
    );
  }
}

function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

/**
 * Adds notes to the open board and measures every gesture at each count of SWEEP_COUNTS above `from`
 * (the first row is the main measurement), until every gesture is below 30 fps or time runs short.
 */
async function sweep(page: Page, seeder: Seeder, first: number[], from: number): Promise<void> {
  console.log('\nsweep: mean fps per gesture as notes are added to the open board');
  console.log(
    `${'notes'.padStart(6)}${'drag'.padStart(8)}${'pan'.padStart(8)}${'zoom'.padStart(8)}${'slowest'.padStart(9)}`,
  );
  /** Per gesture: the largest count tried before its first result under 30 fps. */
  const limits: (number | null)[] = GESTURES.map(() => null);
  const fellBelow = GESTURES.map(() => false);
  let figures = first;
  let previous = { count: from, ms: 0 };
  for (const count of [from, ...SWEEP_COUNTS.filter((count) => count > from)]) {
    if (count > from) {
      // A step costs about as much more as it has notes more than the last one (loading, drawing).
      const expected = (previous.ms * count) / previous.count;
      if (elapsed() + expected > SWEEP_BUDGET_MS) {
        console.log(`(stopped before ${count} notes: it would not fit in the time limit)`);
        break;
      }
      const started = performance.now();
      await seeder.fillTo(count);
      await waitForNotes(page, count);
      figures = (await measureGestures(page, INPUT)).map(({ stats }) => fps(stats));
      previous = { count, ms: performance.now() - started };
    }
    figures.forEach((value, i) => {
      if (value < 30) fellBelow[i] = true;
      else if (!fellBelow[i]) limits[i] = count;
    });
    console.log(
      `${String(count).padStart(6)}${figures.map((value) => value.toFixed(1).padStart(8)).join('')}${Math.min(
        ...figures,
      )
        .toFixed(1)
        .padStart(9)}`,
    );
    if (fellBelow.every(Boolean)) break;
  }
  const summary = GESTURES.map(([name], i) => {
    const limit = limits[i];
    if (limit === null || limit === undefined) return `${name}: below 30 fps already at ${from}`;
    return `${name}: >= 30 fps up to ${limit}${fellBelow[i] ? '' : ' (never below 30 in this sweep)'}`;
  });
  console.log(`largest note count tried with >= 30 fps (one run, noisy):\n  ${summary.join('\n  ')}`);
}

try {
  await main();
  console.log(
    'fps: frames / gesture time (mean); max ms: longest frame; sent/got: input events sent / received\n' +
      '(Chromium merges pointer moves per frame); w/ input: frames that received input;\n' +
      "CPU ms: CPU time of the page's renderer processes during the gesture (little changed by other load)",
  );
  await cleanup();
  clearTimeout(watchdog);
  console.log(`\ndone in ${(elapsed() / 1000).toFixed(1)} s`);
  process.exit(0);
} catch (error) {
  await fail(`board-fps failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
