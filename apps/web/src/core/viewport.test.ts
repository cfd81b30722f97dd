import { describe, expect, it } from 'vitest';
import {
  boardToScreen,
  centreOn,
  clampScale,
  fitCircle,
  MAX_SCALE,
  MIN_SCALE,
  panBy,
  pinchView,
  rectWithin,
  screenToBoard,
  visibleBoardRect,
  wheelZoomFactor,
  zoomAt,
} from './viewport.ts';

const view = { x: 400, y: 300, scale: 0.5 };

describe('viewport', () => {
  it('converts between board and screen', () => {
    expect(boardToScreen(view, { x: 0, y: 0 })).toEqual({ x: 400, y: 300 });
    expect(boardToScreen(view, { x: 100, y: -200 })).toEqual({ x: 450, y: 200 });
    expect(screenToBoard(view, { x: 450, y: 200 })).toEqual({ x: 100, y: -200 });
  });

  it('zooms around the anchor', () => {
    const anchor = { x: 123, y: 456 };
    const before = screenToBoard(view, anchor);
    const zoomed = zoomAt(view, anchor, 2);
    expect(zoomed.scale).toBe(1);
    const after = screenToBoard(zoomed, anchor);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('keeps the zoom bounded', () => {
    expect(zoomAt(view, { x: 0, y: 0 }, 1000).scale).toBe(MAX_SCALE);
    expect(zoomAt(view, { x: 0, y: 0 }, 0.0001).scale).toBe(MIN_SCALE);
    expect(clampScale(Number.POSITIVE_INFINITY)).toBe(MAX_SCALE);
  });

  it('pans', () => {
    expect(panBy(view, 10, -5)).toEqual({ x: 410, y: 295, scale: 0.5 });
  });

  it('fits a circle in the smaller dimension', () => {
    const fit = fitCircle({ width: 1200, height: 800 }, 1000, 50);
    expect(fit).toEqual({ x: 600, y: 400, scale: 0.35 });
  });

  it('centres on a board point', () => {
    const centred = centreOn(view, { width: 800, height: 600 }, { x: 100, y: 100 });
    expect(boardToScreen(centred, { x: 100, y: 100 })).toEqual({ x: 400, y: 300 });
  });

  it('pinches: the point under the fingers stays under them', () => {
    const from = [
      { x: 100, y: 100 },
      { x: 200, y: 100 },
    ] as const;
    const to = [
      { x: 50, y: 100 },
      { x: 250, y: 100 },
    ] as const;
    const pinched = pinchView(view, from, to);
    expect(pinched.scale).toBeCloseTo(1);
    const anchorBefore = screenToBoard(view, { x: 150, y: 100 });
    const anchorAfter = screenToBoard(pinched, { x: 150, y: 100 });
    expect(anchorAfter.x).toBeCloseTo(anchorBefore.x);
    expect(anchorAfter.y).toBeCloseTo(anchorBefore.y);
  });

  it('turns wheel deltas into bounded factors', () => {
    expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100, 0)).toBeLessThan(1);
    expect(wheelZoomFactor(3, 1)).toBeCloseTo(wheelZoomFactor(48, 0));
    expect(wheelZoomFactor(-100000, 0)).toBe(1.5);
    expect(wheelZoomFactor(0, 0)).toBe(1);
  });

  it('knows which part of the board is visible', () => {
    const rect = visibleBoardRect(view, { width: 800, height: 600 }, 10);
    expect(rect).toEqual({ x: -820, y: -620, width: 1640, height: 1240 });
  });

  it('tells whether a rect lies wholly inside another', () => {
    const outer = { x: 0, y: 0, width: 100, height: 50 };
    expect(rectWithin({ x: 10, y: 10, width: 90, height: 40 }, outer)).toBe(true);
    expect(rectWithin({ x: 10, y: 10, width: 91, height: 40 }, outer)).toBe(false);
    expect(rectWithin({ x: -1, y: 10, width: 5, height: 5 }, outer)).toBe(false);
  });
});
