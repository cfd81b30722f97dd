/**
 * Frame rate of the board with many notes, in headless Chromium (software rendering), as DESIGN.md
 * "Drawing many notes with Konva" asks: frames per second over the whole gesture (mean), plus the
 * longest frame, for dragging a note, panning and wheel-zooming; and the first render time.
 *
 * Run from the repo root (build the test build first, which has the window hooks: pnpm --filter @kompas/web build:test):
 *   pnpm exec tsx apps/web/bench/board-fps.ts [--notes 1000] [--sweep] [--input stream|await]
 *
 * 1. Starts the real server (built web app included) on a free port with a temporary DATA_DIR.
 * 2. Creates a workshop and writes N notes into its content room through @kompas/model with the
 *    official y-websocket client; a second client checks that the server has them all.
 * 3. Joins once through the name dialog, then opens the board in a fresh browser context (name
 *    remembered, nothing cached, no IndexedDB) and times navigation -> all notes drawn.
 * 4. Drags a note, pans and wheel-zooms, 2 s each, with page.mouse events on a 60 Hz clock (see
 *    paced()), and counts requestAnimationFrame callbacks in the page from the first input event to
 *    the gesture's final redraw: frames / elapsed seconds (mean) and the longest frame.
 * --sweep then adds notes to the same open board in steps (SWEEP_COUNTS) and measures again at each
 * count, to find up to how many notes each gesture still runs at 30 fps or more.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BOARD_RADIUS, CENTRE_RADIUS, createNote, NOTE_COLORS, notesType, STEPS } from '@kompas/model';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../src/notes/note-metrics.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const VIEWPORT = { width: 1440, height: 900 };
/** The whole run is killed after this long, whatever it is doing. */
const HARD_LIMIT_MS = 115_000;
/** A gesture lasts 2 s: 120 input events 16.7 ms apart, one per 60 Hz frame. */
const GESTURE_MS = 2000;
const EVENT_INTERVAL_MS = 1000 / 60;
const GESTURE_EVENTS = Math.round(GESTURE_MS / EVENT_INTERVAL_MS);
/** Input events sent but not yet acknowledged by Chromium, at most. */
const MAX_IN_FLIGHT = 16;
/** A gesture on a very slow page stops sending events after this long (and jumps to its end point). */
const GESTURE_MAX_MS = 6000;
/** The wheel zoom is one gesture until the wheel rests 160 ms (board-canvas.ts); wait that out. */
const WHEEL_SETTLE_MS = 250;
/** Note counts tried by --sweep above --notes (until every gesture is below 30 fps or time runs short). */
const SWEEP_COUNTS = [100, 250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000, 8000];
const SWEEP_BUDGET_MS = 100_000;
/** Notes per Yjs transaction while seeding, so no single WebSocket frame gets large. */
const SEED_BATCH = 250;

const { values: args } = parseArgs({
  options: {
    notes: { type: 'string', default: '1000' },
    sweep: { type: 'boolean', default: false },
    input: { type: 'string', default: 'stream' },
  },
});
const INPUT = args.input;
if (INPUT !== 'stream' && INPUT !== 'await') {
  console.error(`--input must be stream or await, got ${INPUT}`);
  process.exit(2);
}
const NOTES = Number(args.notes);
if (!Number.isInteger(NOTES) || NOTES < 1 || NOTES > 20_000) {
  console.error(`--notes must be a whole number from 1 to 20000, got ${args.notes}`);
  process.exit(2);
}

interface Point {
  x: number;
  y: number;
}
interface FrameStats {
  frames: number;
  elapsedMs: number;
  longestMs: number;
  /** Input events the page received during the gesture, and frames that had at least one. */
  inputs: number;
  inputFrames: number;
  panRange: number;
  maxScale: number;
}
interface Created {
  id: string;
  links: { facilitator: string };
  tokens: { facilitator: string };
}
/** The rooms open only with a person's token, and the server checks that a note's author is its writer. */
interface Seeding {
  boardId: string;
  token: string;
  author: { id: string; name: string };
}

const runStarted = performance.now();
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const elapsed = () => performance.now() - runStarted;

// ---- cleanup --------------------------------------------------------------------------------------

const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
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
async function fail(message: string, code = 1): Promise<never> {
  console.error(message);
  await cleanup();
  process.exit(code);
}
const watchdog = setTimeout(
  () => void fail(`board-fps: gave up after ${HARD_LIMIT_MS / 1000} s`),
  HARD_LIMIT_MS,
);
process.once('SIGINT', () => void fail('board-fps: interrupted', 130));
process.once('SIGTERM', () => void fail('board-fps: terminated', 143));

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

async function startServer(): Promise<string> {
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
      WEB_DIR: 'apps/web/dist-test',
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
      if ((await fetch(`${url}/healthz`)).ok) return url;
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

async function createBoard(url: string): Promise<Created> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Frame rate bench', task: 'Draw a thousand notes smoothly' }),
  });
  if (response.status !== 201) throw new Error(`POST /api/boards answered ${response.status}`);
  return (await response.json()) as Created;
}

/** Joins the board with the facilitator's invite link as the person who writes the bench's notes. */
async function joinAsSeeder(url: string, board: Created): Promise<Seeding> {
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
function writeNotes(doc: Y.Doc, from: number, to: number, author: Seeding['author']): void {
  const next = random(from + 1);
  for (let start = from; start < to; start += SEED_BATCH) {
    doc.transact(() => {
      for (let i = start; i < Math.min(to, start + SEED_BATCH); i++) {
        const step = STEPS[i % STEPS.length];
        const color = NOTE_COLORS[i % NOTE_COLORS.length];
        if (!step || !color) throw new Error('no steps or colours');
        createNote(doc, {
          text: `${PHRASES[i % PHRASES.length]} #${i + 1}`,
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
class Seeder {
  private readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;
  written = 0;

  constructor(
    private readonly url: string,
    private readonly seeding: Seeding,
  ) {
    this.provider = connect(url, seeding.boardId, seeding.token, this.doc);
    cleanups.push(() => {
      this.provider.destroy();
      this.doc.destroy();
    });
  }

  async fillTo(count: number): Promise<void> {
    await waitFor('the writer to sync', () => this.provider.synced);
    writeNotes(this.doc, this.written, count, this.seeding.author);
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

// ---- in-page instruments -------------------------------------------------------------------------

/**
 * A requestAnimationFrame counter: start() and stop() bracket a gesture; stop() returns the frames
 * drawn, the elapsed time, the longest gap between frames, how many frames received input (pointer
 * moves or wheel events) and how far the camera went (to check that the board reacted). settle()
 * resolves once 12 frames in a row took under 25 ms (caches built, nothing pending), or after 10 s.
 * Kept as a string: functions passed to page.evaluate must not carry helpers the TypeScript loader adds.
 */
const FRAME_METER = `(() => {
  if (window.__benchFrames) return;
  let running = false, frames = 0, started = 0, last = 0, longest = 0;
  let inputs = 0, inputFrames = 0, inputThisFrame = false;
  let minX = 0, maxX = 0, maxScale = 0;
  const onInput = () => {
    if (!running) return;
    inputs += 1;
    inputThisFrame = true;
  };
  window.addEventListener('pointermove', onInput, { capture: true, passive: true });
  window.addEventListener('wheel', onInput, { capture: true, passive: true });
  const camera = () => {
    const view = window.kompas && window.kompas.viewport();
    if (!view) return;
    minX = Math.min(minX, view.x);
    maxX = Math.max(maxX, view.x);
    maxScale = Math.max(maxScale, view.scale);
  };
  const tick = () => {
    if (!running) return;
    const now = performance.now();
    frames += 1;
    if (inputThisFrame) inputFrames += 1;
    inputThisFrame = false;
    longest = Math.max(longest, now - last);
    last = now;
    camera();
    requestAnimationFrame(tick);
  };
  window.__benchFrames = {
    start() {
      running = true; frames = 0; longest = 0; inputs = 0; inputFrames = 0; inputThisFrame = false;
      minX = Infinity; maxX = -Infinity; maxScale = 0;
      camera();
      started = last = performance.now();
      requestAnimationFrame(tick);
    },
    stop() {
      running = false;
      const now = performance.now();
      camera();
      return {
        frames, elapsedMs: now - started, longestMs: Math.max(longest, now - last),
        inputs, inputFrames, panRange: maxX - minX, maxScale,
      };
    },
    settle() {
      return new Promise((done) => {
        const deadline = performance.now() + 10000;
        let calm = 0, previous = performance.now();
        const step = () => {
          const now = performance.now();
          calm = now - previous < 25 ? calm + 1 : 0;
          previous = now;
          if (calm >= 12 || now > deadline) done(calm >= 12);
          else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
    },
  };
})()`;

/**
 * Installed before the app's scripts in the measuring context. Each frame it checks whether the board
 * is shown (the test hooks exist) and whether all notes are on the canvas; the frame after that, when
 * Konva has drawn them, is "first render". Times are ms since navigation started.
 */
function firstRenderWatcher(count: number): string {
  return `(() => {
    const record = { boardMs: null, drawnMs: null };
    window.__benchFirstRender = record;
    let seen = false;
    const frame = () => {
      const now = performance.now();
      if (now > 60000) return;
      if (seen) { record.drawnMs = now; return; }
      if (window.kompas && record.boardMs === null) record.boardMs = now;
      seen = !!window.kompas && window.kompas.notes().length >= ${count};
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`;
}

async function startFrames(page: Page): Promise<void> {
  await page.evaluate('window.__benchFrames.start()');
}
async function stopFrames(page: Page): Promise<FrameStats> {
  return (await page.evaluate('window.__benchFrames.stop()')) as FrameStats;
}
async function settle(page: Page): Promise<boolean> {
  return (await page.evaluate('window.__benchFrames.settle()')) as boolean;
}
async function noteCount(page: Page): Promise<number> {
  return page.evaluate(() => window.kompas?.notes().length ?? -1);
}
async function waitForNotes(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => window.kompas?.notes().length === n, count, {
    timeout: 60_000,
    polling: 250,
  });
}

// ---- gestures -------------------------------------------------------------------------------------

/**
 * Drives one gesture for GESTURE_MS: `send(f)` sends the input event for the fraction f (0..1] of the
 * gesture's path, on a 60 Hz clock. With --input stream (default) events go out like a real mouse's,
 * without waiting for the page (up to MAX_IN_FLIGHT unacknowledged; Chromium coalesces pointer moves per
 * frame), so a busy page still gets input nearly every frame. With --input await each event is awaited
 * first; Chromium acknowledges one only once handled, often frames later, so many frames get no input
 * and the figures come out higher. Bounded: GESTURE_EVENTS ticks; after GESTURE_MAX_MS it jumps to the end.
 */
async function paced(send: (fraction: number) => Promise<void>): Promise<number> {
  const pipeline = INPUT === 'stream';
  const start = performance.now();
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let last = 0;
  for (let i = 0; i < GESTURE_EVENTS && last < 1; i++) {
    const late = performance.now() - start > GESTURE_MAX_MS;
    const fraction = late
      ? 1
      : pipeline
        ? (i + 1) / GESTURE_EVENTS
        : Math.min(1, (performance.now() - start) / GESTURE_MS);
    if (fraction <= last) continue;
    last = fraction;
    const event = send(fraction).finally(() => pending.delete(event));
    pending.add(event);
    sent++;
    if (!pipeline || pending.size >= MAX_IN_FLIGHT) await Promise.race(pending);
    const wait = start + (i + 1) * EVENT_INTERVAL_MS - performance.now();
    if (wait > 0) await sleep(wait);
  }
  if (last < 1) {
    await send(1);
    sent++;
  }
  await Promise.all(pending);
  return sent;
}

/** Whether the page point is on the board canvas itself, not under the header or a floating panel. */
async function onCanvas(page: Page, point: Point): Promise<boolean> {
  return page.evaluate(({ x, y }) => {
    let element: Element | null = document.elementFromPoint(x, y);
    for (let depth = 0; element?.shadowRoot && depth < 20; depth++) {
      const inner: Element | null = element.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === element) break;
      element = inner;
    }
    return Boolean(element?.closest('.stage'));
  }, point);
}

interface Layout {
  canvas: { x: number; y: number; width: number; height: number };
  scale: number;
  notes: { id: string; x: number; y: number }[];
}

async function layout(page: Page): Promise<Layout> {
  const canvas = await page.getByRole('application', { name: 'Workshop board' }).boundingBox();
  if (!canvas) throw new Error('the board canvas is not on the page');
  const { scale, notes } = await page.evaluate(() => ({
    scale: window.kompas?.viewport().scale ?? 1,
    notes: (window.kompas?.notes() ?? []).map(({ id, x, y }) => ({ id, x, y })),
  }));
  return { canvas, scale, notes };
}

function insideNote(layout: Layout, point: Point, note: Point): boolean {
  return (
    Math.abs(note.x - point.x) <= (NOTE_WIDTH / 2) * layout.scale &&
    Math.abs(note.y - point.y) <= (NOTE_HEIGHT / 2) * layout.scale
  );
}

/** The topmost note whose centre is on the open canvas, well away from its edges. */
async function grabbableNote(page: Page, layout: Layout): Promise<{ id: string; at: Point }> {
  const { canvas, notes } = layout;
  const margin = 160;
  for (let i = notes.length - 1, tried = 0; i >= 0 && tried < 200; i--) {
    const note = notes[i];
    if (!note) continue;
    const inner =
      note.x > canvas.x + margin &&
      note.x < canvas.x + canvas.width - margin &&
      note.y > canvas.y + margin &&
      note.y < canvas.y + canvas.height - margin;
    if (!inner) continue;
    tried++;
    const covered = notes.slice(i + 1).some((above) => insideNote(layout, note, above));
    if (!covered && (await onCanvas(page, note))) return { id: note.id, at: { x: note.x, y: note.y } };
  }
  throw new Error('no note can be grabbed on screen');
}

/** An empty spot of the canvas (no note under it), looked for near the corners first. */
async function emptySpot(page: Page, layout: Layout): Promise<Point> {
  const { canvas, notes } = layout;
  const candidates: Point[] = [];
  for (const inset of [16, 48, 96]) {
    candidates.push(
      { x: canvas.x + inset, y: canvas.y + canvas.height - inset },
      { x: canvas.x + canvas.width - inset, y: canvas.y + canvas.height - inset },
      { x: canvas.x + inset, y: canvas.y + inset },
      { x: canvas.x + canvas.width - inset, y: canvas.y + inset },
    );
  }
  for (const point of candidates) {
    if (notes.some((note) => insideNote(layout, point, note))) continue;
    if (await onCanvas(page, point)) return point;
  }
  throw new Error('no empty spot on the canvas to pan from');
}

interface GestureResult {
  stats: FrameStats;
  events: number;
  /** Whether the board reacted: the note moved, the view panned, the zoom went in. */
  reacted: boolean;
}

/** Where to drop a note grabbed at `at`: 60 px away, on the ring of slices (not the centre, not outside). */
async function dropOffset(page: Page, at: Point): Promise<Point> {
  for (const offset of [
    { x: 60, y: 0 },
    { x: -60, y: 0 },
    { x: 0, y: 60 },
    { x: 0, y: -60 },
  ]) {
    const board = await page.evaluate(({ x, y }) => window.kompas?.screenToBoard(x, y) ?? null, {
      x: at.x + offset.x,
      y: at.y + offset.y,
    });
    const radius = board ? Math.hypot(board.x, board.y) : 0;
    if (radius > CENTRE_RADIUS + 60 && radius < BOARD_RADIUS - 60) return offset;
  }
  throw new Error('no place to drop the note on the ring');
}

/** Presses a note, drags it round a loop of 70 px radius and drops it 60 px from where it was. */
async function dragNote(page: Page): Promise<GestureResult> {
  const { id, at } = await grabbableNote(page, await layout(page));
  const offset = await dropOffset(page, at);
  await page.mouse.move(at.x, at.y);
  await startFrames(page);
  await page.mouse.down();
  const events = await paced((f) => {
    const angle = f * 2 * Math.PI;
    return page.mouse.move(
      at.x + 70 * (1 - Math.cos(angle)) + offset.x * f,
      at.y + 70 * Math.sin(angle) + offset.y * f,
    );
  });
  await page.mouse.up();
  const stats = await stopFrames(page);
  const after = await page.evaluate((noteId) => window.kompas?.notePosition(noteId) ?? null, id);
  const moved = after !== null && Math.hypot(after.x - at.x, after.y - at.y) > 30;
  return { stats, events, reacted: moved };
}

/** Drags empty space round a loop of 150 px radius, ending where it started (the view comes back). */
async function pan(page: Page): Promise<GestureResult> {
  const before = await layout(page);
  const start = await emptySpot(page, before);
  const inward = {
    x: start.x < before.canvas.x + before.canvas.width / 2 ? 1 : -1,
    y: start.y < before.canvas.y + before.canvas.height / 2 ? 1 : -1,
  };
  await page.mouse.move(start.x, start.y);
  await startFrames(page);
  await page.mouse.down();
  const events = await paced((f) => {
    const angle = f * 2 * Math.PI;
    return page.mouse.move(
      start.x + inward.x * 150 * (1 - Math.cos(angle)),
      start.y + inward.y * 150 * Math.sin(angle),
    );
  });
  await page.mouse.up();
  const stats = await stopFrames(page);
  return { stats, events, reacted: stats.panRange > 100 };
}

/** Wheel-zooms 4x in over the board's centre in small trackpad-like steps, then back out. */
async function zoom(page: Page): Promise<GestureResult> {
  const centre = await page.evaluate(() => window.kompas?.boardToScreen(0, 0));
  const scaleBefore = await page.evaluate(() => window.kompas?.viewport().scale ?? 0);
  if (!centre) throw new Error('the board is gone');
  // wheelZoomFactor (viewport.ts): each event zooms by exp(-deltaY * 0.0015).
  const logZoom = (f: number) => Math.log(4) * (f <= 0.5 ? 2 * f : 2 - 2 * f);
  let previous = 0;
  await page.mouse.move(centre.x + 40, centre.y + 30);
  await startFrames(page);
  const events = await paced((f) => {
    const deltaY = -(logZoom(f) - previous) / 0.0015;
    previous = logZoom(f);
    return page.mouse.wheel(0, deltaY);
  });
  // The sharp redraw at the end of the wheel gesture belongs to it.
  await sleep(WHEEL_SETTLE_MS);
  const stats = await stopFrames(page);
  return { stats, events, reacted: stats.maxScale > scaleBefore * 2 };
}

// ---- report ---------------------------------------------------------------------------------------

const fps = (stats: FrameStats) => (stats.frames * 1000) / stats.elapsedMs;
const fixed = (value: number, digits = 1) => value.toFixed(digits).padStart(7);

function row(name: string, stats: FrameStats, events: number): string {
  const cells = [
    fixed(fps(stats)),
    fixed(stats.longestMs, 0),
    String(stats.frames).padStart(8),
    fixed(stats.elapsedMs / 1000, 2),
    `${events}/${stats.inputs}`.padStart(10),
    `${Math.round((100 * stats.inputFrames) / Math.max(1, stats.frames))}%`.padStart(9),
  ];
  return `${name.padEnd(22)}${cells.join('')}`;
}

type Gesture = (page: Page) => Promise<GestureResult>;
const GESTURES: [string, Gesture][] = [
  ['drag one note', dragNote],
  ['pan (drag empty space)', pan],
  ['zoom (mouse wheel)', zoom],
];

async function measureGestures(page: Page): Promise<{ name: string; stats: FrameStats; events: number }[]> {
  const results = [];
  for (const [name, gesture] of GESTURES) {
    await settle(page);
    const { stats, events, reacted } = await gesture(page);
    if (!reacted) throw new Error(`${name}: the board did not react to the gesture`);
    results.push({ name, stats, events });
  }
  return results;
}

// ---- main -----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const url = await startServer();
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

  // Measuring context: the name is remembered, but no HTTP cache and no IndexedDB copy of the board.
  const context = await browser.newContext({ viewport: VIEWPORT, storageState: remembered });
  await context.addInitScript(firstRenderWatcher(NOTES));
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('status').filter({ hasText: 'Online' }).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => window.__benchFirstRender?.drawnMs != null, undefined, {
    timeout: 60_000,
    polling: 200,
  });
  const firstRender = (await page.evaluate(() => window.__benchFirstRender)) as FirstRender;
  if ((await noteCount(page)) !== NOTES) throw new Error('the page does not show every note');
  await page.evaluate(FRAME_METER);
  // Note caches are built lazily in the frames after the first render; let that finish.
  await sleep(1000);

  const results = await measureGestures(page);

  console.log(
    `\nKompas board frame rate: ${NOTES} notes, Chromium ${browser.version()} headless (software), ` +
      `${VIEWPORT.width}x${VIEWPORT.height}`,
  );
  console.log(
    `seeded ${NOTES} notes via y-websocket in ${(seedMs / 1000).toFixed(2)} s; ` +
      `join click -> all notes on canvas ${(joinMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `first render, fresh context (no cache, no IndexedDB): navigation -> board shown ${ms(firstRender.boardMs)}, ` +
      `-> all notes drawn ${ms(firstRender.drawnMs)}`,
  );
  console.log(`input: ${INPUT} (see paced()); load average ${loadAverage()}\n`);
  console.log(
    `${'gesture'.padEnd(22)}${'fps'.padStart(7)}${'max ms'.padStart(7)}${'frames'.padStart(8)}${'s'.padStart(7)}${'sent/got'.padStart(10)}${'w/ input'.padStart(9)}`,
  );
  for (const { name, stats, events } of results) console.log(row(name, stats, events));
  console.log(
    'fps: frames / gesture time (mean); max ms: longest frame; sent/got: input events sent / received\n' +
      '(Chromium merges pointer moves per frame); w/ input: frames that received input',
  );

  if (args.sweep)
    await sweep(
      page,
      seeder,
      results.map(({ stats }) => fps(stats)),
    );
}

interface FirstRender {
  boardMs: number | null;
  drawnMs: number | null;
}
declare global {
  interface Window {
    __benchFirstRender?: FirstRender;
  }
}

function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

function ms(value: number | null): string {
  return value === null ? 'n/a' : `${Math.round(value)} ms`;
}

/**
 * Adds notes to the open board and measures every gesture at each count of SWEEP_COUNTS above --notes
 * (the first row is the main measurement), until every gesture is below 30 fps or time runs short.
 */
async function sweep(page: Page, seeder: Seeder, first: number[]): Promise<void> {
  console.log('\nsweep: mean fps per gesture as notes are added to the open board');
  console.log(
    `${'notes'.padStart(6)}${'drag'.padStart(8)}${'pan'.padStart(8)}${'zoom'.padStart(8)}${'slowest'.padStart(9)}`,
  );
  /** Per gesture: the largest count tried before its first result under 30 fps. */
  const limits: (number | null)[] = GESTURES.map(() => null);
  const fellBelow = GESTURES.map(() => false);
  let figures = first;
  let previous = { count: NOTES, ms: 0 };
  for (const count of [NOTES, ...SWEEP_COUNTS.filter((count) => count > NOTES)]) {
    if (count > NOTES) {
      // A step costs about as much more as it has notes more than the last one (loading, drawing).
      const expected = (previous.ms * count) / previous.count;
      if (elapsed() + expected > SWEEP_BUDGET_MS) {
        console.log(`(stopped before ${count} notes: it would not fit in the time limit)`);
        break;
      }
      const started = performance.now();
      await seeder.fillTo(count);
      await waitForNotes(page, count);
      figures = (await measureGestures(page)).map(({ stats }) => fps(stats));
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
    if (limit === null || limit === undefined) return `${name}: below 30 fps already at ${NOTES}`;
    return `${name}: >= 30 fps up to ${limit}${fellBelow[i] ? '' : ' (never below 30 in this sweep)'}`;
  });
  console.log(`largest note count tried with >= 30 fps (one run, noisy):\n  ${summary.join('\n  ')}`);
}

try {
  await main();
  await cleanup();
  clearTimeout(watchdog);
  console.log(`\ndone in ${(elapsed() / 1000).toFixed(1)} s`);
  process.exit(0);
} catch (error) {
  await fail(`board-fps failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
