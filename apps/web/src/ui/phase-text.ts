import { getPhase, type PhasePosition } from '@kompas/model';

/** "Round 2 · Richten": where the group is, as the header and the replay show it. */
export function phaseIndicatorText(position: PhasePosition): string {
  return `Round ${position.round} · ${getPhase(position.phase).label.nl}`;
}
