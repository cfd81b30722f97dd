import type { Point } from './geometry.ts';
import { sliceAngles } from './geometry.ts';
import {
  edgeClearance,
  mayFitAt,
  NOTE_AREA_INNER,
  NOTE_AREA_OUTER,
  NOTE_SIZE,
  sliceFit,
} from './note-area.ts';

/**
 * Rows of notes along a slice's arc: as many upright notes as fit side by side at one distance from the
 * centre, row after row from the step's label inwards. Rows read the way the slice curves, so a step's
 * notes look ordered in every one of the twelve slices.
 */

/** Space between neighbouring notes at full size: a voting badge stands 12 units above a note's top edge. */
export const NOTE_GAP = 16;

/** How finely a row is scanned along the arc, in board units. */
const SCAN_STEP = 1;
/** Rows are sought inwards in coarse steps (board units at full size), then to a precision in board units. */
const ROW_COARSE_STEP = 8;
const ROW_PRECISION = 0.5;
/** How far inwards a row may move to hold one note more, as a part of the distance between rows, and in how many tries. */
const ROW_WINDOW = 0.6;
const ROW_WINDOW_TRIES = 12;

/** Whether two notes drawn at `scale` come closer than NOTE_GAP: then one would cover the other's text. */
export function notesCollide(a: Point, b: Point, scale: number): boolean {
  return (
    Math.abs(a.x - b.x) < (NOTE_SIZE.width + NOTE_GAP) * scale &&
    Math.abs(a.y - b.y) < (NOTE_SIZE.height + NOTE_GAP) * scale
  );
}

function polar(radius: number, degrees: number): Point {
  const radians = (degrees * Math.PI) / 180;
  return { x: radius * Math.sin(radians), y: -radius * Math.cos(radians) };
}

export function collidesWithAny(centre: Point, others: readonly Point[], scale: number): boolean {
  return others.some((other) => notesCollide(centre, other, scale));
}

/** The rows of notes drawn at `scale` that fit `step`, from the label inwards. */
export function rowsOf(step: string, scale: number): Point[][] {
  const fits = sliceFit(step, scale);
  const rows: Point[][] = [];
  const placed: Point[] = [];
  // The search below asks for the row at the same radius several times; each is worked out once.
  const known = new Map<number, Point[]>();
  const row = (radius: number) => {
    let centres = known.get(radius);
    if (!centres) {
      centres = rowAt(step, radius, scale, fits);
      known.set(radius, centres);
    }
    return centres;
  };
  const fitsBelow = (radius: number) => {
    const centres = row(radius);
    return centres.length > 0 && !centres.some((centre) => collidesWithAny(centre, placed, scale));
  };
  // Two rows are at least the narrower side of a note apart.
  const rowDistance = (Math.min(NOTE_SIZE.width, NOTE_SIZE.height) + NOTE_GAP) * scale;
  let radius = NOTE_AREA_OUTER;
  for (;;) {
    const outermost = nextRowRadius(radius, fitsBelow, scale);
    if (outermost === null) break;
    const found = fullestRowRadius(outermost, rowDistance * ROW_WINDOW, (candidate) =>
      fitsBelow(candidate) ? row(candidate).length : 0,
    );
    const centres = row(found);
    rows.push(centres);
    placed.push(...centres);
    radius = found - rowDistance;
  }
  return rows;
}

/** As many notes as fit on the arc at `radius`, side by side, the row centred in the slice. */
function rowAt(step: string, radius: number, scale: number, fits: (centre: Point) => boolean): Point[] {
  if (!mayFitAt(radius, scale)) return [];
  const { start, end } = sliceAngles(step);
  const stepDegrees = (SCAN_STEP / radius) * (180 / Math.PI);
  // The scans go unit by unit as before, but test only where a note can clear the slice's edge.
  const clearStart = edgeClearance(start, radius, scale);
  const clearEnd = edgeClearance(end, radius, scale);
  let first = Number.NaN;
  for (let degrees = start; degrees <= end; degrees += stepDegrees) {
    if (degrees - start >= clearStart && fits(polar(radius, degrees))) {
      first = degrees;
      break;
    }
  }
  if (Number.isNaN(first)) return [];
  let last = first;
  for (let degrees = end; degrees > first; degrees -= stepDegrees) {
    if (end - degrees >= clearEnd && fits(polar(radius, degrees))) {
      last = degrees;
      break;
    }
  }
  // Neighbours on a row are at least the narrower side of a note apart, so the scan skips that far ahead.
  const skipDegrees =
    (((Math.min(NOTE_SIZE.width, NOTE_SIZE.height) + NOTE_GAP) * scale) / radius) * (180 / Math.PI);
  const angles: number[] = [first];
  let previous = polar(radius, first);
  for (let degrees = first + skipDegrees; degrees <= last; degrees += stepDegrees) {
    const centre = polar(radius, degrees);
    if (notesCollide(previous, centre, scale) || !fits(centre)) continue;
    angles.push(degrees);
    previous = centre;
    degrees += skipDegrees - stepDegrees;
  }
  const shift = (last - (angles.at(-1) ?? last)) / 2;
  const centred = angles.map((degrees) => polar(radius, degrees + shift));
  const centredHolds =
    centred.every(fits) &&
    centred.every((centre, i) => i === 0 || !collidesWithAny(centre, centred.slice(0, i), scale));
  return centredHolds ? centred : angles.map((degrees) => polar(radius, degrees));
}

/**
 * The outermost radius from `radius` inwards where a row fits: sought in coarse steps, then narrowed down
 * between the last radius that did not fit and the first that did.
 */
function nextRowRadius(radius: number, fits: (radius: number) => boolean, scale: number): number | null {
  const coarse = ROW_COARSE_STEP * scale;
  for (let candidate = radius; candidate >= NOTE_AREA_INNER; candidate -= coarse) {
    if (!fits(candidate)) continue;
    let outside = candidate + coarse;
    let inside = candidate;
    if (candidate === radius) return candidate;
    while (outside - inside > ROW_PRECISION) {
      const middle = (outside + inside) / 2;
      if (fits(middle)) inside = middle;
      else outside = middle;
    }
    return inside;
  }
  return null;
}

/**
 * Within `window` inwards of `radius`, the outermost radius whose row holds the most notes: the arc widens
 * outwards, but a row pressed against the label can hold one note fewer than a row a little further in.
 */
function fullestRowRadius(radius: number, window: number, count: (radius: number) => number): number {
  let best = radius;
  let most = count(radius);
  const step = window / ROW_WINDOW_TRIES;
  for (let candidate = radius - step; candidate >= radius - window; candidate -= step) {
    const held = count(candidate);
    if (held > most) {
      best = candidate;
      most = held;
    }
  }
  return best;
}
