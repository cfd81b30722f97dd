import { describe, expect, it } from 'vitest';
import { panBy, zoomAt } from '../core/viewport.ts';
import { GestureSnapshot } from './gesture-snapshot.ts';

const base = { x: 400, y: 300, scale: 0.5 };
const size = { width: 800, height: 600 };
/** The snapshot only touches the canvas' style; tests run without a DOM. */
const fakeCanvas = () => ({ style: {} }) as unknown as HTMLCanvasElement;

describe('GestureSnapshot', () => {
  it('moves and scales the canvas to follow the view, and puts it back', () => {
    const canvas = fakeCanvas();
    const snapshot = new GestureSnapshot(base, canvas, false);
    snapshot.follow(zoomAt(base, { x: 0, y: 0 }, 2));
    expect(canvas.style.transform).toBe('matrix(2, 0, 0, 2, 0, 0)');
    snapshot.release();
    expect(canvas.style.transform).toBe('');
  });

  it('misses notes when panned or zoomed out, not when zoomed in', () => {
    const snapshot = new GestureSnapshot(base, fakeCanvas(), false);
    expect(snapshot.missesNotes(zoomAt(base, { x: 123, y: 456 }, 3), size)).toBe(false);
    expect(snapshot.missesNotes(base, size)).toBe(false);
    expect(snapshot.missesNotes(panBy(base, 20, 0), size)).toBe(true);
    expect(snapshot.missesNotes(zoomAt(base, { x: 400, y: 300 }, 0.8), size)).toBe(true);
  });

  it('never misses notes when all of them were on screen', () => {
    const snapshot = new GestureSnapshot(base, fakeCanvas(), true);
    expect(snapshot.missesNotes(panBy(base, 300, -200), size)).toBe(false);
    expect(snapshot.missesNotes(zoomAt(base, { x: 400, y: 300 }, 0.2), size)).toBe(false);
  });
});
