import { describe, expect, it } from 'vitest';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../notes/note-metrics.ts';
import {
  EDGE_MARGIN,
  EDITOR_MIN_SCALE,
  EDITOR_STEPS_HEIGHT,
  editorPlacement,
  menuPlacement,
} from './overlay-placement.ts';

const canvas = { width: 1000, height: 800 };

describe('editorPlacement', () => {
  it('covers the note at its zoom when zoomed in', () => {
    const placement = editorPlacement({ x: 500, y: 400 }, 2, canvas);
    expect(placement.width).toBe(NOTE_WIDTH * 2);
    expect(placement.height).toBe(NOTE_HEIGHT * 2);
    expect(placement.left + placement.width / 2).toBe(500);
    expect(placement.top + placement.height / 2).toBe(400);
  });

  it('stays readable when zoomed out', () => {
    expect(editorPlacement({ x: 500, y: 400 }, 0.3, canvas).width).toBe(NOTE_WIDTH * EDITOR_MIN_SCALE);
  });

  it('stays inside the canvas', () => {
    const placement = editorPlacement({ x: 0, y: 800 }, 1, canvas);
    expect(placement.left).toBe(EDGE_MARGIN);
    expect(placement.top + placement.height).toBe(800 - EDGE_MARGIN);
  });

  it('leaves room above for the step of the note at the top edge', () => {
    expect(editorPlacement({ x: 500, y: 0 }, 1, canvas).top).toBe(EDGE_MARGIN + EDITOR_STEPS_HEIGHT);
  });
});

describe('menuPlacement', () => {
  it('sits above the note', () => {
    const place = menuPlacement({ x: 400, y: 300, width: 100, height: 70 }, canvas);
    expect(place.x).toBe(450);
    expect(place.y).toBeLessThan(300);
  });

  it('goes below a note at the top edge and stays inside horizontally', () => {
    const place = menuPlacement({ x: -20, y: 5, width: 100, height: 70 }, canvas);
    expect(place.y).toBeGreaterThan(75);
    expect(place.x).toBeGreaterThanOrEqual(150);
  });
});
