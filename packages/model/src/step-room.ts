import type { Point, SlicePosition } from './geometry.ts';
import { clampIntoSlice, fittingGrid, placeInSlice, positionInSlice } from './note-area.ts';
import {
  NOTE_SCALES,
  type NoteMove,
  type PlacedNote,
  slotIndex,
  spotKey,
  stepNoteScale,
  stepSlots,
} from './step-layout.ts';
import { collidesWithAny } from './step-rows.ts';

/**
 * How a step makes room as it fills and empties (see step-layout.ts). Notes that sit in the step's slots move
 * along as the step's notes change size; notes put elsewhere by hand stay, and the slots they cover are
 * passed over, so a step of both kinds still gives every note a place of its own.
 */

/**
 * The size `step` draws `notes` at: of the sizes their number allows, the one whose slots hold the most of
 * them (the largest on a tie). A step of notes all put by hand draws them as large as their number allows;
 * a step whose notes in slots had to go smaller to pass notes put by hand keeps that size.
 */
export function stepScaleOf(step: string, notes: readonly PlacedNote[]): number {
  const largest = stepNoteScale(step, notes.length);
  let best = largest;
  let held = -1;
  for (const scale of NOTE_SCALES) {
    if (scale > largest) continue;
    const inSlots = notes.filter((note) => slotIndex(step, note.pos, scale) >= 0).length;
    if (inSlots > held) {
      best = scale;
      held = inSlots;
    }
    if (held === notes.length) break;
  }
  return best;
}

/** How a step settles after a change: its size, the notes that move, and its slots left free, in order. */
export interface Settling {
  scale: number;
  moves: NoteMove[];
  free: SlicePosition[];
}

/**
 * Where the notes of `step`, drawn at `from` until now, go: the largest size that holds the notes in slots
 * (in their order) and `reserve` free slots more, in the slots that notes put by hand (and those `staying`
 * where they are) leave open. Past the smallest size, nothing moves.
 */
export function settleStep(
  step: string,
  notes: readonly PlacedNote[],
  from: number,
  reserve = 0,
  staying: ReadonlySet<string> = new Set(),
): Settling {
  const inSlots = notes
    .map((note) => ({ note, index: staying.has(note.id) ? -1 : slotIndex(step, note.pos, from) }))
    .filter(({ index }) => index >= 0)
    .sort((a, b) => a.index - b.index)
    .map(({ note }) => note);
  const elsewhere = notes.filter((note) => !inSlots.includes(note));
  const largest = stepNoteScale(step, notes.length + reserve);
  for (const scale of NOTE_SCALES) {
    if (scale > largest) continue;
    const taken = elsewhere.map((note) => placeInSlice(step, note.pos, scale));
    const open = stepSlots(step, scale).filter((slot) => !collidesWithAny(slot.centre, taken, scale));
    if (open.length < inSlots.length + reserve) continue;
    const moves = inSlots.flatMap((note, i) => {
      const slot = open[i];
      return slot && spotKey(slot.pos) !== spotKey(note.pos) ? [{ id: note.id, pos: slot.pos }] : [];
    });
    return { scale, moves, free: open.slice(inSlots.length).map((slot) => slot.pos) };
  }
  return { scale: NOTE_SCALES.at(-1) ?? 1, moves: [], free: [] };
}

/**
 * What adding a note to `step`, which holds `notes`, asks: the notes in slots that move as the step takes
 * its new size, and the first free slot after them for the new note (or, past the smallest size, the first
 * free spot, or the one least in the way).
 */
export function roomForNewNote(
  step: string,
  notes: readonly PlacedNote[],
): { pos: SlicePosition; moves: NoteMove[] } {
  const settling = settleStep(step, notes, stepScaleOf(step, notes), 1);
  const pos = settling.free[0];
  if (pos) return { pos, moves: settling.moves };
  const scale = settling.scale;
  return {
    pos: freeSpot(
      step,
      notes.map((note) => placeInSlice(step, note.pos, scale)),
      scale,
    ),
    moves: [],
  };
}

/**
 * Where a note started by hand at `pos` in `step` goes (a double-click): right there, where its author meant
 * it (beside a note it belongs with, say), only moved as far as it must to lie wholly in the slice at the
 * size the step takes with it.
 */
export function spotNear(step: string, notes: readonly PlacedNote[], pos: SlicePosition): SlicePosition {
  const { scale } = settleStep(step, notes, stepScaleOf(step, notes), 1);
  return clampIntoSlice(step, pos, scale);
}

/** The first spot of the fine grid no note covers, else the one farthest from every note. */
function freeSpot(step: string, taken: readonly Point[], scale: number): SlicePosition {
  const grid = fittingGrid(step, scale);
  const spot = grid.find((centre) => !collidesWithAny(centre, taken, scale));
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
