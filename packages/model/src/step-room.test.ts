import { describe, expect, it } from 'vitest';
import { type Point, slicePositionToPoint } from './geometry.ts';
import { fitsInSlice, placeInSlice } from './note-area.ts';
import { STEPS } from './phases.ts';
import { type PlacedNote, slotIndex, stepNoteScale, stepSlots } from './step-layout.ts';
import { roomForNewNote, settleStep, spotNear, stepScaleOf } from './step-room.ts';
import { notesCollide } from './step-rows.ts';

function collisions(centres: readonly Point[], scale: number): string[] {
  const pairs: string[] = [];
  centres.forEach((a, i) => {
    centres.forEach((b, j) => {
      if (j > i && notesCollide(a, b, scale)) pairs.push(`${i}/${j}`);
    });
  });
  return pairs;
}

/** Adds `count` notes to `step` as "Add note" and the board core do; returns them. */
function addNotes(step: string, count: number, notes: PlacedNote[] = []): PlacedNote[] {
  let stored = notes;
  for (let i = 0; i < count; i++) {
    const { pos, moves } = roomForNewNote(step, stored);
    stored = stored.map((note) => moves.find((move) => move.id === note.id) ?? note);
    stored.push({ id: `n${stored.length}`, pos });
  }
  return stored;
}

function drawn(step: string, notes: readonly PlacedNote[]) {
  const scale = stepScaleOf(step, notes);
  return { scale, centres: notes.map((note) => placeInSlice(step, note.pos, scale)) };
}

describe('a new note', () => {
  it('goes to the next free slot: 60 added one by one to any step never cover each other', () => {
    for (const step of STEPS) {
      let notes: PlacedNote[] = [];
      for (let count = 1; count <= 60; count++) {
        notes = addNotes(step.id, 1, notes);
        const { scale, centres } = drawn(step.id, notes);
        expect(scale).toBe(stepNoteScale(step.id, count));
        expect(collisions(centres, scale), `${step.id} with ${count}`).toEqual([]);
        expect(fitsInSlice(step.id, centres.at(-1) as Point, scale)).toBe(true);
      }
    }
  });

  it('finds room around notes put by hand, which stay where they are', () => {
    for (const step of ['richten.ambitie', 'verkennen.eigen-situatie', 'aan-de-slag.realiseren']) {
      const byHand = [
        { id: 'by-hand-1', pos: { r: 0.2, t: 0.5 } },
        { id: 'by-hand-2', pos: { r: 0.97, t: 0.1 } },
      ];
      const notes = addNotes(step, 30, [...byHand]);
      const { scale, centres } = drawn(step, notes);
      expect(notes.slice(0, 2)).toEqual(byHand);
      expect(collisions(centres, scale), step).toEqual([]);
      expect(centres.every((centre) => fitsInSlice(step, centre, scale))).toBe(true);
    }
  });

  it('goes where it is least in the way when the step is covered all over', () => {
    const step = 'verkennen.eigen-situatie';
    const everywhere = stepSlots(step, 0.26).map((slot, i) => ({ id: `h${i}`, pos: slot.pos }));
    const covered = [...everywhere, ...everywhere.map((note) => ({ ...note, id: `${note.id}-again` }))];
    const { pos, moves } = roomForNewNote(step, covered);
    expect(moves).toEqual([]);
    expect(fitsInSlice(step, slicePositionToPoint(step, pos), stepScaleOf(step, covered))).toBe(true);
  });
});

describe('the size a step draws its notes at', () => {
  it('follows the notes in slots, and their number for notes put by hand', () => {
    const step = 'inrichten.vorm';
    const notes = addNotes(step, 12);
    expect(stepScaleOf(step, notes)).toBe(stepNoteScale(step, 12));
    const byHand = notes.map((note, i) => ({ ...note, pos: { r: 0.1 + i * 0.07, t: 0.5 } }));
    expect(stepScaleOf(step, byHand)).toBe(stepNoteScale(step, 12));
    expect(stepScaleOf(step, [])).toBe(1);
  });
});

describe('a step that loses notes', () => {
  it('lets the notes in slots grow back into the larger slots, in their order', () => {
    const step = 'verkennen.opgave';
    const notes = addNotes(step, 12);
    const left = notes.slice(0, 4);
    const settling = settleStep(step, left, stepScaleOf(step, notes));
    expect(settling.scale).toBe(stepNoteScale(step, 4));
    const moved = left.map((note) => settling.moves.find((move) => move.id === note.id) ?? note);
    expect(moved.map((note) => slotIndex(step, note.pos, settling.scale))).toEqual([0, 1, 2, 3]);
  });
});

describe('a note started by hand', () => {
  it('stays where it was started when it fits there', () => {
    const step = 'richten.belangen';
    const spot = spotNear(step, addNotes(step, 2), { r: 0.45, t: 0.4 });
    expect(spot.r).toBeCloseTo(0.45, 9);
    expect(spot.t).toBeCloseTo(0.4, 9);
  });

  it('moves just inside the slice when started by its label or an edge', () => {
    const step = 'richten.belangen';
    const notes = addNotes(step, 5);
    for (const pos of [
      { r: 0.99, t: 0.5 },
      { r: 0.02, t: 0.98 },
    ]) {
      const spot = spotNear(step, notes, pos);
      expect(fitsInSlice(step, slicePositionToPoint(step, spot), stepNoteScale(step, 6))).toBe(true);
    }
  });
});
