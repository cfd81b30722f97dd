import type { Note, NoteColor, PhasePosition } from '@kompas/model';
import { nothing, type ReactiveControllerHost } from 'lit';
import {
  boardEvent,
  type CanvasVote,
  type NoteCarryDetail,
  type NoteDeleteDetail,
  type NoteIssueDetail,
  type NoteRecolorDetail,
} from '../core/board-events.ts';
import type { ShownNote } from '../core/note-source.ts';
import type { NoteView } from '../notes/note-view.ts';
import type { BoardStage } from './board-stage.ts';
import { type LockedCanvas, refuseLocked } from './canvas-lock.ts';
import { noteCardOverlay, noteMenuOverlay, type RoundOffers } from './canvas-overlays.ts';

/** The canvas whose selected note can be opened. */
export interface OpeningCanvas extends ReactiveControllerHost, LockedCanvas {
  readonly readOnly: boolean;
  /** Facilitators turn a note into an issue in hand from its menu. */
  readonly canRaiseIssues: boolean;
  readonly selectedId: string | null;
  readonly votes: ReadonlyMap<string, CanvasVote>;
  /** Where the group is: from round 2 on, notes are carried along and steps seen per round. */
  readonly position: PhasePosition | null;
  mayDelete(note: Note): boolean;
  mayCarry(shown: ShownNote): boolean;
  selectNote(id: string | null): void;
  focusBoard(): void;
}

/**
 * The selected note, opened or not, and what its menu does. Selected, it shows its menu above it; opened
 * (a tap, or Enter), it shows its card beside it instead: the whole text at a readable size, author, step
 * and votes, with the same menu. Read-only people can open notes too; they get no menu. Recolouring and
 * deleting fire `note-recolor` and `note-delete`, and carrying a note of an earlier round along fires
 * `note-carry`, unless the lock stops this person; "Turn into an issue" fires `note-issue`.
 */
export class NoteOpening {
  /** The opened note's id: the selected note's while its card is open, else null. */
  private openId: string | null = null;

  constructor(
    private readonly canvas: OpeningCanvas,
    private readonly board: () => BoardStage | null,
    private readonly edit: (view: NoteView) => void,
  ) {}

  isOpen(view: NoteView): boolean {
    return this.openId === view.note.id;
  }

  /** Selects a note and opens its card. */
  open(view: NoteView): void {
    this.canvas.selectNote(view.note.id);
    this.set(this.canvas.selectedId);
  }

  /** Closes the card; `refocus` gives the board the keyboard back (the card's own close button had it). */
  close(refocus = false): void {
    this.set(null);
    if (refocus) this.canvas.focusBoard();
  }

  /** Whether a card is open (Escape closes it before it deselects). */
  get anyOpen(): boolean {
    return this.openId !== null;
  }

  /** Another note selected, or none, closes the card. */
  selectionChanged(selectedId: string | null): void {
    if (this.openId !== selectedId) this.set(null);
  }

  recolor(view: NoteView, color: NoteColor): void {
    if (refuseLocked(this.canvas, view.note.step)) return;
    this.canvas.dispatchEvent(boardEvent<NoteRecolorDetail>('note-recolor', { id: view.note.id, color }));
  }

  delete(view: NoteView): void {
    const { id, step } = view.note;
    if (refuseLocked(this.canvas, step)) return;
    this.canvas.dispatchEvent(boardEvent<NoteDeleteDetail>('note-delete', { id }));
    // The page may have refused; the note source says whether the note is still there.
    if (!this.board()?.notes.get(id)) this.canvas.selectNote(null);
    this.canvas.focusBoard();
  }

  /** The carried note appears in this round, in a free spot of the step: the note carried keeps its place. */
  carry(view: NoteView): void {
    const { id, step } = view.note;
    if (refuseLocked(this.canvas, step)) return;
    this.canvas.dispatchEvent(boardEvent<NoteCarryDetail>('note-carry', { id }));
  }

  /** The note's menu steps aside: the issues panel opens with the note's text, and its form takes the keys. */
  raiseIssue(view: NoteView): void {
    this.canvas.dispatchEvent(boardEvent<NoteIssueDetail>('note-issue', { id: view.note.id }));
    this.canvas.selectNote(null);
  }

  render(view: NoteView | undefined) {
    const board = this.board();
    if (!board || !view) return nothing;
    const { canvas } = this;
    const canDelete = canvas.mayDelete(view.note);
    const menu = {
      recolor: (color: NoteColor) => this.recolor(view, color),
      edit: () => this.edit(view),
      delete: () => this.delete(view),
      issue: () => this.raiseIssue(view),
      carry: () => this.carry(view),
    };
    const canRaiseIssue = canvas.canRaiseIssues;
    const rounds = this.roundOffers(view);
    if (this.isOpen(view)) {
      const vote = canvas.votes.get(view.note.id);
      const options = { readOnly: canvas.readOnly, canDelete, canRaiseIssue, vote, ...rounds };
      return noteCardOverlay(board, view, options, { ...menu, close: () => this.close(true) });
    }
    // Escape in the menu puts the note away and gives the board the keyboard back.
    const putAway = () => {
      canvas.selectNote(null);
      canvas.focusBoard();
    };
    return canvas.readOnly
      ? nothing
      : noteMenuOverlay(board, view, { canDelete, canRaiseIssue, ...rounds }, { ...menu, close: putAway });
  }

  private roundOffers(view: NoteView): RoundOffers {
    const round = this.canvas.position?.round ?? 1;
    return {
      carryTo: this.canvas.mayCarry(view.shown) ? round : null,
      roundViewStep: round > 1 ? view.note.step : null,
    };
  }

  private set(id: string | null): void {
    if (id === this.openId) return;
    this.openId = id;
    this.canvas.requestUpdate();
  }
}
