import type { Note } from './note.ts';
import type { PhaseVisit } from './phase-history.ts';
import { currentPosition } from './phase-history.ts';
import { getPhase, PHASES, type PhaseId, STEPS, type StepId } from './phases.ts';
import { noteRound } from './rounds.ts';
import { parseTimestamp } from './time.ts';

/**
 * How a step fared in one round of the circle:
 * - `visited`: the group stopped in its phase in that round and the step holds notes of that round;
 * - `skipped`: the round went past its phase (or the group left the phase) and the step holds none;
 * - `open`: the group is in its phase now and has not written in it yet this round;
 * - `ahead`: the round has not reached its phase yet.
 */
export type StepRoundState = 'visited' | 'skipped' | 'open' | 'ahead';

export interface StepInRound {
  round: number;
  /** The step's notes of this round, the carried ones included. */
  notes: number;
  /** Written in this round. */
  added: number;
  /** Carried into this round from an earlier one. */
  carried: number;
  /** Notes of the round before in this step that were not carried into this one; 0 in round 1. */
  dropped: number;
  /** Milliseconds the group spent in the step's phase in this round: steps have no clock of their own. */
  time: number;
  state: StepRoundState;
}

export interface StepAcrossRounds {
  step: StepId;
  phase: PhaseId;
  /** Round 1 up to the round the group is in. */
  rounds: StepInRound[];
  /** Rounds in which the step was skipped right after a round in which it was visited. */
  lapses: number[];
  /** How many of the latest rounds that got past the step skipped it, one after the other. */
  skippedStreak: number;
  /** Skipped round after round: in the last two rounds (at least) that got past it. */
  keepsBeingSkipped: boolean;
}

export interface RoundSpan {
  round: number;
  /** When the group first came into the round; null before the session started. */
  from: number | null;
  /** When the group last left the round, or `now` for the round it is in. */
  to: number | null;
  /** Milliseconds spent in the round. */
  time: number;
}

export interface RoundsDiagnosis {
  /** The round the group is in. */
  current: number;
  rounds: RoundSpan[];
  /** The twelve steps, clockwise. */
  steps: StepAcrossRounds[];
  /** The steps that keep being skipped, clockwise. */
  keepsBeingSkipped: StepId[];
}

export interface RoundsDiagnosisInput {
  history: readonly PhaseVisit[];
  /** The board's notes (not drafts): those of every round, archived ones too. */
  notes: readonly Pick<Note, 'id' | 'step' | 'round' | 'carriedFrom' | 'createdAt'>[];
  now: number;
}

/** A position as one number that grows clockwise along the whole session: round 1 Verkennen is 0. */
function progress(round: number, phase: PhaseId): number {
  return (round - 1) * PHASES.length + getPhase(phase).index;
}

function key(step: StepId, round: number): string {
  return `${step}#${round}`;
}

/**
 * Compares the rounds of the circle, step by step: notes, time and whether the group worked in each step per
 * round, the steps visited in one round and skipped in the next, and those skipped round after round. A
 * step's notes are counted in the step they are in now.
 */
export function diagnoseRounds(input: RoundsDiagnosisInput): RoundsDiagnosis {
  const now = parseTimestamp(input.now, 'now');
  const { history } = input;
  const current = currentPosition(history).round;

  const time = new Map<string, number>();
  const stopped = new Set<string>();
  const spans = new Map<number, RoundSpan>();
  let furthest = -1;
  history.forEach((visit, index) => {
    const end = history[index + 1]?.at ?? now;
    const spent = Math.max(0, end - visit.at);
    const at = `${visit.phase}#${visit.round}`;
    time.set(at, (time.get(at) ?? 0) + spent);
    stopped.add(at);
    furthest = Math.max(furthest, progress(visit.round, visit.phase));
    const span = spans.get(visit.round);
    if (span) {
      span.to = end;
      span.time += spent;
    } else spans.set(visit.round, { round: visit.round, from: visit.at, to: end, time: spent });
  });

  const rounds = new Map<string, { added: number; carried: number; ids: Set<string> }>();
  const carriedInto = new Map<number, Set<string>>();
  for (const note of input.notes) {
    const round = noteRound(note, history);
    const entry = rounds.get(key(note.step, round)) ?? { added: 0, carried: 0, ids: new Set<string>() };
    if (note.carriedFrom === undefined) entry.added++;
    else {
      entry.carried++;
      carriedInto.set(round, (carriedInto.get(round) ?? new Set()).add(note.carriedFrom));
    }
    entry.ids.add(note.id);
    rounds.set(key(note.step, round), entry);
  }

  const numbers = Array.from({ length: current }, (_, index) => index + 1);
  const steps = STEPS.map((step): StepAcrossRounds => {
    const phase = step.phase;
    const perRound = numbers.map((round): StepInRound => {
      const entry = rounds.get(key(step.id, round));
      const notes = (entry?.added ?? 0) + (entry?.carried ?? 0);
      const before = rounds.get(key(step.id, round - 1));
      const carried = carriedInto.get(round);
      const dropped = before ? [...before.ids].filter((id) => !carried?.has(id)).length : 0;
      const place = progress(round, phase);
      const wasThere = stopped.has(`${phase}#${round}`);
      const here = round === current && currentPosition(history).phase === phase && history.length > 0;
      const state: StepRoundState =
        wasThere && notes > 0 ? 'visited' : furthest > place ? 'skipped' : here ? 'open' : 'ahead';
      return {
        round,
        notes,
        added: entry?.added ?? 0,
        carried: entry?.carried ?? 0,
        dropped,
        time: time.get(`${phase}#${round}`) ?? 0,
        state,
      };
    });
    const settled = perRound.filter((inRound) => inRound.state === 'visited' || inRound.state === 'skipped');
    let skippedStreak = 0;
    for (let index = settled.length - 1; index >= 0 && settled[index]?.state === 'skipped'; index--) {
      skippedStreak++;
    }
    const lapses = perRound
      .filter((inRound, index) => inRound.state === 'skipped' && perRound[index - 1]?.state === 'visited')
      .map((inRound) => inRound.round);
    return {
      step: step.id,
      phase,
      rounds: perRound,
      lapses,
      skippedStreak,
      keepsBeingSkipped: skippedStreak >= 2,
    };
  });

  return {
    current,
    rounds: numbers.map((round) => spans.get(round) ?? { round, from: null, to: null, time: 0 }),
    steps,
    keepsBeingSkipped: steps.filter((step) => step.keepsBeingSkipped).map((step) => step.step),
  };
}

/** What changed in one step from one round to the next, note by note. */
export interface StepChanges<N> {
  step: StepId;
  /** Written in the round. */
  added: N[];
  /** Carried into the round, each with the note it was carried from when that is still on the board. */
  carried: { note: N; from: N | undefined }[];
  /** Notes of the round before that were not carried into the round. */
  dropped: N[];
}

/**
 * What changed in round `round` against the round before, per step clockwise (steps where nothing changed are
 * left out): notes added, carried over and dropped. Notes are placed by the step they are in now.
 */
export function roundChanges<N extends Pick<Note, 'id' | 'step' | 'round' | 'carriedFrom' | 'createdAt'>>(
  notes: readonly N[],
  history: readonly PhaseVisit[],
  round: number,
): StepChanges<N>[] {
  const byId = new Map(notes.map((note) => [note.id, note]));
  const inRound = notes.filter((note) => noteRound(note, history) === round);
  const carriedFrom = new Set(
    inRound.flatMap((note) => (note.carriedFrom === undefined ? [] : [note.carriedFrom])),
  );
  const before = notes.filter((note) => noteRound(note, history) === round - 1 && !carriedFrom.has(note.id));
  return STEPS.map(
    (step): StepChanges<N> => ({
      step: step.id,
      added: inRound.filter((note) => note.step === step.id && note.carriedFrom === undefined),
      carried: inRound
        .filter((note) => note.step === step.id && note.carriedFrom !== undefined)
        .map((note) => ({ note, from: byId.get(note.carriedFrom as string) })),
      dropped: before.filter((note) => note.step === step.id),
    }),
  ).filter((changes) => changes.added.length + changes.carried.length + changes.dropped.length > 0);
}
