import type { Point, Rect } from '../core/viewport.ts';

/** A sticky note's size in board units (the circle is 2,000 units across). */
export const NOTE_WIDTH = 160;
export const NOTE_HEIGHT = 112;
export const NOTE_PADDING = 12;
/** Space at the bottom of a note for its author's name. */
export const NOTE_BYLINE_HEIGHT = 20;

/** A note's box in board units; notes are centred on their position. */
export function noteBox(centre: Point): Rect {
  return {
    x: centre.x - NOTE_WIDTH / 2,
    y: centre.y - NOTE_HEIGHT / 2,
    width: NOTE_WIDTH,
    height: NOTE_HEIGHT,
  };
}

/** Short notes read from afar in a larger type; long ones shrink to fit. */
export function noteFontSize(text: string): number {
  const length = text.length;
  if (length <= 24) return 21;
  if (length <= 60) return 17;
  if (length <= 120) return 14;
  return 12;
}
