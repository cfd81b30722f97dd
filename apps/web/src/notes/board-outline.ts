import {
  type Note,
  PHASES,
  type Phase,
  type PhaseId,
  roomForNewNote,
  type SlicePosition,
  STEPS,
  type Step,
  type StepId,
} from '@kompas/model';
import { isEarlier, listOrder } from '../core/board-rounds.ts';
import type { ShownNote } from '../core/note-source.ts';

/**
 * One step of the board as a list: its notes, those of the round the group is in first, then those of earlier
 * rounds kept on the board, each in stacking order; and how many there are of each.
 */
export interface OutlineStep {
  step: Step;
  notes: ShownNote[];
  /** Notes of the round the group is in (drafts among them) and of earlier rounds. */
  current: number;
  earlier: number;
}

/** One phase of the board as a list: whether the group is in it now, and its three steps. */
export interface OutlinePhase {
  phase: Phase;
  current: boolean;
  steps: OutlineStep[];
}

/**
 * The board as a tree, in the order of the cycle: every phase, every step of it, and the notes in each step,
 * this round's before earlier rounds', in stacking order. Empty steps are kept, so a note can be written into
 * any of them.
 */
export function boardOutline(notes: readonly ShownNote[], current: PhaseId | null): OutlinePhase[] {
  const byStep = new Map<StepId, ShownNote[]>(STEPS.map((step) => [step.id, []]));
  for (const shown of notes) byStep.get(shown.note.step)?.push(shown);
  return PHASES.map((phase) => ({
    phase,
    current: phase.id === current,
    steps: phase.steps.map((step) => {
      const here = (byStep.get(step.id) ?? []).sort(listOrder);
      const earlier = here.filter(isEarlier).length;
      return { step, notes: here, current: here.length - earlier, earlier };
    }),
  }));
}

/**
 * What the board core lets this person do, as the list offers it: whether they may write at all (observers
 * and a board saved by a newer Kompas may not), the phases the lock keeps them out of now, whether they
 * may change a private draft (only its author may) and carry a note along.
 */
export interface OutlineRights {
  readOnly: boolean;
  locked: readonly PhaseId[];
  mayChangeDraft(draft: Pick<Note, 'authorId'>): boolean;
  /** Whether they may carry a note of an earlier round along (see Permissions.mayCarry). */
  mayCarry(shown: ShownNote): boolean;
}

/** Whether a note can be written into `step`. */
export function mayWriteIn(step: Pick<Step, 'phase'>, rights: OutlineRights): boolean {
  return !rights.readOnly && !rights.locked.includes(step.phase);
}

/** Whether `shown` can be edited or moved out of its step. */
export function mayChangeNote({ note, draft }: ShownNote, rights: OutlineRights): boolean {
  return mayWriteIn(note, rights) && (!draft || rights.mayChangeDraft(note));
}

/** Whether `shown`, a note of an earlier round, can be carried into the current round: not under the lock. */
export function mayCarryNote(shown: ShownNote, rights: OutlineRights): boolean {
  return mayWriteIn(shown.note, rights) && rights.mayCarry(shown);
}

/** A step a note may be moved to, or one it may not (the lock), for the list's choice of steps. */
export interface MoveTarget {
  step: Step;
  allowed: boolean;
}

/** Every phase with its steps as places to move `note` to: not its own step, nor a step the lock closes. */
export function moveTargets(
  note: Pick<Note, 'step'>,
  rights: OutlineRights,
): { phase: Phase; targets: MoveTarget[] }[] {
  return PHASES.map((phase) => ({
    phase,
    targets: phase.steps.map((step) => ({
      step,
      allowed: step.id !== note.step && mayWriteIn(step, rights),
    })),
  }));
}

/** The step a move starts at: the first one after the note's own, around the circle, that it may go to. */
export function firstMoveTarget(note: Pick<Note, 'step'>, rights: OutlineRights): StepId | null {
  const from = STEPS.findIndex((step) => step.id === note.step);
  for (let offset = 1; offset < STEPS.length; offset++) {
    const step = STEPS[(from + offset) % STEPS.length];
    if (step && mayWriteIn(step, rights)) return step.id;
  }
  return null;
}

/**
 * Where a note written or moved into `step` from the list goes: the step's next free slot, as "Add note" on
 * the canvas does, so the board core lets the notes in slots make room.
 */
export function spotIn(step: StepId, notes: readonly ShownNote[], moving?: string): SlicePosition {
  const here = notes.filter(({ note }) => note.step === step && note.id !== moving).map(({ note }) => note);
  return roomForNewNote(step, here).pos;
}
