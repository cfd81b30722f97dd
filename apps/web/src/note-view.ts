import { NOTE_COLOR_HEX, type Note, slicePositionToPoint } from '@kompas/model';
import Konva from 'konva';
import { TOKENS } from './design-tokens.ts';
import {
  NOTE_BYLINE_HEIGHT,
  NOTE_HEIGHT,
  NOTE_PADDING,
  NOTE_WIDTH,
  noteBox,
  noteFontSize,
} from './note-metrics.ts';
import type { Point, Rect } from './viewport.ts';

const INK = '#1f2328';
const BYLINE_INK = 'rgba(31, 35, 40, 0.55)';

/**
 * One sticky note on the canvas. It never listens to events (the canvas hit-tests note boxes itself)
 * and is drawn from a bitmap cache when many notes are on screen, because Konva's per-shape drawing and
 * hit canvas are what make a thousand notes slow.
 */
export class NoteView {
  readonly group: Konva.Group;
  private readonly card: Konva.Rect;
  private readonly body: Konva.Text;
  private readonly byline: Konva.Text;
  note: Note;
  centre: Point;
  /** Kept with `centre`: hit tests read every note's box on each pointer move. */
  box: Rect;
  /** Pixel ratio of the current bitmap cache, null while drawn as shapes. */
  cacheRatio: number | null = null;

  constructor(note: Note) {
    this.note = note;
    this.centre = slicePositionToPoint(note.step, note.pos);
    this.box = noteBox(this.centre);
    this.group = new Konva.Group({ listening: false });
    this.card = new Konva.Rect({
      width: NOTE_WIDTH,
      height: NOTE_HEIGHT,
      cornerRadius: 4,
      shadowColor: '#101828',
      shadowOpacity: 0.2,
      shadowBlur: 8,
      shadowOffsetY: 3,
      shadowForStrokeEnabled: false,
      perfectDrawEnabled: false,
      listening: false,
    });
    this.body = new Konva.Text({
      x: NOTE_PADDING,
      y: NOTE_PADDING,
      width: NOTE_WIDTH - 2 * NOTE_PADDING,
      height: NOTE_HEIGHT - NOTE_PADDING - NOTE_BYLINE_HEIGHT - 4,
      fontFamily: TOKENS.font.sans,
      fill: INK,
      lineHeight: 1.22,
      wrap: 'word',
      ellipsis: true,
      perfectDrawEnabled: false,
      listening: false,
    });
    this.byline = new Konva.Text({
      x: NOTE_PADDING,
      y: NOTE_HEIGHT - NOTE_BYLINE_HEIGHT,
      width: NOTE_WIDTH - 2 * NOTE_PADDING,
      height: 14,
      fontFamily: TOKENS.font.sans,
      fontSize: 11.5,
      fill: BYLINE_INK,
      wrap: 'none',
      ellipsis: true,
      perfectDrawEnabled: false,
      listening: false,
    });
    this.group.add(this.card, this.body, this.byline);
    this.applyContent();
    this.placeAt(this.centre);
  }

  /** Takes a newer version of the note; returns whether anything visible changed. */
  update(note: Note): boolean {
    const previous = this.note;
    this.note = note;
    const contentChanged =
      previous.text !== note.text || previous.color !== note.color || previous.authorName !== note.authorName;
    const moved =
      previous.step !== note.step || previous.pos.r !== note.pos.r || previous.pos.t !== note.pos.t;
    if (contentChanged) {
      this.applyContent();
      this.uncache();
    }
    if (moved) {
      this.centre = slicePositionToPoint(note.step, note.pos);
      this.box = noteBox(this.centre);
      this.placeAt(this.centre);
    }
    return contentChanged || moved;
  }

  /** Moves the drawing (not the note) so that its centre is at `centre`, e.g. while dragged. */
  placeAt(centre: Point): void {
    this.group.position({ x: centre.x - NOTE_WIDTH / 2, y: centre.y - NOTE_HEIGHT / 2 });
  }

  /** Back to where the document says the note is. */
  placeHome(): void {
    this.placeAt(this.centre);
  }

  cache(ratio: number): void {
    if (this.cacheRatio === ratio) return;
    this.group.cache({ pixelRatio: ratio });
    this.cacheRatio = ratio;
  }

  uncache(): void {
    if (this.cacheRatio === null) return;
    this.group.clearCache();
    this.cacheRatio = null;
  }

  destroy(): void {
    this.uncache();
    this.group.destroy();
  }

  private applyContent(): void {
    const { note } = this;
    this.card.fill(NOTE_COLOR_HEX[note.color]);
    this.body.fontSize(noteFontSize(note.text));
    this.body.text(note.text);
    this.byline.text(note.authorName);
  }
}
