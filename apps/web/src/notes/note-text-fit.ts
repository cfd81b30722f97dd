/**
 * Fitting a note's text into its box, as sticky notes on most whiteboards do: the font shrinks until the
 * whole text fits, words wrap whole, and only at the smallest size is the text cut, with an ellipsis.
 */

/** The width of `text` at font size 1, so that widths at any size are a multiplication away. */
export type MeasureText = (text: string) => number;

export interface TextBox {
  width: number;
  height: number;
}

export interface TextFitOptions {
  maxFontSize: number;
  minFontSize: number;
  /** A line's height as a multiple of the font size. */
  lineHeight: number;
  /** How finely sizes are tried between the largest and the smallest. */
  fontSizeStep: number;
}

export interface FittedText {
  fontSize: number;
  lines: string[];
  /** Whether the text did not fit even at the smallest size, so its end is left out. */
  cut: boolean;
}

const ELLIPSIS = '…';

/**
 * The largest font size (from `maxFontSize` down to `minFontSize`) at which `text` fits `box` with every
 * word whole, and its lines. At the smallest size a word longer than a line is broken, and text beyond the
 * last line is cut with an ellipsis.
 */
export function fitText(
  text: string,
  box: TextBox,
  measure: MeasureText,
  options: TextFitOptions,
): FittedText {
  const paragraphs = text.split('\n').map((paragraph) => paragraph.split(/\s+/).filter(Boolean));
  const { maxFontSize, minFontSize, lineHeight, fontSizeStep } = options;
  const textWidth = widthWithSpaces(paragraphs, measure);
  for (let size = maxFontSize; size > minFontSize + 1e-9; size -= fontSizeStep) {
    if (textWidth > linesThatFit(box, size, lineHeight) * (box.width / size + measure(' ')) * (1 + 1e-9))
      continue;
    const lines = wrapWords(paragraphs, box.width / size, measure, false);
    if (lines && lines.length <= linesThatFit(box, size, lineHeight))
      return { fontSize: size, lines, cut: false };
  }
  const lines = wrapWords(paragraphs, box.width / minFontSize, measure, true) ?? [];
  const room = Math.max(1, linesThatFit(box, minFontSize, lineHeight));
  if (lines.length <= room) return { fontSize: minFontSize, lines, cut: false };
  const kept = lines.slice(0, room);
  kept[room - 1] = withEllipsis(kept[room - 1] ?? '', box.width / minFontSize, measure);
  return { fontSize: minFontSize, lines: kept, cut: true };
}

/**
 * The width of every word with a space after it. A line holds its words and the spaces between them within
 * its width, so n lines hold at most n times (width + a space) of this: a size at which that is too little
 * is passed over without wrapping the text, as most sizes are for a long text.
 */
function widthWithSpaces(paragraphs: readonly string[][], measure: MeasureText): number {
  const space = measure(' ');
  let width = 0;
  for (const words of paragraphs) for (const word of words) width += measure(word) + space;
  return width;
}

function linesThatFit(box: TextBox, fontSize: number, lineHeight: number): number {
  return Math.floor(box.height / (fontSize * lineHeight) + 1e-9);
}

/**
 * Greedy word wrap into lines `width` wide (in font-size units). A word wider than a line is broken only
 * when `breakLongWords`; otherwise the text does not fit (null).
 */
function wrapWords(
  paragraphs: readonly string[][],
  width: number,
  measure: MeasureText,
  breakLongWords: boolean,
): string[] | null {
  const space = measure(' ');
  const lines: string[] = [];
  for (const words of paragraphs) {
    let line = '';
    let lineWidth = 0;
    for (const word of words) {
      let wordWidth = measure(word);
      if (line && lineWidth + space + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      if (wordWidth > width) {
        if (!breakLongWords) return null;
        for (;;) {
          const piece = longestFittingPrefix(rest, width, measure);
          if (piece.length === rest.length) break;
          lines.push(piece);
          rest = rest.slice(piece.length);
        }
        wordWidth = measure(rest);
      }
      line = rest;
      lineWidth = wordWidth;
    }
    lines.push(line);
  }
  return lines;
}

/** The longest start of `word` that fits `width`, at least one character so that wrapping always ends. */
function longestFittingPrefix(word: string, width: number, measure: MeasureText): string {
  const characters = Array.from(word);
  let length = 1;
  while (length < characters.length && measure(characters.slice(0, length + 1).join('')) <= width) length++;
  return characters.slice(0, length).join('');
}

/** `line` shortened, by whole words where it can, until an ellipsis fits after it. */
export function withEllipsis(line: string, width: number, measure: MeasureText): string {
  let kept = line;
  while (kept && measure(kept + ELLIPSIS) > width) {
    const lastSpace = kept.lastIndexOf(' ');
    kept = lastSpace > 0 ? kept.slice(0, lastSpace) : Array.from(kept).slice(0, -1).join('');
  }
  return kept + ELLIPSIS;
}

/**
 * `fitText` for one box and one font, remembering each text's fit: notes are redrawn far more often than
 * their text changes, and a board of a thousand notes is fitted once.
 */
export class TextFitter {
  private readonly fits = new Map<string, FittedText>();

  constructor(
    private readonly box: TextBox,
    private readonly measure: MeasureText,
    private readonly options: TextFitOptions,
    private readonly capacity = 4000,
  ) {}

  fit(text: string): FittedText {
    const known = this.fits.get(text);
    if (known) return known;
    const fitted = fitText(text, this.box, this.measure, this.options);
    // Texts that are edited away are forgotten all at once; refitting what is on the board is cheap.
    if (this.fits.size >= this.capacity) this.fits.clear();
    this.fits.set(text, fitted);
    return fitted;
  }
}

/** `measure` remembering each text's width (words recur across notes and across the sizes tried). */
export function rememberingWidths(measure: MeasureText, capacity = 20_000): MeasureText {
  const widths = new Map<string, number>();
  return (text) => {
    let width = widths.get(text);
    if (width === undefined) {
      width = measure(text);
      if (widths.size >= capacity) widths.clear();
      widths.set(text, width);
    }
    return width;
  };
}
