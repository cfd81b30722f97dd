import { describeValue, ModelError } from './errors.ts';
import { getStep, STEPS, type StepId } from './phases.ts';

/**
 * Board coordinates: the circle is centred at (0, 0) and y grows downward (screen convention). Angles are
 * degrees clockwise from 12 o'clock. Phase i covers [90i, 90i + 90), step j of it [90i + 30j, 90i + 30j + 30).
 */
export const BOARD_RADIUS = 1000;
/** The centre disc holds the joint task; no step lives there. */
export const CENTRE_RADIUS = 240;

const SLICE_DEGREES = 360 / STEPS.length;
/**
 * Angles and distances are rounded to 1e-9 (degree, board unit) before they are compared with slice edges,
 * so a point computed from a position on an edge (r = 0, t = 0, ...) is found on that edge again.
 */
function snap(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/**
 * Where a note sits inside its slice, independent of the board's size: `t` runs along the angle
 * (0 = the slice's start edge, 1 = its end edge), `r` along the radius (0 = CENTRE_RADIUS, 1 = BOARD_RADIUS).
 */
export interface SlicePosition {
  r: number;
  t: number;
}

export interface Point {
  x: number;
  y: number;
}

function isUnitInterval(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

export function isSlicePosition(value: unknown): value is SlicePosition {
  if (typeof value !== 'object' || value === null) return false;
  const { r, t } = value as Record<string, unknown>;
  return isUnitInterval(r) && isUnitInterval(t);
}

/** A copy of `value` holding only r and t; throws instead of clamping, so bad input never moves a note. */
export function parseSlicePosition(value: unknown): SlicePosition {
  if (!isSlicePosition(value)) {
    const { r, t } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    throw new ModelError(
      'invalid-position',
      `A position needs r and t as finite numbers in [0, 1], got r=${describeValue(r)}, t=${describeValue(t)}`,
    );
  }
  return { r: value.r, t: value.t };
}

/** For UI callers holding a pointer position: forces r and t into [0, 1]; NaN goes to the middle. */
export function clampPosition(pos: SlicePosition): SlicePosition {
  return { r: clampUnit(pos.r), t: clampUnit(pos.t) };
}

function clampUnit(value: number): number {
  if (Number.isNaN(value)) return 0.5;
  return Math.min(1, Math.max(0, value));
}

export function sliceAngles(step: StepId): { start: number; end: number } {
  const start = STEPS.indexOf(getStep(step)) * SLICE_DEGREES;
  return { start, end: start + SLICE_DEGREES };
}

export function slicePositionToPoint(step: StepId, pos: SlicePosition): Point {
  const { start } = sliceAngles(step);
  const { r, t } = parseSlicePosition(pos);
  const radius = CENTRE_RADIUS + r * (BOARD_RADIUS - CENTRE_RADIUS);
  const radians = ((start + t * SLICE_DEGREES) * Math.PI) / 180;
  return { x: radius * Math.sin(radians), y: -radius * Math.cos(radians) };
}

/** The slice under a board point, or null in the centre disc, outside the circle or for non-finite input. */
export function pointToSlice(x: number, y: number): { step: StepId; pos: SlicePosition } | null {
  const distance = snap(Math.hypot(x, y));
  if (!Number.isFinite(distance) || distance < CENTRE_RADIUS || distance > BOARD_RADIUS) return null;
  const angle = (snap((Math.atan2(x, -y) * 180) / Math.PI) + 360) % 360;
  const index = Math.min(STEPS.length - 1, Math.floor(angle / SLICE_DEGREES));
  const step = STEPS[index];
  if (!step) return null;
  return {
    step: step.id,
    pos: {
      r: clampUnit((distance - CENTRE_RADIUS) / (BOARD_RADIUS - CENTRE_RADIUS)),
      t: clampUnit((angle - index * SLICE_DEGREES) / SLICE_DEGREES),
    },
  };
}
