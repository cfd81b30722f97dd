import type { NoteColor, PhaseId, SlicePosition, StepId } from '@kompas/model';
import type { BoardRegion } from './board-region.ts';
import type { Point } from './viewport.ts';

/**
 * What the board canvas asks for. The canvas only draws and reports intent; the board page performs
 * the change through @kompas/model and reports validation errors.
 */
export interface NoteCreateDetail {
  id: string;
  step: StepId;
  pos: SlicePosition;
  text: string;
  color: NoteColor;
}

export interface NoteEditDetail {
  id: string;
  text: string;
}

export interface NoteMoveDetail {
  id: string;
  step: StepId;
  pos: SlicePosition;
}

export interface NoteRecolorDetail {
  id: string;
  color: NoteColor;
}

export interface NoteDeleteDetail {
  id: string;
}

/** A facilitator's "Turn into an issue" on a note: the page opens the issues in hand with it. */
export interface NoteIssueDetail {
  id: string;
}

/** Carries a note of an earlier round into the round the group is in (see RoundActions.carry). */
export interface NoteCarryDetail {
  id: string;
}

/**
 * Asks for the round view of a step: its notes per round, side by side. Fired (bubbling, composed) by a note's
 * menu for the note's step; the round view listens for it.
 */
export interface RoundViewOpenDetail {
  step: StepId;
}

/** The local pointer on the board, in board coordinates; null when it left the board. */
export interface CursorMoveDetail {
  cursor: Point | null;
}

export interface ViewportChangeDetail {
  scale: number;
  /** The part of the board on screen, as a screen-size independent region. */
  region: BoardRegion;
  /** The person moved the board (pan, zoom, fit), rather than a resize or following someone's view. */
  byPerson: boolean;
}

/** A change to a note was not made because its phase is locked. */
export interface NoteLockedDetail {
  phase: PhaseId;
}

/** Asks the board page to place (or take back) one of this person's votes on a note. */
export interface NoteVoteDetail {
  id: string;
  takeBack: boolean;
}

/** A note's vote as the canvas shows it: its badge, and what clicking the badge may do. */
export interface CanvasVote {
  text: string;
  marked: boolean;
  /** All votes on the note, or null while the round hides them; and this person's. */
  total: number | null;
  mine: number;
  canAdd: boolean;
  canTakeBack: boolean;
}

declare global {
  interface HTMLElementEventMap {
    'note-create': CustomEvent<NoteCreateDetail>;
    'note-edit': CustomEvent<NoteEditDetail>;
    'note-move': CustomEvent<NoteMoveDetail>;
    'note-recolor': CustomEvent<NoteRecolorDetail>;
    'note-delete': CustomEvent<NoteDeleteDetail>;
    'note-issue': CustomEvent<NoteIssueDetail>;
    'note-carry': CustomEvent<NoteCarryDetail>;
    'cursor-move': CustomEvent<CursorMoveDetail>;
    'viewport-change': CustomEvent<ViewportChangeDetail>;
    'note-locked': CustomEvent<NoteLockedDetail>;
    'note-vote': CustomEvent<NoteVoteDetail>;
    'round-view-open': CustomEvent<RoundViewOpenDetail>;
  }
}

/** A bubbling, composed event, so it crosses shadow roots up to the board page. */
export function boardEvent<Detail>(type: string, detail: Detail): CustomEvent<Detail> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}
