import {
  fitsInSlice,
  notesCollide,
  placeInSlice,
  STEPS,
  slicePositionToPoint,
  stepSlots,
} from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { freeSpot, spotInStep } from './free-spot.ts';

const first = STEPS[0]?.id ?? '';
const second = STEPS[1]?.id ?? '';

describe('freeSpot', () => {
  it('starts in the first slot of the first step of an empty board', () => {
    expect(freeSpot([])).toEqual({ step: first, pos: stepSlots(first, 1)[0]?.pos });
  });

  it('picks the step with the fewest notes', () => {
    const notes = STEPS.filter((step) => step.id !== second).map((step) => ({
      id: step.id,
      step: step.id,
      pos: { r: 0.5, t: 0.5 },
    }));
    expect(freeSpot(notes).step).toBe(second);
  });

  it('puts a note beside those already in the step, not onto them', () => {
    const taken = stepSlots(first, 1)
      .slice(0, 3)
      .map((slot, i) => ({ id: `n${i}`, step: first, pos: slot.pos }));
    const spot = freeSpot(taken, first);
    const centre = slicePositionToPoint(first, spot.pos);
    const others = taken.map((note) => placeInSlice(first, note.pos, 1));
    expect(spot.step).toBe(first);
    expect(others.filter((other) => notesCollide(other, centre, 1))).toEqual([]);
  });
});

describe('spotInStep', () => {
  it('keeps a note started by the step label or an edge wholly inside the slice', () => {
    for (const pos of [
      { r: 1, t: 0.5 },
      { r: 0.5, t: 0 },
      { r: 0, t: 1 },
    ]) {
      const spot = spotInStep([], second, pos);
      expect(fitsInSlice(second, slicePositionToPoint(second, spot), 1)).toBe(true);
    }
  });

  it('leaves a note where it was started when it fits there', () => {
    const spot = spotInStep([], second, { r: 0.6, t: 0.5 });
    expect(spot.r).toBeCloseTo(0.6, 6);
    expect(spot.t).toBeCloseTo(0.5, 6);
  });
});
