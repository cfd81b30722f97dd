import { describe, expect, it } from 'vitest';
import { type Point, slicePositionToPoint } from './geometry.ts';
import { fitsInSlice, NOTE_SIZE, noteRect } from './note-area.ts';
import { STEPS } from './phases.ts';
import { NOTE_SCALES, slotCount, stepNoteScale, stepSlots, tidyStep } from './step-layout.ts';

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

  it('knows how many slots every step has at every size without working them out', () => {
    for (const step of STEPS) {
      for (const scale of NOTE_SCALES) {
        expect(slotCount(step.id, scale), `${step.id}@${scale}`).toBe(stepSlots(step.id, scale).length);
      }
    }
  });

  it('uses only the sizes it names', () => {
    for (let count = 1; count <= MOST; count++) {
      expect(NOTE_SCALES).toContain(stepNoteScale('richten.ambitie', count));
    }
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
