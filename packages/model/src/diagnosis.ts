import type { Note } from './note.ts';
import { currentPosition, type PhasePosition, type PhaseVisit } from './phase-history.ts';
import { getPhase, isStepId, PHASES, type PhaseId, type StepId } from './phases.ts';
import { DEFAULT_STEP_STATUS, isStepStatus, type StepStatus } from './step-status.ts';
import { parseTimestamp } from './time.ts';

/**
 * The diagnosis instrument and analysis frame of the model (DESIGN.md §1): where the group has been, how long,
 * what it produced, and which steps and phases it passed over. Pure, so that the live panel, the replay (at
 * any point of the log) and the report all compute the same answer from the same inputs.
 */
export interface DiagnosisInput {
  /** The phase history, oldest first, as readPhaseHistory returns it. */
  history: readonly PhaseVisit[];
  /** Steps without an entry count as open. */
  stepStatuses: Readonly<Partial<Record<StepId, StepStatus>>>;
  /** Only the step of each note is used; notes on unknown steps are ignored. */
  notes: readonly Pick<Note, 'step'>[];
  /** The end of the last history entry, in ms since the epoch. */
  now: number;
}

export interface StepDiagnosis {
  step: StepId;
  phase: PhaseId;
  /** Whether the group has been in this step's phase (steps are not visited one by one). */
  visited: boolean;
  notes: number;
  status: StepStatus;
  /** Its phase has been left at least once while the step is still open. */
  skipped: boolean;
}

export interface PhaseDiagnosis {
  phase: PhaseId;
  visited: boolean;
  /** How often the group came into this phase; staying while a duplicate entry is recorded counts once. */
  visits: number;
  /** The rounds in which the group was in this phase, ascending. */
  rounds: number[];
  /** Milliseconds spent in this phase over all visits. */
  timeSpent: number;
  notes: number;
  /** The group was here and later moved elsewhere. */
  left: boolean;
  /** See diagnose: the circle came round to this phase again and moved past it without stopping. */
  neverReturnedTo: boolean;
  steps: StepDiagnosis[];
}

export interface Diagnosis {
  started: boolean;
  current: PhasePosition;
  /** All four phases, clockwise. */
  phases: PhaseDiagnosis[];
  /** Ids of the skipped steps, clockwise. */
  skippedSteps: StepId[];
  /** Ids of the phases never returned to, clockwise. */
  phasesNeverReturnedTo: PhaseId[];
}

/** A position as one number that grows clockwise along the whole session: round 1 Verkennen is 0. */
function progress(round: number, phase: PhaseId): number {
  return (round - 1) * PHASES.length + getPhase(phase).index;
}

function samePosition(a: PhasePosition, b: PhasePosition): boolean {
  return a.phase === b.phase && a.round === b.round;
}

/**
 * Diagnoses a session from its history, step statuses and notes.
 *
 * - Each history entry lasts until the next entry's time (the last one until `now`); time going backwards
 *   between entries (clocks of two facilitators) counts as zero.
 * - A step is *skipped* when its phase was left (some history entry of the phase is followed by an entry at
 *   another position) and the step is open now. Statuses are not historic, so a step ticked off afterwards,
 *   e.g. on returning to its phase, is no longer skipped: the frame asks what is missing now.
 * - A phase is *never returned to* when the group was in it, last in round r, and afterwards went round the
 *   circle past this phase's place in round r + 1 (or further) without stopping there. A later round that
 *   has not yet reached the phase's place does not count: the group may still come back to it.
 */
export function diagnose(input: DiagnosisInput): Diagnosis {
  const now = parseTimestamp(input.now, 'now');
  const { history } = input;

  // Entries before the final run of entries at the current position are the ones the group has left.
  let firstOfFinalRun = history.length;
  const last = history.at(-1);
  while (last && firstOfFinalRun > 0) {
    const previous = history[firstOfFinalRun - 1] as PhaseVisit;
    if (!samePosition(previous, last)) break;
    firstOfFinalRun--;
  }

  const timeSpent = new Map<PhaseId, number>();
  const visits = new Map<PhaseId, number>();
  const rounds = new Map<PhaseId, Set<number>>();
  const left = new Set<PhaseId>();
  let furthest = -1;
  history.forEach((entry, index) => {
    const end = history[index + 1]?.at ?? now;
    timeSpent.set(entry.phase, (timeSpent.get(entry.phase) ?? 0) + Math.max(0, end - entry.at));
    const previous = history[index - 1];
    if (!previous || !samePosition(previous, entry))
      visits.set(entry.phase, (visits.get(entry.phase) ?? 0) + 1);
    rounds.set(entry.phase, (rounds.get(entry.phase) ?? new Set()).add(entry.round));
    if (index < firstOfFinalRun) left.add(entry.phase);
    furthest = Math.max(furthest, progress(entry.round, entry.phase));
  });

  const noteCounts = new Map<StepId, number>();
  for (const note of input.notes) {
    if (isStepId(note.step)) noteCounts.set(note.step, (noteCounts.get(note.step) ?? 0) + 1);
  }

  const phases = PHASES.map((phase): PhaseDiagnosis => {
    const phaseRounds = [...(rounds.get(phase.id) ?? [])].sort((a, b) => a - b);
    const lastRound = phaseRounds.at(-1);
    const visited = lastRound !== undefined;
    const steps = phase.steps.map((step): StepDiagnosis => {
      const stored = input.stepStatuses[step.id];
      const status = isStepStatus(stored) ? stored : DEFAULT_STEP_STATUS;
      return {
        step: step.id,
        phase: phase.id,
        visited,
        notes: noteCounts.get(step.id) ?? 0,
        status,
        skipped: left.has(phase.id) && status === 'open',
      };
    });
    return {
      phase: phase.id,
      visited,
      visits: visits.get(phase.id) ?? 0,
      rounds: phaseRounds,
      timeSpent: timeSpent.get(phase.id) ?? 0,
      notes: steps.reduce((sum, step) => sum + step.notes, 0),
      left: left.has(phase.id),
      neverReturnedTo: lastRound !== undefined && furthest > progress(lastRound + 1, phase.id),
      steps,
    };
  });

  return {
    started: history.length > 0,
    current: currentPosition(history),
    phases,
    skippedSteps: phases.flatMap((phase) =>
      phase.steps.filter((step) => step.skipped).map((step) => step.step),
    ),
    phasesNeverReturnedTo: phases.filter((phase) => phase.neverReturnedTo).map((phase) => phase.phase),
  };
}
