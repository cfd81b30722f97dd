import { describe, expect, it } from 'vitest';
import { isModelError } from './errors.ts';
import {
  BOARD_RADIUS,
  CENTRE_RADIUS,
  clampPosition,
  isSlicePosition,
  parseSlicePosition,
  pointToSlice,
  sliceAngles,
  slicePositionToPoint,
} from './geometry.ts';
import { PHASES, STEPS } from './phases.ts';

/** A board point at `degrees` clockwise from 12 o'clock, `radius` from the centre. */
function pointAt(degrees: number, radius: number) {
  const radians = (degrees * Math.PI) / 180;
  return { x: radius * Math.sin(radians), y: -radius * Math.cos(radians) };
}

describe('geometry', () => {
  it("tiles the circle with the 12 slices clockwise from 12 o'clock", () => {
    let expectedStart = 0;
    for (const step of STEPS) {
      expect(sliceAngles(step.id)).toEqual({ start: expectedStart, end: expectedStart + 30 });
      expectedStart += 30;
    }
    expect(expectedStart).toBe(360);
    for (const phase of PHASES) {
      const [first, , last] = phase.steps;
      expect(first && sliceAngles(first.id).start).toBe(90 * phase.index);
      expect(last && sliceAngles(last.id).end).toBe(90 * phase.index + 90);
    }
  });

  it('goes clockwise on screen, where y grows downward', () => {
    const radius = (CENTRE_RADIUS + BOARD_RADIUS) / 2;
    expect(pointToSlice(0, -radius)?.step).toBe('verkennen.eigen-situatie'); // 12 o'clock
    expect(pointToSlice(1, -radius)?.step).toBe('verkennen.eigen-situatie'); // just right of 12
    expect(pointToSlice(-1, -radius)?.step).toBe('aan-de-slag.vitaliteit'); // just left of 12
    expect(pointToSlice(radius, 0)?.step).toBe('richten.belangen'); // 3 o'clock
    expect(pointToSlice(0, radius)?.step).toBe('inrichten.vorm'); // 6 o'clock
    expect(pointToSlice(-radius, 0)?.step).toBe('aan-de-slag.realiseren'); // 9 o'clock
    expect(pointToSlice(radius, -1)?.step).toBe('verkennen.opgave'); // just before 3
  });

  it('maps each slice position to the matching point', () => {
    const top = slicePositionToPoint('verkennen.eigen-situatie', { r: 1, t: 0 });
    expect(top.x).toBeCloseTo(0, 9);
    expect(top.y).toBeCloseTo(-BOARD_RADIUS, 9);
    const inner = slicePositionToPoint('richten.belangen', { r: 0, t: 0 });
    expect(inner.x).toBeCloseTo(CENTRE_RADIUS, 9);
    expect(inner.y).toBeCloseTo(0, 9);
    const middle = slicePositionToPoint('verkennen.partners', { r: 0.5, t: 0.5 });
    const expected = pointAt(45, (CENTRE_RADIUS + BOARD_RADIUS) / 2);
    expect(middle.x).toBeCloseTo(expected.x, 9);
    expect(middle.y).toBeCloseTo(expected.y, 9);
  });

  it('round-trips pointToSlice(slicePositionToPoint(step, pos)) for every slice', () => {
    const values = [0, 0.001, 0.25, 0.5, 0.75, 0.999];
    for (const step of STEPS) {
      for (const r of [...values, 1]) {
        for (const t of values) {
          const { x, y } = slicePositionToPoint(step.id, { r, t });
          const back = pointToSlice(x, y);
          expect(back?.step, `${step.id} r=${r} t=${t}`).toBe(step.id);
          expect(back?.pos.r).toBeCloseTo(r, 9);
          expect(back?.pos.t).toBeCloseTo(t, 9);
        }
      }
    }
  });

  it('gives a slice end edge (t = 1) to the next slice, which starts there', () => {
    const { x, y } = slicePositionToPoint('verkennen.eigen-situatie', { r: 0.5, t: 1 });
    expect(pointToSlice(x, y)).toMatchObject({ step: 'verkennen.partners', pos: { t: 0 } });
    const last = slicePositionToPoint('aan-de-slag.vitaliteit', { r: 0.5, t: 1 });
    expect(pointToSlice(last.x, last.y)?.step).toBe('verkennen.eigen-situatie');
  });

  it('returns null in the centre disc, outside the circle and for non-finite points', () => {
    expect(pointToSlice(0, 0)).toBeNull();
    expect(pointToSlice(100, -100)).toBeNull();
    expect(pointToSlice(0, -(CENTRE_RADIUS - 0.001))).toBeNull();
    expect(pointToSlice(0, -(BOARD_RADIUS + 0.001))).toBeNull();
    expect(pointToSlice(800, 800)).toBeNull();
    expect(pointToSlice(Number.NaN, 0)).toBeNull();
    expect(pointToSlice(Number.POSITIVE_INFINITY, 0)).toBeNull();
    expect(pointToSlice(0, -CENTRE_RADIUS)).toEqual({
      step: 'verkennen.eigen-situatie',
      pos: { r: 0, t: 0 },
    });
    expect(pointToSlice(0, -BOARD_RADIUS)).toEqual({ step: 'verkennen.eigen-situatie', pos: { r: 1, t: 0 } });
  });

  it('refuses positions outside [0, 1] instead of clamping them', () => {
    const bad = [
      { r: Number.NaN, t: 0 },
      { r: 0, t: Number.POSITIVE_INFINITY },
      { r: -0.01, t: 0.5 },
      { r: 0.5, t: 1.01 },
      { r: 0.5 },
      { r: '0.5', t: 0.5 },
      null,
      'middle',
    ];
    for (const pos of bad) {
      expect(isSlicePosition(pos)).toBe(false);
      let thrown: unknown;
      try {
        slicePositionToPoint('richten.ambitie', pos as never);
      } catch (error) {
        thrown = error;
      }
      expect(isModelError(thrown, 'invalid-position'), JSON.stringify(pos)).toBe(true);
    }
    expect(() => slicePositionToPoint('richten.nope', { r: 0, t: 0 })).toThrowError(
      expect.objectContaining({ code: 'unknown-step' }),
    );
  });

  it('parses a valid position into a copy without extra fields', () => {
    const input = { r: 0, t: 1, z: 3 };
    expect(isSlicePosition(input)).toBe(true);
    expect(parseSlicePosition(input)).toEqual({ r: 0, t: 1 });
  });

  it('clamps positions for UI callers', () => {
    expect(clampPosition({ r: -3, t: 7 })).toEqual({ r: 0, t: 1 });
    expect(clampPosition({ r: 0.25, t: 0.75 })).toEqual({ r: 0.25, t: 0.75 });
    expect(clampPosition({ r: Number.NaN, t: Number.NEGATIVE_INFINITY })).toEqual({ r: 0.5, t: 0 });
    const input = { r: 2, t: 0.5 };
    clampPosition(input);
    expect(input).toEqual({ r: 2, t: 0.5 });
  });
});
