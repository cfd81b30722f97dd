import {
  FIRST_POSITION,
  getPhase,
  getStep,
  type PhaseId,
  type PhasePosition,
  type StepId,
} from '@kompas/model';
import { type LockedCanvas, tellLocked } from './canvas-lock.ts';

/** The step a person last wrote a note in or moved one to, per phase. */
export class StepsUsed {
  private readonly byPhase = new Map<PhaseId, StepId>();

  used(step: StepId): void {
    this.byPhase.set(getStep(step).phase, step);
  }

  in(phase: PhaseId): StepId | undefined {
    return this.byPhase.get(phase);
  }
}

/**
 * The step "Add note" starts a note in: one of the current phase's steps (Verkennen's before the workshop
 * starts), the one this person last used there, else the phase's first. Null, after firing `note-locked`,
 * when the lock keeps this person out of the current phase.
 */
export function stepForNewNote(
  canvas: LockedCanvas,
  position: PhasePosition | null,
  used: StepsUsed,
): StepId | null {
  const phase = getPhase(position?.phase ?? FIRST_POSITION.phase);
  if (canvas.lockApplies && canvas.locked.includes(phase.id)) {
    tellLocked(canvas, phase.id);
    return null;
  }
  return used.in(phase.id) ?? phase.steps[0]?.id ?? null;
}
