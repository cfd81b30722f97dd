import { BOARD_RADIUS, CENTRE_RADIUS, slicePositionToPoint } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { boardToScreen, rectContains } from '../core/viewport.ts';
import { focusAreaAt, focusAreaBounds, focusView } from './focus-area.ts';

describe('focusAreaBounds', () => {
  it('holds a phase’s quarter of the circle and nothing of the opposite side', () => {
    const bounds = focusAreaBounds({ kind: 'phase', phase: 'verkennen' });
    // Verkennen runs from 12 to 3 o'clock: the top-right quarter.
    expect(bounds.x).toBeLessThan(0);
    expect(bounds.x).toBeGreaterThan(-50);
    expect(bounds.x + bounds.width).toBeGreaterThan(BOARD_RADIUS);
    expect(bounds.y).toBeLessThan(-BOARD_RADIUS);
    expect(bounds.y + bounds.height).toBeLessThan(50);
  });

  it('holds every spot of a step’s slice', () => {
    const bounds = focusAreaBounds({ kind: 'step', step: 'richten.ambitie' });
    for (const r of [0, 0.5, 1]) {
      for (const t of [0, 0.5, 1]) {
        expect(rectContains(bounds, slicePositionToPoint('richten.ambitie', { r, t }))).toBe(true);
      }
    }
    expect(rectContains(bounds, slicePositionToPoint('richten.belangen', { r: 0.5, t: 0.2 }))).toBe(false);
  });
});

describe('focusView', () => {
  it('shows the whole phase, centred, larger than the fitted circle', () => {
    const size = { width: 1440, height: 840 };
    const view = focusView({ kind: 'phase', phase: 'inrichten' }, size);
    const bounds = focusAreaBounds({ kind: 'phase', phase: 'inrichten' });
    const topLeft = boardToScreen(view, bounds);
    const bottomRight = boardToScreen(view, { x: bounds.x + bounds.width, y: bounds.y + bounds.height });
    expect(topLeft.y).toBeGreaterThanOrEqual(0);
    expect(bottomRight.y).toBeLessThanOrEqual(size.height);
    expect((topLeft.x + bottomRight.x) / 2).toBeCloseTo(size.width / 2);
    expect(view.scale).toBeGreaterThan(0.75);
  });
});

describe('focusAreaAt', () => {
  it('finds a phase on its band outside the circle and a step on its name', () => {
    expect(focusAreaAt({ x: 1050, y: 100 })).toEqual({ kind: 'phase', phase: 'richten' });
    expect(focusAreaAt(slicePositionToPoint('aan-de-slag.reflectie', { r: 0.95, t: 0.5 }))).toEqual({
      kind: 'step',
      step: 'aan-de-slag.reflectie',
    });
  });

  it('leaves the rest of a slice for writing notes', () => {
    expect(focusAreaAt(slicePositionToPoint('verkennen.partners', { r: 0.5, t: 0.5 }))).toBeNull();
    expect(focusAreaAt({ x: 0, y: -(CENTRE_RADIUS - 10) })).toBeNull();
    expect(focusAreaAt({ x: 3000, y: 0 })).toBeNull();
  });
});
