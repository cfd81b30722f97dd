import { describe, expect, it } from 'vitest';
import { type Point, slicePositionToPoint } from './geometry.ts';
import { fitsInSlice, NOTE_SIZE, noteRect, placeInSlice } from './note-area.ts';
import { STEPS } from './phases.ts';
import {
  freeSlot,
  NOTE_SCALES,
  resizeMoves,
  roomForNewNote,
  stepNoteScale,
  stepSlots,
  tidyStep,
} from './step-layout.ts';
import { notesCollide } from './step-rows.ts';

const MOST = 60;

/** Whether two notes drawn at `scale` share any point: an independent check of the rectangles. */
function rectsOverlap(a: Point, b: Point, scale: number): boolean {
  const one = noteRect(a, scale);
  const two = noteRect(b, scale);
  return (
    one.x < two.x + two.width &&
    two.x < one.x + one.width &&
    one.y < two.y + two.height &&
    two.y < one.y + one.height
  );
}

function overlappingPairs(centres: readonly Point[], scale: number): string[] {
  const pairs: string[] = [];
  centres.forEach((a, i) => {
    centres.forEach((b, j) => {
      if (j > i && rectsOverlap(a, b, scale)) pairs.push(`${i}/${j}`);
    });
  });
  return pairs;
}

describe('the slots of a step', () => {
  it('hold 1 to 60 notes in every step, each wholly inside the slice, none overlapping another', () => {
    for (const step of STEPS) {
      for (let count = 1; count <= MOST; count++) {
        const scale = stepNoteScale(step.id, count);
        const slots = stepSlots(step.id, scale).slice(0, count);
        expect(slots, `${step.id} holds ${count}`).toHaveLength(count);
        const centres = slots.map((slot) => slicePositionToPoint(step.id, slot.pos));
        expect(centres.filter((centre) => !fitsInSlice(step.id, centre, scale))).toEqual([]);
        expect(overlappingPairs(centres, scale), `${step.id} with ${count}`).toEqual([]);
      }
    }
  });

  it('draws notes smaller only as the step fills, and full size for a few', () => {
    for (const step of STEPS) {
      expect(stepNoteScale(step.id, 1)).toBe(1);
      expect(stepNoteScale(step.id, 4)).toBe(1);
      let previous = 1;
      for (let count = 1; count <= MOST; count++) {
        const scale = stepNoteScale(step.id, count);
        expect(scale).toBeLessThanOrEqual(previous);
        previous = scale;
      }
      // 30 notes stay big enough to tell apart and to open.
      expect(stepNoteScale(step.id, 30)).toBeGreaterThanOrEqual(0.36);
    }
  });

  it('start with a row under the label, read left to right', () => {
    for (const step of ['verkennen.eigen-situatie', 'inrichten.vorm', 'aan-de-slag.realiseren']) {
      const [first, second] = stepSlots(step, 1);
      if (!first || !second) throw new Error(`${step} has fewer than two slots`);
      const radius = (point: Point) => Math.hypot(point.x, point.y);
      expect(radius(first.centre)).toBeGreaterThan(700);
      expect(Math.abs(radius(first.centre) - radius(second.centre))).toBeLessThan(NOTE_SIZE.height);
      // Near 6 o'clock the slice runs clockwise, right to left, and its rows still read left to right.
      expect(second.centre.x, step).toBeGreaterThan(first.centre.x);
    }
  });

  it('uses only the sizes it names', () => {
    for (let count = 1; count <= MOST; count++) {
      expect(NOTE_SCALES).toContain(stepNoteScale('richten.ambitie', count));
    }
  });
});

describe('a new note', () => {
  it('goes to the next free slot: 60 added one by one to a step never overlap', () => {
    for (const step of STEPS) {
      let stored: { id: string; pos: { r: number; t: number } }[] = [];
      for (let count = 1; count <= MOST; count++) {
        const { pos, moves } = roomForNewNote(step.id, stored);
        stored = stored.map((note) => moves.find((move) => move.id === note.id) ?? note);
        stored.push({ id: `n${count}`, pos });
        const scale = stepNoteScale(step.id, count);
        const centres = stored.map((note) => placeInSlice(step.id, note.pos, scale));
        expect(overlappingPairs(centres, scale), `${step.id} with ${count}`).toEqual([]);
        expect(fitsInSlice(step.id, slicePositionToPoint(step.id, pos), scale)).toBe(true);
      }
    }
  });

  it('moves the notes in slots along when the step draws them smaller, and leaves notes put by hand', () => {
    const step = 'richten.ambitie';
    const full = stepSlots(step, 1);
    const byHand = { id: 'by-hand', pos: { r: 0.3, t: 0.5 } };
    const inSlots = full.slice(0, full.length - 1).map((slot, i) => ({ id: `n${i}`, pos: slot.pos }));
    const notes = [...inSlots, byHand];
    const { moves } = roomForNewNote(step, notes);
    expect(moves.map((move) => move.id).sort()).toEqual(inSlots.map((note) => note.id).sort());
    const smaller = stepNoteScale(step, notes.length + 1);
    expect(smaller).toBeLessThan(1);
    for (const move of moves)
      expect(stepSlots(step, smaller).map((slot) => slot.pos)).toContainEqual(move.pos);
  });

  it('lets notes in slots grow back into the larger slots when notes are taken away', () => {
    const step = 'verkennen.opgave';
    const small = stepNoteScale(step, 12);
    const notes = stepSlots(step, small)
      .slice(0, 12)
      .map((slot, i) => ({ id: `n${i}`, pos: slot.pos }));
    const left = notes.slice(0, 4);
    const moves = resizeMoves(step, left, small, stepNoteScale(step, 4));
    expect(moves.map((move) => move.pos)).toEqual(
      stepSlots(step, stepNoteScale(step, 4))
        .slice(0, 4)
        .map((slot) => slot.pos),
    );
    expect(resizeMoves(step, left, small, small)).toEqual([]);
  });

  it('finds room between notes put by hand', () => {
    const step = 'richten.belangen';
    const scale = stepNoteScale(step, 5);
    // Four notes spread out by hand, covering the slots they are near.
    const taken = [0.2, 0.4, 0.6, 0.8].map((r) => placeInSlice(step, { r, t: 0.55 }, scale));
    const centre = slicePositionToPoint(step, freeSlot(step, taken, scale));
    expect(fitsInSlice(step, centre, scale)).toBe(true);
    expect(taken.filter((other) => notesCollide(other, centre, scale))).toEqual([]);
  });

  it('goes where it is least in the way when a step is covered all over', () => {
    const step = 'verkennen.eigen-situatie';
    const taken = stepSlots(step, 0.28).map((slot) => slot.centre);
    const centre = slicePositionToPoint(step, freeSlot(step, taken, 1));
    expect(fitsInSlice(step, centre, 1)).toBe(true);
  });
});

describe('tidying a step', () => {
  const step = 'inrichten.ontwerp';

  it('puts every note in its own slot, at the size the step draws them', () => {
    const notes = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, pos: { r: 0.5, t: 0.5 } }));
    const tidied = tidyStep(step, notes);
    expect(tidied.map((note) => note.id).sort()).toEqual(notes.map((note) => note.id).sort());
    const scale = stepNoteScale(step, 30);
    const centres = tidied.map((note) => slicePositionToPoint(step, note.pos));
    expect(new Set(tidied.map((note) => `${note.pos.r},${note.pos.t}`)).size).toBe(30);
    expect(overlappingPairs(centres, scale)).toEqual([]);
    expect(centres.every((centre) => fitsInSlice(step, centre, scale))).toBe(true);
  });

  it('leaves notes that are in a slot already where they are', () => {
    const slots = stepSlots(step, stepNoteScale(step, 6));
    const notes = slots.slice(0, 5).map((slot, i) => ({ id: `n${i}`, pos: slot.pos }));
    notes.push({ id: 'loose', pos: { r: 0.5, t: 0.5 } });
    const tidied = tidyStep(step, notes);
    expect(tidied.slice(0, 5)).toEqual(notes.slice(0, 5));
    expect(tidied[5]?.pos).toEqual(slots[5]?.pos);
  });

  it('keeps the order the board reads the notes in', () => {
    // Six notes along one arc, left to right, their ids in no particular order.
    const step = 'verkennen.eigen-situatie';
    const notes = ['d', 'a', 'f', 'c', 'e', 'b'].map((id, i) => ({ id, pos: { r: 0.5, t: 0.1 + i * 0.15 } }));
    const tidied = tidyStep(step, notes);
    const slots = stepSlots(step, stepNoteScale(step, notes.length));
    const slotOf = (id: string) =>
      slots.findIndex((slot) => slot.pos === tidied.find((note) => note.id === id)?.pos);
    expect(notes.map((note) => slotOf(note.id))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('does not depend on the order it is given the notes in', () => {
    const notes = Array.from({ length: 12 }, (_, i) => ({ id: `n${i}`, pos: { r: 0.3 + i * 0.05, t: 0.5 } }));
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(tidyStep(step, [...notes].reverse()).sort(byId)).toEqual(tidyStep(step, notes).sort(byId));
  });

  it('has nothing to do in an empty step', () => {
    expect(tidyStep(step, [])).toEqual([]);
  });
});
