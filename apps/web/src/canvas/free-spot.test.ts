import { STEPS } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { freeSpot } from './free-spot.ts';

const first = STEPS[0]?.id ?? '';
const second = STEPS[1]?.id ?? '';

describe('freeSpot', () => {
  it('starts in the middle of the first step of an empty board', () => {
    expect(freeSpot([])).toEqual({ step: first, pos: { r: 0.5, t: 0.5 } });
  });

  it('picks the step with the fewest notes', () => {
    const notes = STEPS.filter((step) => step.id !== second).map((step) => ({
      step: step.id,
      pos: { r: 0.5, t: 0.5 },
    }));
    expect(freeSpot(notes).step).toBe(second);
  });

  it('avoids notes already in the preferred step', () => {
    const taken = { step: first, pos: { r: 0.5, t: 0.5 } };
    const spot = freeSpot([taken], first);
    expect(spot.step).toBe(first);
    expect(spot.pos).not.toEqual(taken.pos);
  });
});
