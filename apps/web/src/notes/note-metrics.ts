import { NOTE_SIZE } from '@kompas/model';

/** A sticky note's size in board units (the circle is 2,000 units across); a full step draws notes smaller. */
export const NOTE_WIDTH = NOTE_SIZE.width;
export const NOTE_HEIGHT = NOTE_SIZE.height;
export const NOTE_PADDING = 12;
/** Space at the bottom of a note for its author's name. */
export const NOTE_BYLINE_HEIGHT = 20;

/** The room for a note's text, between its padding and its byline. */
export const NOTE_TEXT_BOX = {
  width: NOTE_WIDTH - 2 * NOTE_PADDING,
  height: NOTE_HEIGHT - NOTE_PADDING - NOTE_BYLINE_HEIGHT - 4,
} as const;

/**
 * How a note's text is sized to fit (see fitText): short notes read from afar in a large type, long ones
 * shrink to a size still readable when zoomed in, and are cut with an ellipsis only below it (the note's
 * card shows all of it). At the model's longest note (500 characters) the smallest size is reached.
 */
export const NOTE_TEXT_FIT = {
  maxFontSize: 22,
  minFontSize: 7,
  lineHeight: 1.22,
  fontSizeStep: 0.5,
} as const;
