import { canvasFont, measuringContext } from '../ui/canvas-font.ts';
import * as Konva from '../ui/konva.ts';

export interface NoteLinesConfig extends Konva.ShapeConfig {
  /** The lines to draw, already fitted and wrapped (note-text-fit.ts). */
  lines: readonly string[];
  fontSize: number;
  fontFamily: string;
  fontStyle?: string;
  /** A line's height as a multiple of the font size. */
  lineHeight?: number;
}

/** Per font: half its ascent above its descent, which puts a line's baseline where Konva's Text puts it. */
const baselineShifts = new Map<string, number>();

function baselineShift(font: string): number {
  let shift = baselineShifts.get(font);
  if (shift === undefined) {
    const measuring = measuringContext(font);
    if (!measuring) return 0;
    const sample = measuring.measureText('M');
    shift = (sample.fontBoundingBoxAscent - sample.fontBoundingBoxDescent) / 2;
    baselineShifts.set(font, shift);
  }
  return shift;
}

/**
 * Lines of a note's text, drawn as Konva's Text draws them (the same font, baseline and line spacing, top
 * left in the shape's box). Konva's Text lays its text out again on every change and measures its font on
 * every draw; the lines here come fitted already, and a board of a thousand notes is drawn at once.
 */
export class NoteLines extends Konva.Shape<NoteLinesConfig> {
  lines(): readonly string[] {
    return this.attrs.lines;
  }

  /** Shows other lines, or the same at another size; returns whether that changed anything. */
  setText(lines: readonly string[], fontSize: number): boolean {
    const same =
      fontSize === this.attrs.fontSize &&
      lines.length === this.attrs.lines.length &&
      lines.every((line, i) => line === this.attrs.lines[i]);
    if (same) return false;
    this.setAttrs({ ...this.attrs, lines, fontSize });
    return true;
  }

  /** Konva's Shape draws with this when no `sceneFunc` is given. */
  _sceneFunc(context: Konva.Context): void {
    const { lines, fontSize, fontFamily, fontStyle = 'normal', lineHeight = 1 } = this.attrs;
    const font = canvasFont(fontStyle, fontSize, fontFamily);
    const lineHeightPx = lineHeight * fontSize;
    context.setAttr('font', font);
    context.setAttr('textBaseline', 'alphabetic');
    context.setAttr('textAlign', 'left');
    context.setAttr('fillStyle', this.fill());
    let y = baselineShift(font) + lineHeightPx / 2;
    for (const line of lines) {
      context.fillText(line, 0, y);
      y += lineHeightPx;
    }
  }
}
