import { describe, expect, it } from 'vitest';
import type { ReplayEvent } from './replay-events.ts';
import { roundLabel, roundStarts } from './replay-round-marks.ts';

const phase = (at: number, phaseId: ReplayEvent['phase'], round: number): ReplayEvent => ({
  at,
  kind: 'phase',
  actor: 'user-fay',
  phase: phaseId,
  round,
});

describe('the round marks on the replay’s timeline', () => {
  it('marks the first visit of each round from round 2 on', () => {
    const events: ReplayEvent[] = [
      phase(1_000, 'verkennen', 1),
      { at: 1_500, kind: 'note-added', actor: 'user-ans', text: 'Idee' },
      phase(2_000, 'aan-de-slag', 1),
      phase(3_000, 'verkennen', 2),
      // The group goes back into round 1 and on again: round 2 began at its first visit.
      phase(4_000, 'aan-de-slag', 1),
      phase(5_000, 'verkennen', 2),
      { at: 5_500, kind: 'meeting', actor: 'user-fay', meeting: 2 },
      phase(6_000, 'richten', 2),
      phase(7_000, 'verkennen', 3),
    ];
    expect(roundStarts(events)).toEqual([
      { round: 2, at: 3_000 },
      { round: 3, at: 7_000 },
    ]);
  });

  it('marks nothing in a session of one round', () => {
    expect(roundStarts([phase(1_000, 'verkennen', 1), phase(2_000, 'richten', 1)])).toEqual([]);
  });

  it('names a round of the circle', () => {
    expect(roundLabel(2)).toBe('Round 2');
  });
});
