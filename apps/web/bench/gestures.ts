/**
 * The gestures board-fps.ts measures: dragging a note, panning and wheel-zooming, 2 s each, with page.mouse
 * events on a 60 Hz clock (see paced()), while the page's frame meter (page-meters.ts) counts frames.
 */
import { BOARD_RADIUS, CENTRE_RADIUS } from '@kompas/model';
import type { Page } from '@playwright/test';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../src/notes/note-metrics.ts';
import { sleep } from './bench-board.ts';
import { type FrameStats, settle, startFrames, stopFrames } from './page-meters.ts';

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

/** How input events are sent: `stream` like a real mouse, `await` each one acknowledged first (see paced()). */
export type InputMode = 'stream' | 'await';

interface Point {
  x: number;
  y: number;
}

/**
 * Drives one gesture for GESTURE_MS: `send(f)` sends the input event for the fraction f (0..1] of the
 * gesture's path, on a 60 Hz clock. With --input stream (default) events go out like a real mouse's,
 * without waiting for the page (up to MAX_IN_FLIGHT unacknowledged; Chromium coalesces pointer moves per
 * frame), so a busy page still gets input nearly every frame. With --input await each event is awaited
 * first; Chromium acknowledges one only once handled, often frames later, so many frames get no input
 * and the figures come out higher. Bounded: GESTURE_EVENTS ticks; after GESTURE_MAX_MS it jumps to the end.
 */
async function paced(send: (fraction: number) => Promise<void>, input: InputMode): Promise<number> {
  const pipeline = input === 'stream';
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
async function dragNote(page: Page, input: InputMode): Promise<GestureResult> {
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
  }, input);
  await page.mouse.up();
  const stats = await stopFrames(page);
  const after = await page.evaluate((noteId) => window.kompas?.notePosition(noteId) ?? null, id);
  const moved = after !== null && Math.hypot(after.x - at.x, after.y - at.y) > 30;
  return { stats, events, reacted: moved };
}

/** Drags empty space round a loop of 150 px radius, ending where it started (the view comes back). */
async function pan(page: Page, input: InputMode): Promise<GestureResult> {
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
  }, input);
  await page.mouse.up();
  const stats = await stopFrames(page);
  return { stats, events, reacted: stats.panRange > 100 };
}

/** Wheel-zooms 4x in over the board's centre in small trackpad-like steps, then back out. */
async function zoom(page: Page, input: InputMode): Promise<GestureResult> {
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
  }, input);
  // The sharp redraw at the end of the wheel gesture belongs to it.
  await sleep(WHEEL_SETTLE_MS);
  const stats = await stopFrames(page);
  return { stats, events, reacted: stats.maxScale > scaleBefore * 2 };
}

type Gesture = (page: Page, input: InputMode) => Promise<GestureResult>;
export const GESTURES: [string, Gesture][] = [
  ['drag one note', dragNote],
  ['pan (drag empty space)', pan],
  ['zoom (mouse wheel)', zoom],
];

/**
 * Each gesture in turn, once the page has settled. `cpuMs`, when given, reads a CPU time (ms) before and after
 * each gesture: unlike frame rates, it hardly changes when other work loads the machine.
 */
export async function measureGestures(
  page: Page,
  input: InputMode,
  cpuMs?: () => Promise<number>,
): Promise<{ name: string; stats: FrameStats; events: number; cpuMs: number | null }[]> {
  const results = [];
  for (const [name, gesture] of GESTURES) {
    await settle(page);
    const before = await cpuMs?.();
    const { stats, events, reacted } = await gesture(page, input);
    const after = await cpuMs?.();
    if (!reacted) throw new Error(`${name}: the board did not react to the gesture`);
    const cpu = before === undefined || after === undefined ? null : after - before;
    results.push({ name, stats, events, cpuMs: cpu });
  }
  return results;
}
