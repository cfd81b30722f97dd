import { canvasFont, measuringContext } from '../ui/canvas-font.ts';
import * as Konva from '../ui/konva.ts';

/** A point at `radius` and `degrees` clockwise from 12 o'clock: the model's angle convention. */
export function polar(radius: number, degrees: number): { x: number; y: number } {
  const radians = (degrees * Math.PI) / 180;
  return { x: radius * Math.sin(radians), y: -radius * Math.cos(radians) };
}

/** Whether `degrees` points into the lower half of the circle, where text along it would stand on its head. */
export function isLowerHalf(degrees: number): boolean {
  const angle = ((degrees % 360) + 360) % 360;
  return angle > 90 && angle < 270;
}

export interface ArcTextConfig extends Konva.ShapeConfig {
  text: string;
  /** The arc the text runs along: `radius` out, `spanDegrees` wide, centred on `midDegrees`. */
  radius: number;
  midDegrees: number;
  spanDegrees: number;
  fontSize: number;
  fontFamily: string;
  fontStyle?: string;
  letterSpacing?: number;
}

interface Glyph {
  text: string;
  x: number;
  y: number;
  rotation: number;
}

/**
 * Text along an arc of the circle, centred on it, each character turned along the arc: the names of the phases
 * and steps round the board. In the lower half it runs counter-clockwise, so that it reads left to right
 * rather than upside down. Laid out as Konva's TextPath lays out text along a path (each character from the
 * point its advance starts at, turned towards the point it ends at), without an SVG path to measure.
 */
export class ArcText extends Konva.Shape<ArcTextConfig> {
  private glyphs: { key: string; glyphs: Glyph[] } | null = null;

  private font(): string {
    const { fontStyle = 'normal', fontSize, fontFamily } = this.attrs;
    return canvasFont(fontStyle, fontSize, fontFamily);
  }

  /** Where each character goes, worked out again only when the text, its font or its arc changes. */
  private layOut(): Glyph[] {
    const { text, radius, midDegrees, spanDegrees, letterSpacing = 0 }: ArcTextConfig = this.attrs;
    const key = [text, this.font(), radius, midDegrees, spanDegrees, letterSpacing].join('|');
    if (this.glyphs?.key === key) return this.glyphs.glyphs;
    const measuring = measuringContext(this.font());
    if (!measuring) return [];
    const characters = Array.from(text);
    const widths = characters.map((character) => measuring?.measureText(character).width ?? 0);
    const textWidth = widths.reduce((sum, width) => sum + width, 0) + (characters.length - 1) * letterSpacing;
    const arcLength = (radius * spanDegrees * Math.PI) / 180;
    // Upper half: clockwise from the arc's start; lower half: counter-clockwise from its end.
    const lower = isLowerHalf(midDegrees);
    const from = lower ? midDegrees + spanDegrees / 2 : midDegrees - spanDegrees / 2;
    const at = (length: number) =>
      polar(radius, from + ((lower ? -1 : 1) * length * 180) / (Math.PI * radius));
    let offset = Math.max(0, arcLength / 2 - textWidth / 2);
    const glyphs = characters.map((character, i): Glyph => {
      const advance = (widths[i] ?? 0) + (i < characters.length - 1 ? letterSpacing : 0);
      const start = at(offset);
      const end = at(offset + advance);
      offset += advance;
      return { text: character, ...start, rotation: Math.atan2(end.y - start.y, end.x - start.x) };
    });
    this.glyphs = { key, glyphs };
    return glyphs;
  }

  /** Konva's Shape draws with this when no `sceneFunc` is given. */
  _sceneFunc(context: Konva.Context): void {
    context.setAttr('font', this.font());
    context.setAttr('textBaseline', 'middle');
    context.setAttr('textAlign', 'left');
    context.setAttr('fillStyle', this.fill());
    for (const { text, x, y, rotation } of this.layOut()) {
      context.save();
      context.translate(x, y);
      context.rotate(rotation);
      context.fillText(text, 0, 0);
      context.restore();
    }
  }
}
