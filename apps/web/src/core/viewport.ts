/**
 * The board's camera: which part of the board coordinate system is on screen, at what zoom.
 * `screen = board * scale + (x, y)`, screen in CSS pixels relative to the canvas' top-left corner.
 */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Far enough out to see the whole circle on a phone, close enough in to read a note's small print. */
export const MIN_SCALE = 0.08;
export const MAX_SCALE = 4;
/** One press of a zoom button. */
export const ZOOM_STEP = 1.25;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function boardToScreen(view: Viewport, point: Point): Point {
  return { x: point.x * view.scale + view.x, y: point.y * view.scale + view.y };
}

export function screenToBoard(view: Viewport, point: Point): Point {
  return { x: (point.x - view.x) / view.scale, y: (point.y - view.y) / view.scale };
}

/** Zooms by `factor` keeping the board point under `anchor` (screen) where it is. */
export function zoomAt(view: Viewport, anchor: Point, factor: number): Viewport {
  const scale = clampScale(view.scale * factor);
  const board = screenToBoard(view, anchor);
  return { scale, x: anchor.x - board.x * scale, y: anchor.y - board.y * scale };
}

export function panBy(view: Viewport, dx: number, dy: number): Viewport {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** The view that shows a circle of `radius` around the board origin, centred, with `padding` px around it. */
export function fitCircle(size: Size, radius: number, padding: number): Viewport {
  const available = Math.max(1, Math.min(size.width, size.height) - 2 * padding);
  const scale = clampScale(available / (2 * radius));
  return { scale, x: size.width / 2, y: size.height / 2 };
}

/** Centres the board point in the screen at the same zoom. */
export function centreOn(view: Viewport, size: Size, point: Point): Viewport {
  return {
    scale: view.scale,
    x: size.width / 2 - point.x * view.scale,
    y: size.height / 2 - point.y * view.scale,
  };
}

/**
 * Two-finger pinch: the board point under the fingers' first midpoint follows their midpoint and the
 * zoom follows their distance.
 */
export function pinchView(
  start: Viewport,
  from: readonly [Point, Point],
  to: readonly [Point, Point],
): Viewport {
  const startDistance = Math.max(1, distance(from[0], from[1]));
  const scale = clampScale((start.scale * distance(to[0], to[1])) / startDistance);
  const anchor = screenToBoard(start, midpoint(from[0], from[1]));
  const centre = midpoint(to[0], to[1]);
  return { scale, x: centre.x - anchor.x * scale, y: centre.y - anchor.y * scale };
}

const WHEEL_LINE_PX = 16;
const WHEEL_PAGE_PX = 400;
/** How strongly one pixel of wheel travel zooms; a mouse notch (~100px) is about 16%. */
const WHEEL_ZOOM_PER_PX = 0.0015;
/** Largest zoom change from one wheel event, so fast wheels stay controllable. */
const WHEEL_MAX_FACTOR = 1.5;

/** Zoom factor for one wheel event (`deltaMode` 0 pixels, 1 lines, 2 pages). */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaY * (deltaMode === 1 ? WHEEL_LINE_PX : deltaMode === 2 ? WHEEL_PAGE_PX : 1);
  const factor = Math.exp(-pixels * WHEEL_ZOOM_PER_PX);
  return Math.min(WHEEL_MAX_FACTOR, Math.max(1 / WHEEL_MAX_FACTOR, factor));
}

/** The part of the board on screen, grown by `margin` screen pixels on every side. */
export function visibleBoardRect(view: Viewport, size: Size, margin = 0): Rect {
  const topLeft = screenToBoard(view, { x: -margin, y: -margin });
  return {
    x: topLeft.x,
    y: topLeft.y,
    width: (size.width + 2 * margin) / view.scale,
    height: (size.height + 2 * margin) / view.scale,
  };
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether `inner` lies wholly inside `outer`. */
export function rectWithin(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

export function rectContains(rect: Rect, point: Point): boolean {
  return (
    point.x >= rect.x &&
    point.x <= rect.x + rect.width &&
    point.y >= rect.y &&
    point.y <= rect.y + rect.height
  );
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}
