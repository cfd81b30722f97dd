import { describe, expect, it } from 'vitest';
import type { PhaseVisit } from './phase-history.ts';
import type { PhaseId, StepId } from './phases.ts';
import { diagnoseRounds, roundChanges } from './round-diagnosis.ts';

const MINUTE = 60_000;

/** A history that stops at each of `phases` in turn, `minutes` apart, going round the circle from round 1. */
function history(...stops: [PhaseId, number, number][]): PhaseVisit[] {
  return stops.map(([phase, round, minute]) => ({ phase, round, at: minute * MINUTE }));
}

let counter = 0;
function note(step: StepId, round: number, extra: { id?: string; carriedFrom?: string } = {}) {
  counter++;
  return { id: extra.id ?? `n${counter}`, step, round, createdAt: 0, carriedFrom: extra.carriedFrom };
}

/** Round 1 through all four phases, ten minutes each; round 2 stops in Verkennen and Richten, skips Inrichten. */
const TWO_ROUNDS = history(
  ['verkennen', 1, 0],
  ['richten', 1, 10],
  ['inrichten', 1, 20],
  ['aan-de-slag', 1, 30],
  ['verkennen', 2, 40],
  ['richten', 2, 45],
  ['aan-de-slag', 2, 60],
);

describe('diagnoseRounds', () => {
  it('counts each step’s notes and time per round, and tells visited from skipped', () => {
    const notes = [
      note('verkennen.partners', 1, { id: 'p1' }),
      note('verkennen.partners', 1, { id: 'p2' }),
      note('verkennen.partners', 2, { carriedFrom: 'p1' }),
      note('verkennen.partners', 2),
      note('inrichten.vorm', 1, { id: 'v1' }),
      note('richten.belangen', 1),
    ];
    const diagnosis = diagnoseRounds({ history: TWO_ROUNDS, notes, now: 70 * MINUTE });
    expect(diagnosis.current).toBe(2);
    expect(diagnosis.rounds).toEqual([
      { round: 1, from: 0, to: 40 * MINUTE, time: 40 * MINUTE },
      { round: 2, from: 40 * MINUTE, to: 70 * MINUTE, time: 30 * MINUTE },
    ]);
    const partners = diagnosis.steps.find((step) => step.step === 'verkennen.partners');
    expect(partners?.rounds).toEqual([
      { round: 1, notes: 2, added: 2, carried: 0, dropped: 0, time: 10 * MINUTE, state: 'visited' },
      { round: 2, notes: 2, added: 1, carried: 1, dropped: 1, time: 5 * MINUTE, state: 'visited' },
    ]);
    const vorm = diagnosis.steps.find((step) => step.step === 'inrichten.vorm');
    expect(vorm?.rounds.map((inRound) => inRound.state)).toEqual(['visited', 'skipped']);
    expect(vorm?.rounds[1]).toMatchObject({ notes: 0, dropped: 1, time: 0 });
    expect(vorm?.lapses).toEqual([2]);
    // Belangen: visited in round 1; in round 2 the group stopped in Richten but wrote nothing there.
    const belangen = diagnosis.steps.find((step) => step.step === 'richten.belangen');
    expect(belangen?.rounds.map((inRound) => inRound.state)).toEqual(['visited', 'skipped']);
    // Aan de slag is where the group is: its empty steps are open, not skipped.
    const realiseren = diagnosis.steps.find((step) => step.step === 'aan-de-slag.realiseren');
    expect(realiseren?.rounds.map((inRound) => inRound.state)).toEqual(['skipped', 'open']);
  });

  it('flags a step skipped in the last two rounds that got past it, and no step skipped once', () => {
    const three = [
      ...TWO_ROUNDS,
      ...history(['verkennen', 3, 80], ['richten', 3, 90], ['inrichten', 3, 100], ['aan-de-slag', 3, 110]),
    ];
    const notes = [
      note('inrichten.ontwerp', 1),
      note('inrichten.vorm', 1),
      note('inrichten.vorm', 3),
      note('verkennen.opgave', 1),
    ];
    const diagnosis = diagnoseRounds({ history: three, notes, now: 120 * MINUTE });
    const ontwerp = diagnosis.steps.find((step) => step.step === 'inrichten.ontwerp');
    expect(ontwerp?.rounds.map((inRound) => inRound.state)).toEqual(['visited', 'skipped', 'skipped']);
    expect(ontwerp).toMatchObject({ skippedStreak: 2, keepsBeingSkipped: true, lapses: [2] });
    const vorm = diagnosis.steps.find((step) => step.step === 'inrichten.vorm');
    expect(vorm).toMatchObject({ skippedStreak: 0, keepsBeingSkipped: false, lapses: [2] });
    expect(diagnosis.keepsBeingSkipped).toContain('inrichten.ontwerp');
    expect(diagnosis.keepsBeingSkipped).toContain('verkennen.opgave');
    expect(diagnosis.keepsBeingSkipped).not.toContain('inrichten.vorm');
  });

  it('does not count a round that has not reached a step yet', () => {
    const early = history(['verkennen', 1, 0], ['richten', 1, 10]);
    const diagnosis = diagnoseRounds({ history: early, notes: [], now: 15 * MINUTE });
    const states = (id: StepId) =>
      diagnosis.steps.find((step) => step.step === id)?.rounds.map((r) => r.state);
    expect(states('verkennen.partners')).toEqual(['skipped']);
    expect(states('richten.belangen')).toEqual(['open']);
    expect(states('inrichten.vorm')).toEqual(['ahead']);
    expect(diagnosis.keepsBeingSkipped).toEqual([]);
  });

  it('reads a session that has not started as round 1 with everything ahead', () => {
    const diagnosis = diagnoseRounds({ history: [], notes: [note('verkennen.partners', 1)], now: 0 });
    expect(diagnosis.rounds).toEqual([{ round: 1, from: null, to: null, time: 0 }]);
    expect(new Set(diagnosis.steps.map((step) => step.rounds[0]?.state))).toEqual(new Set(['ahead']));
  });
});

describe('roundChanges', () => {
  it('lists per step the notes added, carried over and dropped in a round', () => {
    const notes = [
      note('verkennen.partners', 1, { id: 'kept' }),
      note('verkennen.partners', 1, { id: 'left' }),
      note('verkennen.partners', 2, { id: 'carried', carriedFrom: 'kept' }),
      note('verkennen.partners', 2, { id: 'new' }),
      note('inrichten.vorm', 1, { id: 'vorm' }),
    ];
    const changes = roundChanges(notes, TWO_ROUNDS, 2);
    expect(changes.map((step) => step.step)).toEqual(['verkennen.partners', 'inrichten.vorm']);
    const [partners, vorm] = changes;
    expect(partners?.added.map((n) => n.id)).toEqual(['new']);
    expect(partners?.carried.map(({ note, from }) => [note.id, from?.id])).toEqual([['carried', 'kept']]);
    expect(partners?.dropped.map((n) => n.id)).toEqual(['left']);
    expect(vorm?.dropped.map((n) => n.id)).toEqual(['vorm']);
    expect(roundChanges(notes, TWO_ROUNDS, 1).flatMap((step) => step.dropped)).toEqual([]);
  });
});
