import { type Point, type SlicePosition, sliceAngles } from './geometry.ts';
import { NOTE_SIZE, placeInSlice, positionInSlice } from './note-area.ts';
import { STEPS } from './phases.ts';
import { NOTE_GAP, rowsOf } from './step-rows.ts';

/**
 * How a step holds many notes: slots in rows along the arc, from the step's label inwards, and notes drawn
 * smaller as the step fills, so that 30 notes still fit one slice without covering each other's text.
 *
 * Notes put somewhere by hand stay there: people group notes by hand, and a board that rearranged a step by
 * itself would break their groups and move notes while others read them. A new note takes the step's next
 * free slot. When the step fills up and draws its notes a size smaller, the notes in its slots move along
 * into the smaller slots, in the same moment they shrink, so the step is seen to make room (step-room.ts).
 * The facilitator tidies a step into its slots when the group wants it orderly.
 */

/** The sizes a step's notes are drawn at, largest first; a step takes the largest whose slots hold all its notes. */
export const NOTE_SCALES: readonly number[] = [
  1, 0.93, 0.86, 0.8, 0.74, 0.69, 0.64, 0.6, 0.56, 0.52, 0.48, 0.45, 0.42, 0.39, 0.36, 0.34, 0.32, 0.3, 0.28,
  0.26,
];

export interface StepSlot {
  centre: Point;
  pos: SlicePosition;
}

const SLICE_DEGREES = 360 / STEPS.length;
const rowCache = new Map<string, readonly (readonly Point[])[]>();
const slotCache = new Map<string, readonly StepSlot[]>();

/**
 * Upright notes fit a slice as they fit its mirror images across the board's axes, so the twelve slices
 * share three layouts: `step`'s is `twin`'s, mirrored.
 */
function mirrorTwin(step: string): { twin: string; mirror: (point: Point) => Point } {
  const index = Math.round(sliceAngles(step).start / SLICE_DEGREES);
  const twinIndex = [0, 1, 2, 2, 1, 0][index % 6] as number;
  const twin = STEPS[twinIndex]?.id ?? step;
  const quarter = Math.floor(index / 3);
  const flipX = quarter >= 2;
  const flipY = quarter === 1 || quarter === 2;
  return { twin, mirror: ({ x, y }) => ({ x: flipX ? -x : x, y: flipY ? -y : y }) };
}

/**
 * Which way a row reads: clockwise along the arc at the slice's middle, turned round where that runs
 * leftwards or upwards (the lower and left parts of the circle), so rows read left to right, top to bottom.
 */
function readingDirection(step: string): Point {
  const { start, end } = sliceAngles(step);
  const radians = (((start + end) / 2) * Math.PI) / 180;
  const clockwise = { x: Math.cos(radians), y: Math.sin(radians) };
  const backwards = clockwise.x < -1e-9 || (Math.abs(clockwise.x) <= 1e-9 && clockwise.y < 0);
  return backwards ? { x: -clockwise.x, y: -clockwise.y } : clockwise;
}

/**
 * The slots of `step` for notes drawn at `scale`, in the order they fill: rows from the label inwards, each
 * read left to right (or top to bottom). Every slot's note lies wholly in the slice's note area, and no two
 * come closer than NOTE_GAP.
 */
export function stepSlots(step: string, scale: number): readonly StepSlot[] {
  const key = `${step}@${scale}`;
  const cached = slotCache.get(key);
  if (cached) return cached;
  const { twin, mirror } = mirrorTwin(step);
  const rowKey = `${twin}@${scale}`;
  const rows = rowCache.get(rowKey) ?? rowsOf(twin, scale);
  rowCache.set(rowKey, rows);
  const reading = readingDirection(step);
  const slots = rows.flatMap((row) =>
    row
      .map(mirror)
      .sort((a, b) => along(a, reading) - along(b, reading))
      .map((centre) => ({ centre, pos: positionInSlice(step, centre) })),
  );
  slotCache.set(key, slots);
  return slots;
}

function along(point: Point, direction: Point): number {
  return point.x * direction.x + point.y * direction.y;
}

/**
 * How many slots each of the three layouts (mirrorTwin) has at each of NOTE_SCALES, in their order: all that
 * stepNoteScale needs. Working out a size's rows takes milliseconds, and a board of a thousand notes would
 * otherwise wait for most sizes' rows before its steps' sizes are known. step-layout.test.ts checks them
 * against stepSlots: a change to the rows changes them.
 */
const SLOT_COUNTS: Readonly<Record<string, readonly number[]>> = {
  'verkennen.eigen-situatie': [5, 6, 7, 8, 10, 11, 13, 15, 17, 21, 23, 30, 33, 40, 46, 49, 56, 62, 74, 89],
  'verkennen.partners': [4, 4, 6, 6, 7, 9, 10, 11, 15, 15, 19, 23, 24, 29, 34, 40, 46, 52, 60, 74],
  'verkennen.opgave': [5, 6, 6, 9, 10, 11, 14, 15, 18, 21, 24, 29, 32, 39, 45, 51, 58, 66, 77, 89],
};

/** How many slots `step` has for notes drawn at `scale`. */
export function slotCount(step: string, scale: number): number {
  const counted = SLOT_COUNTS[mirrorTwin(step).twin]?.[NOTE_SCALES.indexOf(scale)];
  return counted ?? stepSlots(step, scale).length;
}

/** The size `count` notes of `step` are drawn at: the largest whose slots hold them all. */
export function stepNoteScale(step: string, count: number): number {
  for (const scale of NOTE_SCALES) if (slotCount(step, scale) >= count) return scale;
  return NOTE_SCALES.at(-1) ?? 1;
}

/** A note as the layout sees it. */
export interface PlacedNote {
  id: string;
  pos: SlicePosition;
}

/** A note's new spot in its step. */
export interface NoteMove {
  id: string;
  pos: SlicePosition;
}

/** A stored position, as precisely as slots are told apart (a millionth of the slice). */
export function spotKey(pos: SlicePosition): string {
  return `${pos.r.toFixed(6)},${pos.t.toFixed(6)}`;
}

const slotIndexCache = new Map<string, ReadonlyMap<string, number>>();

/** Which slot of `step` at `scale` a note stored at `pos` sits in, or -1 when it sits in none. */
export function slotIndex(step: string, pos: SlicePosition, scale: number): number {
  const key = `${step}@${scale}`;
  let index = slotIndexCache.get(key);
  if (!index) {
    index = new Map(stepSlots(step, scale).map((slot, i) => [spotKey(slot.pos), i]));
    slotIndexCache.set(key, index);
  }
  return index.get(spotKey(pos)) ?? -1;
}

/**
 * Every note of `step` in a slot of its own: the tidied step. A note already in one of the slots keeps it;
 * the others take the free slots in the order they are read on the board, so neighbours stay near each other.
 * Past the smallest size's slots, far more than a workshop writes in one step, notes share slots.
 */
export function tidyStep(step: string, notes: readonly PlacedNote[]): NoteMove[] {
  const scale = stepNoteScale(step, notes.length);
  const slots = stepSlots(step, scale).slice(0, notes.length);
  if (slots.length === 0) return [];
  const reading = readingDirection(step);
  const drawn = [...notes]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((note) => ({ ...note, centre: placeInSlice(step, note.pos, scale) }));
  const free = new Set(slots);
  const placed = new Map<string, SlicePosition>();
  for (const note of drawn) {
    const kept = slots[slotIndex(step, note.pos, scale)];
    if (!kept || !free.has(kept)) continue;
    free.delete(kept);
    placed.set(note.id, kept.pos);
  }
  const band = (NOTE_SIZE.height + NOTE_GAP) * scale;
  const waiting = drawn
    .filter((note) => !placed.has(note.id))
    .map((note) => ({ ...note, row: Math.round(-Math.hypot(note.centre.x, note.centre.y) / band) }))
    .sort((a, b) => a.row - b.row || along(a.centre, reading) - along(b.centre, reading));
  const open = [...free];
  waiting.forEach((note, index) => {
    const slot = open[index] ?? slots[index % slots.length];
    if (slot) placed.set(note.id, slot.pos);
  });
  return notes.map((note) => ({ id: note.id, pos: placed.get(note.id) ?? note.pos }));
}
