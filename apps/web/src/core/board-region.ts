import { clampScale, type Size, screenToBoard, type Viewport } from './viewport.ts';

/**
 * A part of the board, independent of screen size: the circle of `radius` board units around the board
 * point (x, y). Someone's view becomes a region (the largest circle their screen shows), and another
 * screen shows the same region by fitting that circle, whatever its shape.
 */
export interface BoardRegion {
  x: number;
  y: number;
  radius: number;
}

/** Regions beyond this are not on the board; a remote value out of bounds is ignored, never shown. */
const REGION_LIMIT = 100_000;

/** The region a view shows on a screen of `size`: centred on the screen's centre, as wide as its short side. */
export function visibleRegion(view: Viewport, size: Size): BoardRegion {
  const centre = screenToBoard(view, { x: size.width / 2, y: size.height / 2 });
  return { x: centre.x, y: centre.y, radius: Math.min(size.width, size.height) / 2 / view.scale };
}

/** The view that shows `region` on a screen of `size`: its centre in the middle, its circle just fitting. */
export function fitRegion(size: Size, region: BoardRegion): Viewport {
  const scale = clampScale(Math.min(size.width, size.height) / 2 / region.radius);
  return { scale, x: size.width / 2 - region.x * scale, y: size.height / 2 - region.y * scale };
}

/** Whether two regions are the same to within `tolerance` board units: nothing to move for. */
export function sameRegion(a: BoardRegion, b: BoardRegion, tolerance = 0.5): boolean {
  return (
    Math.abs(a.x - b.x) <= tolerance &&
    Math.abs(a.y - b.y) <= tolerance &&
    Math.abs(a.radius - b.radius) <= tolerance
  );
}

/** Reads a region from untrusted input (another person's presence); null when it is not a sane one. */
export function parseRegion(value: unknown): BoardRegion | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, radius } = value as Partial<Record<keyof BoardRegion, unknown>>;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  if (!finite(x) || !finite(y) || !finite(radius)) return null;
  if (Math.abs(x) > REGION_LIMIT || Math.abs(y) > REGION_LIMIT || radius <= 0 || radius > REGION_LIMIT) {
    return null;
  }
  return { x, y, radius };
}
