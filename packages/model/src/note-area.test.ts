import { describe, expect, it } from 'vitest';
import { pointToSlice, sliceAngles, slicePositionToPoint } from './geometry.ts';
import {
  clampIntoSlice,
  edgeClearance,
  fitsInSlice,
  mayFitAt,
  NOTE_AREA_INNER,
  NOTE_AREA_OUTER,
  NOTE_SIZE,
  noteRect,
  placeInSlice,
  positionInSlice,
} from './note-area.ts';
import { STEPS } from './phases.ts';

/** The four corners of a note drawn at `scale` around `centre`. */
function corners(centre: { x: number; y: number }, scale: number) {
  const rect = noteRect(centre, scale);
  return [
    { x: rect.x, y: rect.y },
    { x: rect.x + rect.width, y: rect.y },
    { x: rect.x, y: rect.y + rect.height },
    { x: rect.x + rect.width, y: rect.y + rect.height },
  ];
}

/** An independent check: every corner in the slice below the label, and no point of the note in the centre disc. */
function whollyInside(step: string, centre: { x: number; y: number }, scale: number): boolean {
  const rect = noteRect(centre, scale);
  const nearest = Math.hypot(
    Math.min(Math.max(0, rect.x), rect.x + rect.width),
    Math.min(Math.max(0, rect.y), rect.y + rect.height),
  );
  return (
    nearest >= NOTE_AREA_INNER - 1e-3 &&
    corners(centre, scale).every(
      (corner) =>
        Math.hypot(corner.x, corner.y) <= NOTE_AREA_OUTER + 1e-3 &&
        pointToSlice(corner.x, corner.y)?.step === step,
    )
  );
}

const SPOTS = [0, 0.02, 0.3, 0.5, 0.8, 0.98, 1].flatMap((r) =>
  [0, 0.01, 0.5, 0.99, 1].map((t) => ({ r, t })),
);

describe('a note in its slice', () => {
  it('is drawn as a rectangle of NOTE_SIZE times its scale around its centre', () => {
    expect(noteRect({ x: 100, y: -500 }, 0.5)).toEqual({
      x: 100 - NOTE_SIZE.width / 4,
      y: -500 - NOTE_SIZE.height / 4,
      width: NOTE_SIZE.width / 2,
      height: NOTE_SIZE.height / 2,
    });
  });

  it('fits in the middle of every slice and not on its edges, its rim or by the centre disc', () => {
    for (const step of STEPS) {
      expect(fitsInSlice(step.id, slicePositionToPoint(step.id, { r: 0.6, t: 0.5 }), 1), step.id).toBe(true);
      for (const edge of [
        { r: 0.6, t: 0 },
        { r: 0.6, t: 1 },
        { r: 1, t: 0.5 },
        { r: 0, t: 0.5 },
      ]) {
        expect(fitsInSlice(step.id, slicePositionToPoint(step.id, edge), 0.3), JSON.stringify(edge)).toBe(
          false,
        );
      }
    }
  });

  it('reaches no further out than the step label, and up to it', () => {
    for (const step of STEPS) {
      const { start, end } = sliceAngles(step.id);
      const middle = (((start + end) / 2) * Math.PI) / 180;
      const point = (radius: number) => ({ x: radius * Math.sin(middle), y: -radius * Math.cos(middle) });
      let inside = 500;
      let outside = 1000;
      while (outside - inside > 0.01) {
        const radius = (inside + outside) / 2;
        if (fitsInSlice(step.id, point(radius), 1)) inside = radius;
        else outside = radius;
      }
      const farthest = Math.max(...corners(point(inside), 1).map((corner) => Math.hypot(corner.x, corner.y)));
      expect(farthest).toBeCloseTo(NOTE_AREA_OUTER, 1);
    }
  });

  it('is drawn wholly inside its slice wherever it was stored, at every size', () => {
    for (const step of STEPS) {
      for (const scale of [1, 0.6, 0.28]) {
        for (const pos of SPOTS) {
          const centre = placeInSlice(step.id, pos, scale);
          expect(whollyInside(step.id, centre, scale), `${step.id} ${JSON.stringify(pos)} at ${scale}`).toBe(
            true,
          );
        }
      }
    }
  });

  it('stays where it was stored when it fits there', () => {
    const pos = { r: 0.55, t: 0.5 };
    expect(placeInSlice('inrichten.vorm', pos, 0.5)).toEqual(slicePositionToPoint('inrichten.vorm', pos));
    expect(clampIntoSlice('inrichten.vorm', pos, 0.5).r).toBeCloseTo(0.55, 9);
  });

  it('moves only as far as it must: a note dropped on the edge stays by that edge', () => {
    const step = 'verkennen.partners';
    const stored = { r: 0.55, t: 0.98 };
    const clamped = clampIntoSlice(step, stored, 0.5);
    const moved = Math.hypot(
      slicePositionToPoint(step, clamped).x - slicePositionToPoint(step, stored).x,
      slicePositionToPoint(step, clamped).y - slicePositionToPoint(step, stored).y,
    );
    expect(fitsInSlice(step, slicePositionToPoint(step, clamped), 0.5)).toBe(true);
    expect(clamped.t).toBeGreaterThan(0.75);
    // Half a note's diagonal at this size is the most a note on the edge needs to move.
    expect(moved).toBeLessThan(Math.hypot(NOTE_SIZE.width, NOTE_SIZE.height) / 4 + 10);
  });

  it('measures a point in a given slice, even one just outside it', () => {
    const step = 'aan-de-slag.vitaliteit';
    const inside = positionInSlice(step, slicePositionToPoint(step, { r: 0.4, t: 0.7 }));
    expect(inside.r).toBeCloseTo(0.4, 9);
    expect(inside.t).toBeCloseTo(0.7, 9);
    // Just past its end edge, at 12 o'clock: t stays at the end instead of wrapping round to 0.
    expect(positionInSlice(step, { x: 1, y: -600 }).t).toBe(1);
  });

  it('is never left out by the bounds that spare loops testing spots where no note fits', () => {
    // Loops over many spots (the fitting grid, the rows of a step) skip spots outside these bounds untested;
    // had a bound ever left out a spot that fits, the slots of every board would change.
    const leftOut: string[] = [];
    for (const step of STEPS) {
      const { start, end } = sliceAngles(step.id);
      for (const scale of [1, 0.74, 0.45, 0.26]) {
        for (let radius = NOTE_AREA_INNER - 20; radius <= NOTE_AREA_OUTER + 20; radius += 5) {
          const clearStart = edgeClearance(start, radius, scale);
          const clearEnd = edgeClearance(end, radius, scale);
          const mayFit = mayFitAt(radius, scale);
          for (let degrees = start; degrees <= end; degrees += 0.1) {
            const radians = (degrees * Math.PI) / 180;
            const centre = { x: radius * Math.sin(radians), y: -radius * Math.cos(radians) };
            const bounded = mayFit && degrees - start >= clearStart && end - degrees >= clearEnd;
            if (!bounded && fitsInSlice(step.id, centre, scale)) {
              leftOut.push(`${step.id} at ${scale}, ${radius} out, ${degrees}°`);
            }
          }
        }
      }
    }
    expect(leftOut).toEqual([]);
  });
});
