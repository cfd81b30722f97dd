import { describe, expect, it } from 'vitest';
import { type DiagnosisInput, diagnose } from './diagnosis.ts';
import type { PhaseVisit } from './phase-history.ts';
import { type PhaseId, STEPS, type StepId } from './phases.ts';
import type { StepStatus } from './step-status.ts';

const MINUTE = 60_000;

/** A history from [phase, round, minute] triples, starting at minute 0. */
function history(...entries: [PhaseId, number, number][]): PhaseVisit[] {
  return entries.map(([phase, round, minute]) => ({ phase, round, at: minute * MINUTE }));
}

function allSteps(status: StepStatus): Record<StepId, StepStatus> {
  return Object.fromEntries(STEPS.map((step) => [step.id, status]));
}

function input(overrides: Partial<DiagnosisInput>): DiagnosisInput {
  return { history: [], stepStatuses: {}, notes: [], now: 0, ...overrides };
}

const FULL_ROUND = history(
  ['verkennen', 1, 0],
  ['richten', 1, 10],
  ['inrichten', 1, 25],
  ['aan-de-slag', 1, 45],
);

describe('diagnose', () => {
  it('diagnoses a fresh board: nothing visited, nothing flagged, every step open', () => {
    const diagnosis = diagnose(input({ now: 5 * MINUTE }));
    expect(diagnosis.started).toBe(false);
    expect(diagnosis.current).toEqual({ phase: 'verkennen', round: 1 });
    expect(diagnosis.phases.map((phase) => phase.phase)).toEqual([
      'verkennen',
      'richten',
      'inrichten',
      'aan-de-slag',
    ]);
    for (const phase of diagnosis.phases) {
      expect(phase).toMatchObject({
        visited: false,
        visits: 0,
        timeSpent: 0,
        notes: 0,
        neverReturnedTo: false,
      });
      for (const step of phase.steps)
        expect(step).toMatchObject({ visited: false, status: 'open', skipped: false });
    }
    expect(diagnosis.skippedSteps).toEqual([]);
    expect(diagnosis.phasesNeverReturnedTo).toEqual([]);
  });

  it('diagnoses a linear run through all four phases with every step done', () => {
    const diagnosis = diagnose(
      input({
        history: FULL_ROUND,
        stepStatuses: allSteps('done'),
        notes: [{ step: 'verkennen.partners' }, { step: 'verkennen.partners' }, { step: 'richten.ambitie' }],
        now: 60 * MINUTE,
      }),
    );
    expect(diagnosis.current).toEqual({ phase: 'aan-de-slag', round: 1 });
    expect(diagnosis.phases.map((phase) => [phase.phase, phase.visited, phase.timeSpent / MINUTE])).toEqual([
      ['verkennen', true, 10],
      ['richten', true, 15],
      ['inrichten', true, 20],
      ['aan-de-slag', true, 15],
    ]);
    expect(diagnosis.phases.map((phase) => phase.left)).toEqual([true, true, true, false]);
    expect(diagnosis.phases[0]?.notes).toBe(2);
    expect(diagnosis.phases[0]?.steps[1]).toMatchObject({
      step: 'verkennen.partners',
      notes: 2,
      status: 'done',
    });
    expect(diagnosis.skippedSteps).toEqual([]);
    expect(diagnosis.phasesNeverReturnedTo).toEqual([]);
  });

  it('flags the open steps of a phase that was left, not those of the current phase', () => {
    const diagnosis = diagnose(
      input({
        history: history(['verkennen', 1, 0], ['richten', 1, 10]),
        stepStatuses: { 'verkennen.eigen-situatie': 'done', 'verkennen.partners': 'in-progress' },
        now: 20 * MINUTE,
      }),
    );
    expect(diagnosis.skippedSteps).toEqual(['verkennen.opgave']);
    const richten = diagnosis.phases[1];
    expect(richten?.steps.map((step) => [step.status, step.skipped])).toEqual([
      ['open', false],
      ['open', false],
      ['open', false],
    ]);
  });

  it('flags a phase a second round went past without stopping there', () => {
    const diagnosis = diagnose(
      input({
        history: [
          ...FULL_ROUND,
          ...history(['verkennen', 2, 60], ['inrichten', 2, 70], ['aan-de-slag', 2, 80]),
        ],
        stepStatuses: allSteps('done'),
        now: 90 * MINUTE,
      }),
    );
    expect(diagnosis.phasesNeverReturnedTo).toEqual(['richten']);
    expect(diagnosis.phases.map((phase) => phase.rounds)).toEqual([[1, 2], [1], [1, 2], [1, 2]]);
  });

  it('does not flag phases a new round has not reached yet', () => {
    const diagnosis = diagnose(
      input({ history: [...FULL_ROUND, ...history(['verkennen', 2, 60])], now: 70 * MINUTE }),
    );
    expect(diagnosis.current).toEqual({ phase: 'verkennen', round: 2 });
    expect(diagnosis.phasesNeverReturnedTo).toEqual([]);
  });

  it('sums time spent across visits, counts visits and ignores clocks going backwards', () => {
    const diagnosis = diagnose(
      input({
        history: history(
          ['verkennen', 1, 0],
          ['richten', 1, 10],
          ['verkennen', 1, 15],
          ['richten', 1, 20],
          ['richten', 1, 22],
          ['inrichten', 1, 21],
        ),
        now: 31 * MINUTE,
      }),
    );
    const [verkennen, richten, inrichten] = diagnosis.phases;
    expect(verkennen).toMatchObject({ timeSpent: 15 * MINUTE, visits: 2 });
    expect(richten).toMatchObject({ timeSpent: 7 * MINUTE, visits: 2 });
    expect(inrichten).toMatchObject({ timeSpent: 10 * MINUTE, visits: 1 });
  });

  it('ignores notes on unknown steps and rejects an invalid now', () => {
    const diagnosis = diagnose(input({ notes: [{ step: 'elsewhere' }] }));
    expect(diagnosis.phases.every((phase) => phase.notes === 0)).toBe(true);
    expect(() => diagnose(input({ now: Number.NaN }))).toThrow(/now/);
  });
});
