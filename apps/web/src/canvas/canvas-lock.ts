import { getStep, PHASES, type PhaseId, type StepId } from '@kompas/model';
import { boardEvent, type NoteLockedDetail } from '../core/board-events.ts';

/** The lock as the canvas applies it: the phases locked, and whether the lock stops this person. */
export interface LockedCanvas extends EventTarget {
  readonly locked: readonly PhaseId[];
  readonly lockApplies: boolean;
}

/** Whether the lock keeps this person from changing notes in `step`. */
export function lockStops(canvas: LockedCanvas, step: StepId): boolean {
  return canvas.lockApplies && canvas.locked.includes(getStep(step).phase);
}

/** True, after firing `note-locked` so the page can say why, when the lock keeps this person out of any of `steps`. */
export function refuseLocked(canvas: LockedCanvas, ...steps: StepId[]): boolean {
  const step = steps.find((candidate) => lockStops(canvas, candidate));
  if (step) tellLocked(canvas, getStep(step).phase);
  return step !== undefined;
}

export function tellLocked(canvas: LockedCanvas, phase: PhaseId): void {
  canvas.dispatchEvent(boardEvent<NoteLockedDetail>('note-locked', { phase }));
}

/**
 * The step "Add note" starts a note in: the one last worked in unless it is locked, else, while phases are
 * locked, the first open step; undefined leaves the choice free. Null, after firing `note-locked`, when every
 * phase is locked.
 */
export function stepForNewNote(
  canvas: LockedCanvas,
  lastStep: StepId | undefined,
): StepId | undefined | null {
  const open = PHASES.find((phase) => !canvas.lockApplies || !canvas.locked.includes(phase.id));
  if (!open) {
    tellLocked(canvas, canvas.locked[0] ?? 'verkennen');
    return null;
  }
  if (lastStep && !lockStops(canvas, lastStep)) return lastStep;
  return canvas.locked.length > 0 ? open.steps[0]?.id : undefined;
}
