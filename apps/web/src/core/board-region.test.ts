import { describe, expect, it } from 'vitest';
import { fitRegion, parseRegion, sameRegion, visibleRegion } from './board-region.ts';
import { MAX_SCALE, screenToBoard } from './viewport.ts';

describe('board region', () => {
  it('is the largest circle a view shows, around the screen centre', () => {
    const region = visibleRegion({ x: 400, y: 300, scale: 0.5 }, { width: 800, height: 600 });
    expect(region).toEqual({ x: 0, y: 0, radius: 600 });
    const panned = visibleRegion({ x: 300, y: 500, scale: 2 }, { width: 800, height: 600 });
    expect(panned).toEqual({ x: 50, y: -100, radius: 150 });
  });

  it('shows the same region on screens of other shapes and sizes', () => {
    const region = { x: 420, y: -380, radius: 310 };
    for (const size of [
      { width: 1280, height: 720 },
      { width: 390, height: 844 },
      { width: 1000, height: 1000 },
    ]) {
      const view = fitRegion(size, region);
      const shown = visibleRegion(view, size);
      expect(shown.x).toBeCloseTo(region.x);
      expect(shown.y).toBeCloseTo(region.y);
      expect(shown.radius).toBeCloseTo(region.radius);
      expect(screenToBoard(view, { x: size.width / 2, y: size.height / 2 }).x).toBeCloseTo(region.x);
    }
  });

  it('keeps the zoom bounded for a tiny region, still centred on it', () => {
    const size = { width: 800, height: 600 };
    const view = fitRegion(size, { x: 10, y: 20, radius: 0.001 });
    expect(view.scale).toBe(MAX_SCALE);
    expect(visibleRegion(view, size)).toMatchObject({ x: 10, y: 20 });
  });

  it('tells regions apart beyond the tolerance only', () => {
    expect(sameRegion({ x: 1, y: 2, radius: 3 }, { x: 1.2, y: 2, radius: 3.3 })).toBe(true);
    expect(sameRegion({ x: 1, y: 2, radius: 3 }, { x: 1, y: 2, radius: 4 })).toBe(false);
  });

  it('reads only sane regions from untrusted input', () => {
    expect(parseRegion({ x: 1, y: -2, radius: 300 })).toEqual({ x: 1, y: -2, radius: 300 });
    expect(parseRegion(null)).toBeNull();
    expect(parseRegion({ x: '1', y: 0, radius: 1 })).toBeNull();
    expect(parseRegion({ x: 0, y: Number.NaN, radius: 1 })).toBeNull();
    expect(parseRegion({ x: 0, y: 0, radius: 0 })).toBeNull();
    expect(parseRegion({ x: 1e9, y: 0, radius: 1 })).toBeNull();
  });
});
