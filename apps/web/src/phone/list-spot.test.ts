import { isSlicePosition } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { listSpot } from './list-spot.ts';

describe('listSpot', () => {
  it('gives valid positions inside the slice, away from its edges', () => {
    for (let count = 0; count < 60; count++) {
      const spot = listSpot(count);
      expect(isSlicePosition(spot)).toBe(true);
      expect(spot.r).toBeGreaterThanOrEqual(0.2);
      expect(spot.r).toBeLessThanOrEqual(0.85);
      expect(spot.t).toBeGreaterThanOrEqual(0.15);
      expect(spot.t).toBeLessThanOrEqual(0.85);
    }
  });

  it('puts successive notes of a step at different spots', () => {
    const spots = Array.from({ length: 12 }, (_, count) => listSpot(count));
    for (const [index, spot] of spots.entries()) {
      for (const other of spots.slice(index + 1)) {
        expect(Math.hypot(spot.r - other.r, spot.t - other.t)).toBeGreaterThan(0.05);
      }
    }
  });
});
