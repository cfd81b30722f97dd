import { NOTE_COLOR_HEX, type Note, noteRect, placeInSlice } from '@kompas/model';
import { msg, str } from '@lit/localize';
import { type RoundMarks, type ShownNote, sameMarks } from '../core/note-source.ts';
import type { Point, Rect } from '../core/viewport.ts';
import { TOKENS } from '../ui/design-tokens.ts';
import * as Konva from '../ui/konva.ts';
import { DIMMED_PAPER_OPACITY, dimmedPaper, NOTE_INK } from '../ui/theme-canvas.ts';
import { NoteLines } from './note-lines.ts';
import {
  NOTE_BYLINE_HEIGHT,
  NOTE_HEIGHT,
  NOTE_PADDING,
  NOTE_TEXT_BOX,
  NOTE_TEXT_FIT,
  NOTE_WIDTH,
} from './note-metrics.ts';
import { PILL_HEIGHT, pillParts } from './note-pill.ts';
import {
  type FittedText,
  type MeasureText,
  rememberingWidths,
  TextFitter,
  withEllipsis,
} from './note-text-fit.ts';
import { pendingMarkShape } from './pending-mark.ts';
import { RoundMark, roundMarkLook } from './round-mark.ts';

/** The Konva name of a private draft's group. */
export const DRAFT_NAME = 'draft';

/** The voting badge sits on a note's top-right corner so that it covers none of the text. */
const BADGE_HEIGHT = PILL_HEIGHT;
const BADGE_INSET = 6;
/**
 * How far, in the note's own units, its drawing may reach beyond its card: the shadow below, the voting badge
 * and the round mark astride the top edge, the frame of the pending mark around it. Generous: a redraw of
 * the notes around one spot (see LayerRepaint) must not leave a sliver of a note out.
 */
const FOOTPRINT_MARGIN = 24;

/** Widths are measured once per word, at a size large enough that scaling them down stays exact. */
const MEASURE_FONT_SIZE = 100;
const BYLINE_FONT_SIZE = 11.5;
const BYLINE_WIDTH = NOTE_WIDTH - 2 * NOTE_PADDING;
let textFitter: { fitter: TextFitter; measure: MeasureText } | null = null;

/** Fits note texts with Konva's own measuring, so that the lines fitted are the lines drawn. */
function noteText(): { fitter: TextFitter; measure: MeasureText } {
  if (!textFitter) {
    const probe = new Konva.Text({ fontFamily: TOKENS.font.sans, fontSize: MEASURE_FONT_SIZE });
    // Konva's measureSize sets the font on its canvas for every text, which costs more than the measuring (a
    // thousand notes open with thousands of words): the same font is set here once.
    const context = document.createElement('canvas').getContext('2d');
    if (context) context.font = probe._getContextFont();
    const width = (text: string) =>
      context ? context.measureText(text).width : probe.measureSize(text).width;
    const measure = rememberingWidths((text) => width(text) / MEASURE_FONT_SIZE);
    textFitter = { fitter: new TextFitter(NOTE_TEXT_BOX, measure, NOTE_TEXT_FIT), measure };
  }
  return textFitter;
}

/** An author's name as the byline shows it: cut with an ellipsis where it is longer than the note is wide. */
function bylineLine(name: string): string {
  const { measure } = noteText();
  const width = BYLINE_WIDTH / BYLINE_FONT_SIZE;
  return measure(name) <= width ? name : withEllipsis(name, width, measure);
}

/** What a note's voting badge shows: its text, and whether this person has voted on the note. */
export interface VoteBadge {
  text: string;
  marked: boolean;
}

/**
 * One sticky note on the canvas. It never listens to events (the canvas hit-tests note boxes itself)
 * and is drawn from a bitmap cache when many notes are on screen, because Konva's per-shape drawing and
 * hit canvas are what make a thousand notes slow. A note of an earlier round is drawn faded, flat, with its
 * round on a mark; a note carried along carries a mark of the round it came from.
 */
export class NoteView {
  readonly group: Konva.Group;
  private readonly card: Konva.Rect;
  private readonly body: NoteLines;
  private readonly byline: NoteLines;
  /** The voting badge, made the first time it is shown (most notes never show one). */
  private badge: { group: Konva.Group; back: Konva.Rect; text: Konva.Text } | null = null;
  private readonly roundMark = new RoundMark();
  note: Note;
  /** Where the note stands in the rounds: of an earlier round (dimmed), carried along, or carried on. */
  marks: RoundMarks;
  /** The size its step draws its notes at (1 = full size): a full step draws them smaller. */
  scale: number;
  centre: Point;
  /** Kept with `centre`: hit tests read every note's box on each pointer move. */
  box: Rect;
  /** Pixel ratio of the current bitmap cache, null while drawn as shapes. */
  cacheRatio: number | null = null;
  /** The note's text as drawn: its font size and lines, and whether it had to be cut. */
  fittedText: FittedText;
  private badgeMarked = false;
  /** Made the first time the note has changes the server has not stored yet. */
  private pendingMark: Konva.Group | null = null;
  /** A private draft of a silent brainstorm: outlined and marked, seen only by its author and facilitators. */
  private draft: boolean;

  constructor(shown: ShownNote, scale = 1) {
    const { note, draft } = shown;
    this.note = note;
    this.draft = draft;
    this.marks = roundMarksOf(shown);
    this.scale = scale;
    this.centre = placeInSlice(note.step, note.pos, scale);
    this.box = noteRect(this.centre, scale);
    this.fittedText = noteText().fitter.fit(note.text);
    this.group = new Konva.Group({ listening: false, scaleX: scale, scaleY: scale });
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
    this.body = new NoteLines({
      x: NOTE_PADDING,
      y: NOTE_PADDING,
      ...NOTE_TEXT_BOX,
      lines: this.fittedText.lines,
      fontSize: this.fittedText.fontSize,
      fontFamily: TOKENS.font.sans,
      fill: NOTE_INK.text,
      lineHeight: NOTE_TEXT_FIT.lineHeight,
      perfectDrawEnabled: false,
      listening: false,
    });
    this.byline = new NoteLines({
      x: NOTE_PADDING,
      y: NOTE_HEIGHT - NOTE_BYLINE_HEIGHT,
      width: BYLINE_WIDTH,
      height: 14,
      lines: [bylineLine(this.bylineText())],
      fontFamily: TOKENS.font.sans,
      fontSize: BYLINE_FONT_SIZE,
      fill: NOTE_INK.byline,
      perfectDrawEnabled: false,
      listening: false,
    });
    this.group.add(this.card, this.body, this.byline, this.roundMark.group);
    this.applyContent();
    this.placeAt(this.centre);
  }

  /** Takes a newer version of the note; returns whether anything visible changed. */
  update(shown: ShownNote): boolean {
    const { note, draft } = shown;
    const previous = this.note;
    const wasDraft = this.draft;
    const marksBefore = this.marks;
    this.note = note;
    this.draft = draft;
    this.marks = roundMarksOf(shown);
    const contentChanged =
      previous.text !== note.text ||
      previous.color !== note.color ||
      previous.authorName !== note.authorName ||
      wasDraft !== draft ||
      !sameMarks(marksBefore, this.marks);
    const moved =
      previous.step !== note.step || previous.pos.r !== note.pos.r || previous.pos.t !== note.pos.t;
    if (contentChanged) {
      this.applyContent();
      this.uncache();
    }
    if (moved) this.place();
    return contentChanged || moved;
  }

  /** Draws the note at `scale`, the size its step now draws notes at; returns whether that changed anything. */
  setScale(scale: number): boolean {
    if (scale === this.scale) return false;
    this.scale = scale;
    this.group.scale({ x: scale, y: scale });
    this.uncache();
    this.place();
    return true;
  }

  /** Where the note is drawn: its stored spot, kept wholly inside its slice at its size. */
  private place(): void {
    this.centre = placeInSlice(this.note.step, this.note.pos, this.scale);
    this.box = noteRect(this.centre, this.scale);
    this.placeAt(this.centre);
  }

  /** Where the note's drawing may reach, in board units: its box and the margin of what sticks out. */
  get footprint(): Rect {
    const margin = FOOTPRINT_MARGIN * this.scale;
    const { x, y, width, height } = this.box;
    return { x: x - margin, y: y - margin, width: width + 2 * margin, height: height + 2 * margin };
  }

  /** Moves the drawing (not the note) so that its centre is at `centre`, e.g. while dragged. */
  placeAt(centre: Point): void {
    this.group.position({ x: centre.x - this.box.width / 2, y: centre.y - this.box.height / 2 });
  }

  /** Back to where the document says the note is. */
  placeHome(): void {
    this.placeAt(this.centre);
  }

  /**
   * Shows `text` in the voting badge (null hides it); `marked` when this person has voted on the note.
   * Returns whether anything changed.
   */
  setVoteBadge(text: string | null, marked: boolean): boolean {
    const visible = text !== null;
    const shown = this.badge?.group.visible() ?? false;
    const same = !visible || (this.badge?.text.text() === text && this.badgeMarked === marked);
    if (visible === shown && same) return false;
    const badge = this.badge ?? this.makeBadge();
    badge.group.visible(visible);
    this.badgeMarked = marked;
    if (text !== null) {
      badge.text.text(text);
      badge.text.fill(marked ? NOTE_INK.markedText : NOTE_INK.text);
      badge.back.fill(marked ? NOTE_INK.marked : NOTE_INK.badge);
      const width = Math.ceil(badge.text.getTextWidth()) + 16;
      badge.back.width(width);
      badge.back.stroke(marked ? '' : NOTE_INK.badgeEdge);
      badge.back.strokeWidth(marked ? 0 : 1);
      badge.text.position({ x: 8, y: 0 });
      badge.group.position({ x: NOTE_WIDTH - width - BADGE_INSET, y: -BADGE_HEIGHT / 2 });
    }
    this.uncache();
    return true;
  }

  private makeBadge(): NonNullable<NoteView['badge']> {
    const { back, label } = pillParts();
    const group = new Konva.Group({ visible: false, listening: false });
    group.add(back, label);
    this.group.add(group);
    // Over the card, the text and the byline; under the round mark and the pending clock.
    group.zIndex(3);
    this.badge = { group, back, text: label };
    return this.badge;
  }

  /** Whether the note shows that the server has not stored its changes yet. */
  get pending(): boolean {
    return this.pendingMark?.visible() ?? false;
  }

  /** Shows or hides the mark of changes the server has not stored yet; returns whether anything changed. */
  setPendingMark(pending: boolean): boolean {
    if (pending === this.pending) return false;
    if (!this.pendingMark) {
      this.pendingMark = pendingMarkShape(NOTE_WIDTH, NOTE_HEIGHT);
      this.group.add(this.pendingMark);
    }
    this.pendingMark.visible(pending);
    this.uncache();
    return true;
  }

  /** The voting badge's box in board units, or null when it is hidden. */
  get badgeBox(): Rect | null {
    const badge = this.badge;
    if (!badge?.group.visible()) return null;
    const { scale } = this;
    return {
      x: this.box.x + badge.group.x() * scale,
      y: this.box.y + badge.group.y() * scale,
      width: badge.back.width() * scale,
      height: BADGE_HEIGHT * scale,
    };
  }

  /** The text on the round mark ("R1", "↻ R1"), or null when it shows none. */
  get roundLabel(): string | null {
    return this.roundMark.text;
  }

  /** The note as its source showed it. */
  get shown(): ShownNote {
    return { note: this.note, draft: this.draft, ...this.marks };
  }

  /** Whether the note is drawn faded, as a note of an earlier round. */
  get dimmed(): boolean {
    return this.marks.earlierRound !== undefined;
  }

  /** The text on the voting badge, or null when it is hidden. */
  get badgeLabel(): string | null {
    return this.badge?.group.visible() ? this.badge.text.text() : null;
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
    const paper = NOTE_COLOR_HEX[note.color];
    // Faded and flat, so the notes of this round stand out; the text stays opaque and readable.
    this.card.fill(this.dimmed ? dimmedPaper(paper) : paper);
    this.card.opacity(this.dimmed ? DIMMED_PAPER_OPACITY : 1);
    this.card.shadowEnabled(!this.dimmed);
    this.roundMark.show(roundMarkLook({ note, ...this.marks }));
    this.card.stroke(this.draft ? NOTE_INK.draft : '');
    this.card.strokeWidth(this.draft ? 2 : 0);
    this.card.dash(this.draft ? [7, 5] : []);
    // Named, so that pictures of the board for others can leave private drafts out.
    this.group.name(this.draft ? DRAFT_NAME : '');
    this.fittedText = noteText().fitter.fit(note.text);
    this.body.setText(this.fittedText.lines, this.fittedText.fontSize);
    this.byline.setText([bylineLine(this.bylineText())], BYLINE_FONT_SIZE);
  }

  private bylineText(): string {
    return this.draft ? msg(str`Private · ${this.note.authorName}`) : this.note.authorName;
  }
}

/** The round marks of a shown note, on their own. */
function roundMarksOf({ earlierRound, carriedFromRound, carriedInto }: ShownNote): RoundMarks {
  return { earlierRound, carriedFromRound, carriedInto };
}
