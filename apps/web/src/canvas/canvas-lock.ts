import { getStep, type PhaseId, type StepId } from '@kompas/model';
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
