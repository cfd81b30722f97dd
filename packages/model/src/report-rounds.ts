import type { Note } from './note.ts';
import type { PhaseVisit } from './phase-history.ts';
import { type Label, PHASES, type PhaseId, STEPS, type StepId } from './phases.ts';
import {
  diagnoseRounds,
  type RoundSpan,
  type RoundsDiagnosis,
  roundChanges,
  type StepAcrossRounds,
  type StepRoundState,
} from './round-diagnosis.ts';

/**
 * The rounds of the circle as the report tells them: a section per round, what changed from one round to the
 * next, and the steps compared across the rounds.
 *
 * A meeting's report keeps to that meeting where it can: its round sections are the rounds the meeting touched,
 * with the meeting's own notes and time, and its changes list the notes written in the meeting. How a step
 * fared in a round (visited, skipped) and the comparison across rounds read the whole board as it stood when
 * the meeting ended, because a round is compared with the one before, which mostly lies in an earlier meeting.
 */

export interface ReportRound extends RoundSpan {
  /** The time spent in each phase in this round, clockwise. */
  phases: { phase: PhaseId; time: number }[];
  /** The twelve steps, clockwise. */
  steps: ReportRoundStep[];
  /** The notes of this round, the carried ones included. */
  notes: number;
  /** The notes carried into this round from earlier ones. */
  carried: number;
  /** The steps skipped in this round, clockwise. */
  skippedSteps: StepId[];
}

export interface ReportRoundStep {
  step: StepId;
  state: StepRoundState;
  /** Its notes of this round: `added` plus `carried`. */
  notes: number;
  added: number;
  carried: number;
}

/** What changed in one round against the round before. */
export interface ReportRoundChanges<N> {
  /** 2 or later. */
  round: number;
  /** Per step clockwise; steps where nothing changed are left out. */
  steps: ReportStepChanges<N>[];
}

export interface ReportStepChanges<N> {
  step: StepId;
  /** Written in the round. */
  added: N[];
  /** Carried into the round; each says the round it came from. */
  carried: N[];
  /** Notes of the round before in this step that nobody carried into this round, once it reached the step. */
  dropped: N[];
}

/** The steps compared across the rounds, per phase: the rows of a table whose columns are the rounds. */
export interface ReportAcrossRounds {
  /** 1 up to the round the group is in (was in when the meeting ended, for a meeting's report). */
  rounds: number[];
  /** The four phases, clockwise, each with its three steps. */
  phases: { phase: PhaseId; label: Label; steps: ReportStepAcrossRounds[] }[];
  /** The steps skipped round after round, clockwise. */
  keepsBeingSkipped: StepId[];
}

export interface ReportStepAcrossRounds extends StepAcrossRounds {
  label: Label;
}

export interface ReportRoundsInput<N> {
  /** The board's whole phase history and all its notes. */
  history: readonly PhaseVisit[];
  notes: readonly Note[];
  /** The moment the report describes (the end of its meeting for a meeting's report). */
  end: number;
  /** For a meeting's report: the meeting's phase history and notes. */
  meeting?: { history: readonly PhaseVisit[]; notes: readonly Note[] };
  /** A note as the report gives it. */
  reportNote: (note: Note) => N;
}

export interface ReportRoundsPart<N> {
  rounds: ReportRound[];
  changes: ReportRoundChanges<N>[];
  acrossRounds: ReportAcrossRounds;
}

/** The report's rounds: reads its input and writes nothing. */
export function reportRounds<N>(input: ReportRoundsInput<N>): ReportRoundsPart<N> {
  const { end } = input;
  const history = input.history.filter((visit) => visit.at <= end);
  const notes = input.notes.filter((note) => note.createdAt <= end);
  const whole = diagnoseRounds({ history, notes, now: end });
  const own = input.meeting ? diagnoseRounds({ ...input.meeting, now: end }) : whole;
  const touched = own.rounds.filter((span) => !input.meeting || span.from !== null);
  const written = new Set((input.meeting?.notes ?? notes).map((note) => note.id));
  const stays =
    input.meeting && new Set(input.meeting.history.map((visit) => `${visit.phase}#${visit.round}`));
  return {
    rounds: touched.map((span) => roundSection(span, whole, own)),
    changes: touched
      .filter((span) => span.round >= 2)
      .map((span) => changesOf(span.round, { notes, history, written, whole, stays }, input.reportNote)),
    acrossRounds: {
      rounds: whole.rounds.map((span) => span.round),
      phases: PHASES.map((phase) => ({
        phase: phase.id,
        label: { nl: phase.label.nl, en: phase.label.en },
        steps: whole.steps
          .filter((step) => step.phase === phase.id)
          .map((step, index) => {
            const { nl, en } = (phase.steps[index] as (typeof phase.steps)[number]).label;
            return { ...step, label: { nl, en } };
          }),
      })),
      keepsBeingSkipped: whole.keepsBeingSkipped,
    },
  };
}

function roundSection(span: RoundSpan, whole: RoundsDiagnosis, own: RoundsDiagnosis): ReportRound {
  const index = span.round - 1;
  const steps = STEPS.map((step, stepIndex): ReportRoundStep => {
    const counted = own.steps[stepIndex]?.rounds[index];
    return {
      step: step.id,
      state: whole.steps[stepIndex]?.rounds[index]?.state ?? 'ahead',
      notes: counted?.notes ?? 0,
      added: counted?.added ?? 0,
      carried: counted?.carried ?? 0,
    };
  });
  return {
    ...span,
    phases: PHASES.map((phase) => ({
      phase: phase.id,
      // Steps have no clock of their own: each step of a phase holds the time of its phase.
      time: own.steps.find((step) => step.phase === phase.id)?.rounds[index]?.time ?? 0,
    })),
    steps,
    notes: steps.reduce((sum, step) => sum + step.notes, 0),
    carried: steps.reduce((sum, step) => sum + step.carried, 0),
    skippedSteps: steps.filter((step) => step.state === 'skipped').map((step) => step.step),
  };
}

interface ChangesInput {
  notes: readonly Note[];
  history: readonly PhaseVisit[];
  /** The notes whose writing counts: a meeting's own, for a meeting's report. */
  written: ReadonlySet<string>;
  whole: RoundsDiagnosis;
  /** For a meeting's report, the phases of each round it stayed in (`phase#round`). */
  stays: ReadonlySet<string> | undefined;
}

/**
 * The changes of `round`. Notes are dropped only once the round has reached their step: until then they may
 * still be carried along. A meeting's report tells the notes dropped in the phases it stayed in.
 */
function changesOf<N>(
  round: number,
  { notes, history, written, whole, stays }: ChangesInput,
  reportNote: (note: Note) => N,
): ReportRoundChanges<N> {
  const reached = new Set(
    whole.steps
      .filter((step) => step.rounds[round - 1]?.state !== 'ahead')
      .filter((step) => !stays || stays.has(`${step.phase}#${round}`))
      .map((step) => step.step),
  );
  const steps = roundChanges(notes, history, round).flatMap((changes): ReportStepChanges<N>[] => {
    const added = changes.added.filter((note) => written.has(note.id));
    const carried = changes.carried.filter(({ note }) => written.has(note.id)).map(({ note }) => note);
    const dropped = reached.has(changes.step) ? changes.dropped : [];
    if (added.length + carried.length + dropped.length === 0) return [];
    return [
      {
        step: changes.step,
        added: added.map(reportNote),
        carried: carried.map(reportNote),
        dropped: dropped.map(reportNote),
      },
    ];
  });
  return { round, steps };
}
