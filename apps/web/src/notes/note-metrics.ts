import { NOTE_SIZE } from '@kompas/model';

/** A sticky note's size in board units (the circle is 2,000 units across); a full step draws notes smaller. */
export const NOTE_WIDTH = NOTE_SIZE.width;
export const NOTE_HEIGHT = NOTE_SIZE.height;
export const NOTE_PADDING = 12;
/** Space at the bottom of a note for its author's name. */
export const NOTE_BYLINE_HEIGHT = 20;

/** Short notes read from afar in a larger type; long ones shrink to fit. */
export function noteFontSize(text: string): number {
  const length = text.length;
  if (length <= 24) return 21;
  if (length <= 60) return 17;
  if (length <= 120) return 14;
  return 12;
}
