/** Bitmap resolutions notes are cached at, in canvas pixels per board unit. */
const TIERS = [0.25, 0.5, 1, 2] as const;
/** A little upscaling of a cache is invisible and saves re-caching on every small zoom. */
const UPSCALE_TOLERANCE = 1.15;

/**
 * The cache resolution for notes at a zoom: the smallest tier that is sharp enough, or null when zoomed in
 * so far that few notes are on screen and drawing them as shapes is both sharp and cheap.
 */
export function cacheRatioFor(scale: number, devicePixelRatio: number): number | null {
  const needed = scale * devicePixelRatio;
  for (const tier of TIERS) {
    if (tier * UPSCALE_TOLERANCE >= needed) return tier;
  }
  return null;
}
