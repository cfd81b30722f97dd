import type { Point, Rect, Size } from '../core/viewport.ts';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../notes/note-metrics.ts';

/** The editor never gets smaller than this zoom of a note, so text stays readable when zoomed out. */
export const EDITOR_MIN_SCALE = 1.45;
const EDITOR_FONT_PX = 11;
/** Room above the editor for the note's step and phase (see StepPicker). */
export const EDITOR_STEPS_HEIGHT = 40;
/** Screen pixels overlays keep from the canvas edges. */
export const EDGE_MARGIN = 8;
const MENU_HEIGHT = 44;
const MENU_HALF_WIDTH = 150;
const MENU_GAP = 10;

export interface EditorPlacement {
  left: number;
  top: number;
  width: number;
  height: number;
  fontSize: number;
}

/**
 * The in-place editor over a note whose centre is at `centre` (screen): the note's box at the current
 * zoom, or larger when zoomed out, kept inside the canvas with its steps above it.
 */
export function editorPlacement(centre: Point, scale: number, canvas: Size): EditorPlacement {
  const editorScale = Math.max(scale, EDITOR_MIN_SCALE);
  const width = NOTE_WIDTH * editorScale;
  const height = NOTE_HEIGHT * editorScale;
  return {
    left: clamp(centre.x - width / 2, EDGE_MARGIN, canvas.width - width - EDGE_MARGIN),
    top: clamp(
      centre.y - height / 2,
      EDGE_MARGIN + EDITOR_STEPS_HEIGHT,
      canvas.height - height - EDGE_MARGIN,
    ),
    width,
    height,
    fontSize: EDITOR_FONT_PX * editorScale,
  };
}

/**
 * The selected note's menu: centred above the note's screen box, or below it when there is no room
 * above; `x` is the menu's horizontal centre.
 */
export function menuPlacement(noteBox: Rect, canvas: Size): { x: number; y: number } {
  const x = clamp(noteBox.x + noteBox.width / 2, MENU_HALF_WIDTH, canvas.width - MENU_HALF_WIDTH);
  const above = noteBox.y - MENU_HEIGHT - MENU_GAP;
  const y =
    above >= EDGE_MARGIN
      ? above
      : Math.min(noteBox.y + noteBox.height + MENU_GAP, canvas.height - MENU_HEIGHT - EDGE_MARGIN);
  return { x, y };
}

const CARD_WIDTH = 340;
const CARD_GAP = 12;
/** A card is never squeezed below this height by the canvas edge; it moves up instead. */
const CARD_MIN_HEIGHT = 220;

export interface CardPlacement {
  left: number;
  top: number;
  maxHeight: number;
}

/**
 * An opened note's card: beside the note's screen box, to its right or else its left, so that the note
 * stays in sight; on a screen too narrow for either, below the note (or above it). Kept inside the canvas.
 */
export function cardPlacement(noteBox: Rect, canvas: Size): CardPlacement {
  const width = Math.min(CARD_WIDTH, canvas.width - 2 * EDGE_MARGIN);
  const right = noteBox.x + noteBox.width + CARD_GAP;
  const left = noteBox.x - CARD_GAP - width;
  const limit = canvas.height - EDGE_MARGIN;
  if (right + width <= canvas.width - EDGE_MARGIN || left >= EDGE_MARGIN) {
    const x = right + width <= canvas.width - EDGE_MARGIN ? right : left;
    const top = clamp(noteBox.y, EDGE_MARGIN, limit - CARD_MIN_HEIGHT);
    return { left: x, top, maxHeight: limit - top };
  }
  const x = clamp(noteBox.x + noteBox.width / 2 - width / 2, EDGE_MARGIN, canvas.width - width - EDGE_MARGIN);
  const below = noteBox.y + noteBox.height + CARD_GAP;
  const top =
    below + CARD_MIN_HEIGHT <= limit
      ? below
      : clamp(noteBox.y - CARD_GAP - CARD_MIN_HEIGHT, EDGE_MARGIN, limit - CARD_MIN_HEIGHT);
  return { left: x, top, maxHeight: limit - top };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
