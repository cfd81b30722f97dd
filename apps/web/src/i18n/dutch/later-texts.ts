import type { templates as all } from '../generated/nl.ts';

/**
 * The Dutch texts of the parts loaded on demand. Here none, as first-texts.ts holds them all: the build writes
 * in those that are not among the first ones (see build/dutch-texts-by-part.ts).
 */
export const templates: Partial<typeof all> = {};
