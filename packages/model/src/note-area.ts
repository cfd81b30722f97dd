import {
  BOARD_RADIUS,
  CENTRE_RADIUS,
  type Point,
  type SlicePosition,
  sliceAngles,
  slicePositionToPoint,
} from './geometry.ts';

/**
 * Where in its step's slice a note may be drawn. Notes are upright rectangles on a circle of wedges, so a
 * note fits when its whole rectangle (not only its centre) lies between the centre disc and the step's
 * label on the rim, and clear of the two straight edges it shares with the neighbouring steps.
 */

/** A sticky note's full size in board units (the circle is 2,000 units across); a full step draws them smaller. */
export const NOTE_SIZE = Object.freeze({ width: 160, height: 112 });

/** The step's two-line label runs along the rim above this radius (the canvas draws it about 46 and 84 in). */
export const NOTE_AREA_OUTER = BOARD_RADIUS - 112;
/** The centre disc's border and shadow reach a little past CENTRE_RADIUS. */
export const NOTE_AREA_INNER = CENTRE_RADIUS + 12;
/** Distance kept from a slice's straight edges, where the white dividers are drawn. */
const EDGE_MARGIN = 8;
/** Slack for rounding, so a spot found to fit still fits after a round trip through its slice position. */
const TOLERANCE = 1e-6;

export interface NoteRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The rectangle of a note centred at `centre` and drawn at `scale` (1 = NOTE_SIZE). */
export function noteRect(centre: Point, scale: number): NoteRect {
  const width = NOTE_SIZE.width * scale;
  const height = NOTE_SIZE.height * scale;
  return { x: centre.x - width / 2, y: centre.y - height / 2, width, height };
}

/** Unit vectors along a slice's two straight edges, outward from the centre. */
function edgeDirections(step: string): { start: Point; end: Point } {
  const { start, end } = sliceAngles(step);
  return { start: direction(start), end: direction(end) };
}

function direction(degrees: number): Point {
  const radians = (degrees * Math.PI) / 180;
  return { x: Math.sin(radians), y: -Math.cos(radians) };
}

/** Positive when point (x, y) lies clockwise of the ray along `ray` (screen coordinates, y down). */
function clockwiseOf(ray: Point, x: number, y: number): number {
  return ray.x * y - ray.y * x;
}

/**
 * Whether a note centred at `centre`, drawn at `scale`, lies wholly in the note area of `step`'s slice. The
 * wedge between the edges is convex, so its corners decide; the centre disc is not, so the rectangle's point
 * nearest the centre decides there.
 */
export function fitsInSlice(step: string, centre: Point, scale: number): boolean {
  return fitsBetween(edgeDirections(step), centre, scale);
}

function fitsBetween(edges: { start: Point; end: Point }, centre: Point, scale: number): boolean {
  const halfWidth = (NOTE_SIZE.width * scale) / 2;
  const halfHeight = (NOTE_SIZE.height * scale) / 2;
  const left = centre.x - halfWidth;
  const right = centre.x + halfWidth;
  const top = centre.y - halfHeight;
  const bottom = centre.y + halfHeight;
  const nearestX = Math.min(Math.max(0, left), right);
  const nearestY = Math.min(Math.max(0, top), bottom);
  if (Math.hypot(nearestX, nearestY) < NOTE_AREA_INNER - TOLERANCE) return false;
  const farthestX = Math.max(-left, right);
  const farthestY = Math.max(-top, bottom);
  if (Math.hypot(farthestX, farthestY) > NOTE_AREA_OUTER + TOLERANCE) return false;
  // Of the four corners, the one reaching furthest towards each edge decides.
  const { start, end } = edges;
  const towardsStart = clockwiseOf(start, start.y > 0 ? right : left, start.x < 0 ? bottom : top);
  if (towardsStart < EDGE_MARGIN - TOLERANCE) return false;
  const towardsEnd = clockwiseOf(end, end.y > 0 ? left : right, end.x < 0 ? top : bottom);
  return towardsEnd <= TOLERANCE - EDGE_MARGIN;
}

/**
 * Slack for rounding in the two bounds below, which let loops over many spots skip those where no note fits
 * without testing each: they may only ever let through spots that turn out not to fit, never leave one out.
 */
const BOUND_SLACK = 1e-3;

/**
 * Whether any note drawn at `scale` centred `radius` from the centre could lie in the note area. A note's
 * far corner is at least sqrt(radius² + 2·radius·(its shorter half side) + its half sides squared) out,
 * whatever the angle; its centre is its nearest point at the most.
 */
export function mayFitAt(radius: number, scale: number): boolean {
  const halfWidth = (NOTE_SIZE.width * scale) / 2;
  const halfHeight = (NOTE_SIZE.height * scale) / 2;
  const farthest = Math.sqrt(
    radius * radius + 2 * radius * Math.min(halfWidth, halfHeight) + halfWidth ** 2 + halfHeight ** 2,
  );
  return radius >= NOTE_AREA_INNER - BOUND_SLACK && farthest <= NOTE_AREA_OUTER + BOUND_SLACK;
}

/**
 * How far (in degrees) from a slice's straight edge at `edgeDegrees` the centre of a note drawn at `scale`,
 * `radius` out, must be at the least: the note's corner towards the edge keeps EDGE_MARGIN from it, and that
 * corner lies |cos|·(half width) + |sin|·(half height) of the edge's angle nearer the edge than the centre.
 */
export function edgeClearance(edgeDegrees: number, radius: number, scale: number): number {
  const radians = (edgeDegrees * Math.PI) / 180;
  const halfWidth = (NOTE_SIZE.width * scale) / 2;
  const halfHeight = (NOTE_SIZE.height * scale) / 2;
  const corner = Math.abs(Math.cos(radians)) * halfWidth + Math.abs(Math.sin(radians)) * halfHeight;
  const sine = (EDGE_MARGIN + corner) / radius;
  return sine >= 1 ? 90 : (Math.asin(sine) * 180) / Math.PI - BOUND_SLACK;
}

/** A fitting checker for one step, for loops that test many centres. */
export function sliceFit(step: string, scale: number): (centre: Point) => boolean {
  const edges = edgeDirections(step);
  return (centre) => fitsBetween(edges, centre, scale);
}

/** The slice position of a board point, measured in `step`'s slice (even when it lies outside it). */
export function positionInSlice(step: string, point: Point): SlicePosition {
  const { start, end } = sliceAngles(step);
  const distance = Math.hypot(point.x, point.y);
  const angle = (Math.atan2(point.x, -point.y) * 180) / Math.PI;
  // The angle relative to the slice's start, in (-180, 180], so a point just before the start stays near 0.
  const relative = ((((angle - start) % 360) + 540) % 360) - 180;
  return {
    r: unit((distance - CENTRE_RADIUS) / (BOARD_RADIUS - CENTRE_RADIUS)),
    t: unit(relative / (end - start)),
  };
}

function unit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}

/** Candidate centres that fit, on a polar grid this fine (board units, degrees): where a clamped note can go. */
const GRID_RADIUS_STEP = 6;
const GRID_DEGREE_STEP = 0.5;
/** Bisection rounds between a spot and the nearest fitting grid point: 2^-24 of their distance remains. */
const BISECTIONS = 24;
/** A fitting grid's points, outermost rows first; each row holds points[from, to), all `radius` out. */
interface Grid {
  points: readonly Point[];
  rows: readonly { radius: number; from: number; to: number }[];
}
const gridCache = new Map<string, Grid>();

function grid(step: string, scale: number): Grid {
  const key = `${step}@${scale}`;
  const cached = gridCache.get(key);
  if (cached) return cached;
  const fits = sliceFit(step, scale);
  const { start, end } = sliceAngles(step);
  const points: Point[] = [];
  const rows: Grid['rows'][number][] = [];
  for (let radius = NOTE_AREA_OUTER; radius >= NOTE_AREA_INNER; radius -= GRID_RADIUS_STEP) {
    if (!mayFitAt(radius, scale)) continue;
    const clearStart = edgeClearance(start, radius, scale);
    const clearEnd = edgeClearance(end, radius, scale);
    const from = points.length;
    for (let degrees = start; degrees <= end; degrees += GRID_DEGREE_STEP) {
      if (degrees - start < clearStart || end - degrees < clearEnd) continue;
      const unitPoint = direction(degrees);
      const point = { x: radius * unitPoint.x, y: radius * unitPoint.y };
      if (fits(point)) points.push(point);
    }
    if (points.length > from) rows.push({ radius, from, to: points.length });
  }
  const built = { points, rows };
  gridCache.set(key, built);
  return built;
}

/** Every fitting centre on the grid of `step`'s slice, for notes drawn at `scale`; outermost rows first. */
export function fittingGrid(step: string, scale: number): readonly Point[] {
  return grid(step, scale).points;
}

/**
 * The grid point of `step` at `scale` nearest `spot`, the first in grid order of those equally near; undefined
 * when no point fits. No point of a row is nearer `spot` than the difference of their distances from the
 * centre, so rows are visited from the nearest such difference out, and the search stops at the first row that
 * cannot hold a nearer point.
 */
function nearestInGrid(step: string, scale: number, spot: Point): Point | undefined {
  const { points, rows } = grid(step, scale);
  const distanceOut = Math.hypot(spot.x, spot.y);
  // Rows run outermost first: `inner` is the first row closer to the centre than the spot, `outer` the one before.
  let inner = rows.findIndex((row) => row.radius < distanceOut);
  if (inner < 0) inner = rows.length;
  let outer = inner - 1;
  let nearest = -1;
  let nearestDistance = Number.POSITIVE_INFINITY;
  for (;;) {
    const outerGap = outer >= 0 ? (rows[outer]?.radius ?? 0) - distanceOut : Number.POSITIVE_INFINITY;
    const innerGap =
      inner < rows.length ? distanceOut - (rows[inner]?.radius ?? 0) : Number.POSITIVE_INFINITY;
    const row = outerGap <= innerGap ? rows[outer--] : rows[inner++];
    if (!row || Math.min(outerGap, innerGap) - ROUNDING > nearestDistance) break;
    for (let i = row.from; i < row.to; i++) {
      const point = points[i] as Point;
      const distance = Math.hypot(point.x - spot.x, point.y - spot.y);
      if (distance < nearestDistance || (distance === nearestDistance && i < nearest)) {
        nearest = i;
        nearestDistance = distance;
      }
    }
  }
  return points[nearest];
}

/** Slack for rounding where distances computed two ways are compared. */
const ROUNDING = 1e-6;

/**
 * Where a note stored at `pos` in `step` is drawn at `scale`: at its spot when the note fits there, else at
 * the nearest spot found where it does, so a note never covers a step label or reaches into another step,
 * whatever was stored and however the step's note size has changed since.
 */
export function placeInSlice(step: string, pos: SlicePosition, scale: number): Point {
  const spot = slicePositionToPoint(step, pos);
  const fits = sliceFit(step, scale);
  if (fits(spot)) return spot;
  const nearest = nearestInGrid(step, scale, spot);
  if (!nearest) return spot;
  // Closer than the grid point: the last fitting point on the way from it back to the spot.
  let inside = nearest;
  let outside = spot;
  for (let i = 0; i < BISECTIONS; i++) {
    const middle = { x: (inside.x + outside.x) / 2, y: (inside.y + outside.y) / 2 };
    if (fits(middle)) inside = middle;
    else outside = middle;
  }
  return inside;
}

/** `pos` moved just far enough that a note drawn at `scale` fits in `step`'s note area. */
export function clampIntoSlice(step: string, pos: SlicePosition, scale: number): SlicePosition {
  return positionInSlice(step, placeInSlice(step, pos, scale));
}
