/**
 * Text on the canvas as Konva writes it: the font string it gives a 2D context, and a context to measure with.
 * The board's own text shapes (notes' lines, labels along the circle) use both, so that they draw exactly the
 * glyphs Konva's Text would.
 */

/** The font string Konva's Text gives the canvas for these settings (families with spaces quoted). */
export function canvasFont(fontStyle: string, fontSize: number, fontFamily: string): string {
  const families = fontFamily
    .split(',')
    .map((family) => family.trim())
    .map((family) => (family.includes(' ') && !/["']/.test(family) ? `"${family}"` : family));
  return `${fontStyle} normal ${fontSize}px ${families.join(', ')}`;
}

let context: CanvasRenderingContext2D | null = null;

/** A 2D context of a canvas never shown, set to `font`, to measure text with. */
export function measuringContext(font: string): CanvasRenderingContext2D | null {
  context ??= document.createElement('canvas').getContext('2d');
  if (context) context.font = font;
  return context;
}
