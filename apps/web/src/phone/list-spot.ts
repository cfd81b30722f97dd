import type { SlicePosition } from '@kompas/model';

/** The golden ratio's fraction: steps by it spread points evenly however many there are. */
const GOLDEN = 0.6180339887;

/**
 * Where in its step's slice a note written in the phone's list goes, the step holding `count` notes already:
 * spread over the slice away from its edges, so notes written on a phone do not all land on one spot of the
 * circle that others see.
 */
export function listSpot(count: number): SlicePosition {
  const r = 0.2 + 0.65 * ((0.5 + count * GOLDEN) % 1);
  const t = 0.15 + 0.7 * ((0.5 + count * GOLDEN * GOLDEN) % 1);
  return { r, t };
}
