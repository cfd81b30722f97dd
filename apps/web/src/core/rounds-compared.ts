import {
  diagnoseRounds,
  type Note,
  PHASES,
  type PhaseId,
  type PhaseVisit,
  type StepId,
  type StepRoundState,
} from '@kompas/model';

/**
 * The rounds of the circle compared, as the Steps panel draws them: per phase, per step, a bar per round for its
 * notes, with the time and how the step fared. Only from round 2 on: before that there is nothing to compare.
 */
export interface RoundsCompared {
  /** The round the group is in. */
  current: number;
  /** The four phases, clockwise, each with its three steps. */
  phases: { phase: PhaseId; steps: StepRounds[] }[];
  /** The steps skipped round after round, clockwise. */
  keepsBeingSkipped: StepId[];
}

export interface StepRounds {
  step: StepId;
  /** Round 1 up to the current round. */
  bars: RoundBar[];
  /** Rounds in which the step was skipped right after a round that visited it. */
  lapses: number[];
  keepsBeingSkipped: boolean;
}

export interface RoundBar {
  round: number;
  notes: number;
  /** Milliseconds the group spent in the step's phase in the round. */
  time: number;
  state: StepRoundState;
  /** The bar's height against the tallest of the comparison (the most notes of a step in a round), 0..1. */
  share: number;
  /** Skipped in this round after the round before visited it. */
  lapse: boolean;
}

/**
 * Compares the rounds of a board from its phase history and its notes (all of them: archived and dimmed ones
 * too); null while the group is in round 1.
 */
export function compareRounds(
  history: readonly PhaseVisit[],
  notes: readonly Pick<Note, 'id' | 'step' | 'round' | 'carriedFrom' | 'createdAt'>[],
  now: number,
): RoundsCompared | null {
  const diagnosis = diagnoseRounds({ history, notes, now });
  if (diagnosis.current < 2) return null;
  const most = Math.max(1, ...diagnosis.steps.flatMap((step) => step.rounds.map((inRound) => inRound.notes)));
  return {
    current: diagnosis.current,
    phases: PHASES.map((phase) => ({
      phase: phase.id,
      steps: diagnosis.steps
        .filter((step) => step.phase === phase.id)
        .map(
          (step): StepRounds => ({
            step: step.step,
            bars: step.rounds.map(({ round, notes: count, time, state }) => ({
              round,
              notes: count,
              time,
              state,
              share: count / most,
              lapse: step.lapses.includes(round),
            })),
            lapses: step.lapses,
            keepsBeingSkipped: step.keepsBeingSkipped,
          }),
        ),
    })),
    keepsBeingSkipped: diagnosis.keepsBeingSkipped,
  };
}
