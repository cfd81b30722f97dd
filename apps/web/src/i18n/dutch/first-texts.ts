/**
 * The Dutch texts a Dutch page downloads before its first render. Here every text: the build writes in only
 * those of the page's first script and its canvas, and the others in later-texts.ts (see
 * build/dutch-texts-by-part.ts).
 */
export { templates } from '../generated/nl.ts';
