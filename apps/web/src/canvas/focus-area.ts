import { BOARD_RADIUS, CENTRE_RADIUS, getPhase, getStep, pointToSlice, sliceAngles } from '@kompas/model';
import type { FocusArea } from '../core/commands.ts';
import { clampScale, type Point, type Rect, type Size, type Viewport } from '../core/viewport.ts';
import { RING_INNER, RING_OUTER } from './board-background.ts';

/** Board units kept around a focused area, so that notes on its edges show whole. */
const AREA_MARGIN = 24;
/** Screen pixels kept free around a focused area. */
const SCREEN_PADDING = 12;
/** The outer band of a slice, where its step's name is written: double-clicking there focuses the step. */
const STEP_LABEL_BAND = 110;

/** The smallest board rectangle holding the ring between `inner` and `outer` from `start` to `end` degrees. */
function sectorBounds(start: number, end: number, inner: number, outer: number): Rect {
  const angles = [start, end];
  for (let quarter = Math.ceil(start / 90) * 90; quarter < end; quarter += 90) angles.push(quarter);
  const points: Point[] = angles.flatMap((degrees) => {
    const radians = (degrees * Math.PI) / 180;
    return [inner, outer].map((radius) => ({
      x: radius * Math.sin(radians),
      y: -radius * Math.cos(radians),
    }));
  });
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** The board rectangle a phase's or a step's slices fill, with a margin for the notes on their edges. */
export function focusAreaBounds(area: FocusArea): Rect {
  const steps = area.kind === 'phase' ? getPhase(area.phase).steps : [{ id: area.step }];
  const first = sliceAngles(steps[0]?.id ?? '');
  const last = sliceAngles(steps.at(-1)?.id ?? '');
  const bounds = sectorBounds(first.start, last.end, CENTRE_RADIUS, BOARD_RADIUS);
  return {
    x: bounds.x - AREA_MARGIN,
    y: bounds.y - AREA_MARGIN,
    width: bounds.width + 2 * AREA_MARGIN,
    height: bounds.height + 2 * AREA_MARGIN,
  };
}

/** The view that shows `area` as large as a screen of `size` allows, centred. */
export function focusView(area: FocusArea, size: Size): Viewport {
  const rect = focusAreaBounds(area);
  const scale = clampScale(
    Math.min(
      Math.max(1, size.width - 2 * SCREEN_PADDING) / rect.width,
      Math.max(1, size.height - 2 * SCREEN_PADDING) / rect.height,
    ),
  );
  return {
    scale,
    x: size.width / 2 - (rect.x + rect.width / 2) * scale,
    y: size.height / 2 - (rect.y + rect.height / 2) * scale,
  };
}

/** The area a double-click at board `point` focuses: a phase on its band, a step on its name; else null. */
export function focusAreaAt(point: Point): FocusArea | null {
  const distance = Math.hypot(point.x, point.y);
  if (distance >= RING_INNER && distance <= RING_OUTER) {
    const onRim = pointToSlice((point.x * BOARD_RADIUS) / distance, (point.y * BOARD_RADIUS) / distance);
    return onRim ? { kind: 'phase', phase: getStep(onRim.step).phase } : null;
  }
  if (distance < BOARD_RADIUS - STEP_LABEL_BAND) return null;
  const slice = pointToSlice(point.x, point.y);
  return slice ? { kind: 'step', step: slice.step } : null;
}
