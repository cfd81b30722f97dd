import { type Point, type SlicePosition, sliceAngles } from './geometry.ts';
import { fittingGrid, NOTE_SIZE, placeInSlice, positionInSlice } from './note-area.ts';
import { STEPS } from './phases.ts';
import { collidesWithAny, NOTE_GAP, rowsOf } from './step-rows.ts';

/**
 * How a step holds many notes: slots in rows along the arc, from the step's label inwards, and notes drawn
 * smaller as the step fills, so that 30 notes still fit one slice without covering each other's text.
 *
 * Notes keep the spot they were put on: people group notes by hand, and a board that rearranged itself would
 * break their groups and move notes while others read them. A new note takes the step's next free slot, a
 * fuller step only draws its notes smaller around where they are (which never makes two overlap), and the
 * facilitator tidies a step into its slots when the group wants it orderly.
 *
 * When a new note makes a step draw its notes a size smaller, the notes that still sit in the step's slots
 * move into the slots of the new size with it (they shrink in the same moment, so the step is seen to make
 * room); notes someone put elsewhere by hand stay where they are.
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

/** The size `count` notes of `step` are drawn at: the largest whose slots hold them all. */
export function stepNoteScale(step: string, count: number): number {
  for (const scale of NOTE_SCALES) if (stepSlots(step, scale).length >= count) return scale;
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

/**
 * When `step`'s notes are drawn at `to` instead of `from` (it gained or lost notes): the notes that sat in
 * slots at the old size take the slots of the new size in the same order, passing over slots that notes put
 * by hand now cover, and those of the notes `staying` where they are (the one just added or dropped).
 * Nothing moves when the size stays.
 */
export function resizeMoves(
  step: string,
  notes: readonly PlacedNote[],
  from: number,
  to: number,
  staying: ReadonlySet<string> = new Set(),
): NoteMove[] {
  if (from === to) return [];
  const previous = stepSlots(step, from);
  const sitters: { id: string; index: number }[] = [];
  const elsewhere: Point[] = [];
  for (const note of notes) {
    const centre = placeInSlice(step, note.pos, from);
    const index = staying.has(note.id) ? -1 : previous.findIndex((slot) => sameSpot(slot.centre, centre));
    if (index >= 0) sitters.push({ id: note.id, index });
    else elsewhere.push(placeInSlice(step, note.pos, to));
  }
  sitters.sort((a, b) => a.index - b.index);
  const open = stepSlots(step, to).filter((slot) => !collidesWithAny(slot.centre, elsewhere, to));
  return sitters.flatMap((sitter, i) => {
    const slot = open[i];
    return slot ? [{ id: sitter.id, pos: slot.pos }] : [];
  });
}

/**
 * What adding a note to `step`, which holds `notes`, asks: the notes that move as the step takes a smaller
 * size (see resizeMoves), and the free slot for the new note after they have.
 */
export function roomForNewNote(
  step: string,
  notes: readonly PlacedNote[],
): { pos: SlicePosition; moves: NoteMove[] } {
  const to = stepNoteScale(step, notes.length + 1);
  const moves = resizeMoves(step, notes, stepNoteScale(step, notes.length), to);
  const moved = new Map(moves.map((move) => [move.id, move.pos]));
  const drawn = notes.map((note) => placeInSlice(step, moved.get(note.id) ?? note.pos, to));
  return { pos: freeSlot(step, drawn, to), moves };
}

/**
 * Where a new note goes in `step`, whose notes are drawn at `scale` with their centres at `taken`: the first
 * slot no note covers, else the first free spot of a finer grid (notes put by hand can leave slots half
 * covered), else the spot farthest from every note.
 */
export function freeSlot(step: string, taken: readonly Point[], scale: number): SlicePosition {
  const free = (centre: Point) => !collidesWithAny(centre, taken, scale);
  const slot = stepSlots(step, scale).find((candidate) => free(candidate.centre));
  if (slot) return slot.pos;
  const grid = fittingGrid(step, scale);
  const spot = grid.find(free);
  if (spot) return positionInSlice(step, spot);
  let roomiest = grid[0];
  let room = -1;
  for (const candidate of grid) {
    const nearest = Math.min(
      ...taken.map((other) => Math.hypot(other.x - candidate.x, other.y - candidate.y)),
    );
    if (nearest > room) {
      roomiest = candidate;
      room = nearest;
    }
  }
  return roomiest ? positionInSlice(step, roomiest) : { r: 0.5, t: 0.5 };
}

/** Two spots closer than this (board units) are the same slot. */
const SAME_SPOT = 0.5;

function sameSpot(a: Point, b: Point): boolean {
  return Math.hypot(a.x - b.x, a.y - b.y) < SAME_SPOT;
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
    .map((note) => ({ id: note.id, centre: placeInSlice(step, note.pos, scale) }));
  const free = new Set(slots);
  const placed = new Map<string, SlicePosition>();
  for (const note of drawn) {
    const kept = [...free].find((slot) => sameSpot(slot.centre, note.centre));
    if (!kept) continue;
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
