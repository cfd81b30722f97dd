import { PHASES, type PhaseVisit } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { compareRounds } from './rounds-compared.ts';

const MINUTE = 60_000;

/** Round after round, ten minutes a phase, up to `rounds` rounds and `phases` phases into the last. */
function circle(rounds: number, phases: number): PhaseVisit[] {
  const visits: PhaseVisit[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const phase of PHASES.slice(0, round === rounds ? phases : PHASES.length)) {
      visits.push({ phase: phase.id, round, at: visits.length * 10 * MINUTE });
    }
  }
  return visits;
}

let made = 0;
const notes = (step: string, round: number, count: number) =>
  Array.from({ length: count }, () => ({ id: `n${made++}`, step, round, createdAt: 0 }));

describe('the rounds compared for the Steps panel', () => {
  it('has nothing to compare while the group is in round 1', () => {
    expect(compareRounds(circle(1, 4), notes('verkennen.opgave', 1, 2), 50 * MINUTE)).toBeNull();
  });

  it('gives a bar per round for each step, as tall as its notes against the most, with time and state', () => {
    const board = [
      ...notes('verkennen.eigen-situatie', 1, 4),
      ...notes('verkennen.eigen-situatie', 2, 1),
      ...notes('verkennen.partners', 1, 2),
    ];
    const compared = compareRounds(circle(2, 2), board, 55 * MINUTE);
    expect(compared?.current).toBe(2);
    expect(compared?.phases.map((phase) => phase.phase)).toEqual(PHASES.map((phase) => phase.id));
    const [own, partners] = compared?.phases[0]?.steps ?? [];
    expect(own?.bars).toEqual([
      { round: 1, notes: 4, time: 10 * MINUTE, state: 'visited', share: 1, lapse: false },
      { round: 2, notes: 1, time: 10 * MINUTE, state: 'visited', share: 0.25, lapse: false },
    ]);
    expect(partners?.bars.map(({ state, share, lapse }) => [state, share, lapse])).toEqual([
      ['visited', 0.5, false],
      ['skipped', 0, true],
    ]);
    expect(partners?.lapses).toEqual([2]);
    const richten = compared?.phases[1]?.steps[0]?.bars.map(({ state, time }) => [state, time]);
    expect(richten).toEqual([
      ['skipped', 10 * MINUTE],
      ['open', 5 * MINUTE],
    ]);
    expect(compared?.phases[2]?.steps[0]?.bars[1]?.state).toBe('ahead');
  });

  it('flags a step skipped round after round', () => {
    const board = [...notes('verkennen.partners', 1, 1), ...notes('verkennen.eigen-situatie', 3, 1)];
    const compared = compareRounds(circle(3, 2), board, 95 * MINUTE);
    const partners = compared?.phases[0]?.steps[1];
    expect(partners?.bars.map((bar) => bar.state)).toEqual(['visited', 'skipped', 'skipped']);
    expect(partners?.keepsBeingSkipped).toBe(true);
    expect(compared?.keepsBeingSkipped).toContain('verkennen.partners');
    expect(compared?.keepsBeingSkipped).not.toContain('verkennen.eigen-situatie');
  });
});
