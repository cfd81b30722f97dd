/**
 * What board-fps.ts measures inside the page: a frame meter for gestures, and a watcher that times navigation
 * -> board shown -> all notes drawn. Both read the test build's `window.kompas` hooks.
 */
import type { Page } from '@playwright/test';

/** Times since navigation started, in ms; null until it happened. */
export interface FirstRender {
  boardMs: number | null;
  drawnMs: number | null;
}
declare global {
  interface Window {
    __benchFirstRender?: FirstRender;
  }
}

export interface FrameStats {
  frames: number;
  elapsedMs: number;
  longestMs: number;
  /** Input events the page received during the gesture, and frames that had at least one. */
  inputs: number;
  inputFrames: number;
  panRange: number;
  maxScale: number;
  /** Frames longer than LONG_FRAME_MS: when each ended (ms since the gesture began) and how long it took. */
  longFrames: { at: number; ms: number }[];
}

/** A frame longer than this misses more than one 60 Hz frame: board-fps lists when such frames came. */
const LONG_FRAME_MS = 34;

/**
 * A requestAnimationFrame counter: start() and stop() bracket a gesture; stop() returns the frames
 * drawn, the elapsed time, the longest gap between frames and every long one, how many frames received input (pointer
 * moves or wheel events) and how far the camera went (to check that the board reacted). settle()
 * resolves once 12 frames in a row took under 25 ms (caches built, nothing pending), or after 10 s.
 * Kept as a string: functions passed to page.evaluate must not carry helpers the TypeScript loader adds.
 */
export const FRAME_METER = `(() => {
  if (window.__benchFrames) return;
  let running = false, frames = 0, started = 0, last = 0, longest = 0;
  let inputs = 0, inputFrames = 0, inputThisFrame = false;
  let minX = 0, maxX = 0, maxScale = 0, longFrames = [];
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
    if (now - last > ${LONG_FRAME_MS}) longFrames.push({ at: Math.round(now - started), ms: Math.round(now - last) });
    last = now;
    camera();
    requestAnimationFrame(tick);
  };
  window.__benchFrames = {
    start() {
      running = true; frames = 0; longest = 0; inputs = 0; inputFrames = 0; inputThisFrame = false; longFrames = [];
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
        inputs, inputFrames, panRange: maxX - minX, maxScale, longFrames,
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
 * Installed before the app's scripts in the measuring context. Each frame it checks whether the board is shown
 * (the test hooks exist) and whether every note has its view on the canvas (noteBoxes(), which reads no layout,
 * so watching costs the page next to nothing). In the frame where they first all do, Konva draws them (its
 * frame callback was asked for when the notes arrived, after this one's); a message posted from this frame is
 * handled once that frame is drawn, before any later work: then the board is ready. Times are ms since
 * navigation started.
 */
export function firstRenderWatcher(count: number): string {
  return `(() => {
    const record = { boardMs: null, drawnMs: null };
    window.__benchFirstRender = record;
    const drawn = new MessageChannel();
    drawn.port1.onmessage = () => { record.drawnMs = performance.now(); };
    const frame = () => {
      if (performance.now() > 60000) return;
      if (window.kompas && record.boardMs === null) record.boardMs = performance.now();
      if (window.kompas && window.kompas.noteBoxes().length >= ${count}) drawn.port2.postMessage(null);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`;
}

export async function startFrames(page: Page): Promise<void> {
  await page.evaluate('window.__benchFrames.start()');
}
export async function stopFrames(page: Page): Promise<FrameStats> {
  return (await page.evaluate('window.__benchFrames.stop()')) as FrameStats;
}
export async function settle(page: Page): Promise<boolean> {
  return (await page.evaluate('window.__benchFrames.settle()')) as boolean;
}
export async function noteCount(page: Page): Promise<number> {
  return page.evaluate(() => window.kompas?.notes().length ?? -1);
}
export async function waitForNotes(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => window.kompas?.notes().length === n, count, {
    timeout: 60_000,
    polling: 250,
  });
}
