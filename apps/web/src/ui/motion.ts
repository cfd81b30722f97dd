import { mediaMatches } from './media-query.ts';

/** The system asks for as little motion as possible. */
export const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** Whether the system asks for reduced motion now; read at the moment something would move. */
export function prefersReducedMotion(): boolean {
  return mediaMatches(REDUCED_MOTION);
}

/** How long an animation of `seconds` should run: not at all when reduced motion is asked for. */
export function motionSeconds(seconds: number, reduced = prefersReducedMotion()): number {
  return reduced ? 0 : seconds;
}

/**
 * The share of the remaining distance something that glides after a target covers per frame: all of it,
 * a jump, when reduced motion is asked for.
 */
export function glideShare(share: number, reduced = prefersReducedMotion()): number {
  return reduced ? 1 : share;
}
