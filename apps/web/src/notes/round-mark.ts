import { msg, str } from '@lit/localize';
import type { ShownNote } from '../core/note-source.ts';
import * as Konva from '../ui/konva.ts';
import { NOTE_INK } from '../ui/theme-canvas.ts';
import { PILL_HEIGHT, pillParts } from './note-pill.ts';

/** The mark sits on the note's top edge like the voting badge, left of it, clear of the pending clock. */
const MARK_HEIGHT = PILL_HEIGHT;
const MARK_LEFT = 20;

/** What a note's round mark says, and how it is drawn: a note of an earlier round, or one carried along. */
export interface RoundMarkLook {
  text: string;
  kind: 'earlier' | 'carried';
}

/**
 * The round mark of a shown note: "R1" on a dimmed note of round 1, "↻ R1" on a note carried along from round
 * 1 (just "↻" when the note it came from is gone); null for a note of the current round written in it.
 */
export function roundMarkLook(
  shown: Pick<ShownNote, 'note' | 'earlierRound' | 'carriedFromRound'>,
): RoundMarkLook | null {
  if (shown.earlierRound !== undefined) return { text: roundShort(shown.earlierRound), kind: 'earlier' };
  if (shown.note.carriedFrom === undefined) return null;
  const from = shown.carriedFromRound;
  return { text: from === undefined ? '↻' : `↻ ${roundShort(from)}`, kind: 'carried' };
}

/** "R1": round 1, short enough for a mark on a small note. */
function roundShort(round: number): string {
  return msg(str`R${round}`, { desc: 'Short mark of a round on a note' });
}

/**
 * A note's round mark on the canvas: a small pill on its top edge, solid slate for a note of an earlier round,
 * white with accent ink for one carried along, in the note's own coordinates. Readable at the sizes the
 * voting badge is.
 */
export class RoundMark {
  readonly group = new Konva.Group({ x: MARK_LEFT, y: -MARK_HEIGHT / 2, visible: false, listening: false });
  /** Made the first time the mark is shown: most notes are of the current round and never show one. */
  private parts: { back: Konva.Rect; label: Konva.Text } | null = null;
  private look: RoundMarkLook | null = null;

  /** Shows `look`, or hides the mark for null; returns whether anything changed. */
  show(look: RoundMarkLook | null): boolean {
    if (look?.text === this.look?.text && look?.kind === this.look?.kind) return false;
    this.look = look;
    this.group.visible(look !== null);
    if (!look) return true;
    const { back, label } = this.parts ?? this.makeParts();
    const earlier = look.kind === 'earlier';
    label.text(look.text);
    label.fill(earlier ? NOTE_INK.roundMarkText : NOTE_INK.carriedMarkText);
    back.fill(earlier ? NOTE_INK.roundMark : NOTE_INK.badge);
    back.stroke(earlier ? '' : NOTE_INK.carriedMarkText);
    back.strokeWidth(earlier ? 0 : 1.5);
    back.width(Math.ceil(label.getTextWidth()) + 16);
    return true;
  }

  private makeParts(): { back: Konva.Rect; label: Konva.Text } {
    const parts = pillParts();
    parts.label.x(8);
    this.group.add(parts.back, parts.label);
    this.parts = parts;
    return parts;
  }

  /** The text on the mark, or null when it is hidden. */
  get text(): string | null {
    return this.look?.text ?? null;
  }
}
