import {
  type Note,
  type PhasePosition,
  type SlicePosition,
  type StepId,
  slicePositionToPoint,
} from '@kompas/model';
import { nothing, type ReactiveControllerHost } from 'lit';
import { boardEvent, type NoteCreateDetail, type NoteEditDetail } from '../core/board-events.ts';
import type { NoteEditorCommitDetail } from '../notes/note-editor.ts';
import type { StepChooseDetail } from '../notes/step-picker.ts';
import type { BoardStage } from './board-stage.ts';
import { type LockedCanvas, refuseLocked } from './canvas-lock.ts';
import { noteEditorOverlay } from './canvas-overlays.ts';
import { draftSession, type EditSession, editSession, savedEdit } from './edit-session.ts';
import { freeSpot } from './free-spot.ts';
import { StepsUsed, stepForNewNote } from './new-note-step.ts';
import { EDGE_MARGIN } from './overlay-placement.ts';

/** The canvas a note is written on. */
export interface WritingCanvas extends LockedCanvas, ReactiveControllerHost {
  readonly readOnly: boolean;
  readonly shadowRoot: ShadowRoot | null;
  /** Where the group is on the circle, or null before the workshop starts. */
  readonly position: PhasePosition | null;
  selectNote(id: string | null): void;
  focusBoard(): void;
}

/**
 * The note being written on the canvas, new or existing, in an editor over its place; saving it fires
 * `note-create` or `note-edit`, unless the lock has come down on its phase meanwhile. It also decides which
 * step "Add note" writes into: one of the current phase's, which the editor lets the person change.
 */
export class NoteWriting {
  /** The note being written, or null. */
  session: EditSession | null = null;
  private readonly stepsUsed = new StepsUsed();

  constructor(private readonly canvas: WritingCanvas) {}

  /** "Add note": a new note in a step of the current phase, at a free spot there. */
  add(board: BoardStage): void {
    if (this.canvas.readOnly) return;
    const step = stepForNewNote(this.canvas, this.canvas.position, this.stepsUsed);
    if (step) this.startDraft(step, this.spotIn(board, step));
  }

  /** Starts a new note at `pos` in `step`; returns whether it started. */
  startDraft(step: StepId, pos: SlicePosition): boolean {
    if (this.canvas.readOnly || refuseLocked(this.canvas, step)) return false;
    this.canvas.selectNote(null);
    this.stepsUsed.used(step);
    this.set(draftSession(step, pos));
    return true;
  }

  startEditing(note: Note): void {
    if (this.canvas.readOnly || refuseLocked(this.canvas, note.step)) return;
    this.canvas.selectNote(note.id);
    this.set(editSession(note));
  }

  /** A note moved into `step` by this person: "Add note" in its phase goes there next. */
  moved(step: StepId): void {
    this.stepsUsed.used(step);
  }

  /** Drops the note being written, unsaved. */
  stop(): void {
    this.set(null);
  }

  render(board: BoardStage | null) {
    if (!this.session || !board) return nothing;
    return noteEditorOverlay(board, this.session, {
      commit: (event) => this.commit(event),
      cancel: () => {
        this.stop();
        this.canvas.focusBoard();
      },
      step: (event) => this.changeStep(board, event),
    });
  }

  /** A free spot in `step`, brought on screen; the editor keeps itself on screen, not the spot. */
  private spotIn(board: BoardStage, step: StepId): SlicePosition {
    const { pos } = freeSpot(board.notes.notes(), step);
    board.bringIntoView(slicePositionToPoint(step, pos), EDGE_MARGIN * 4);
    return pos;
  }

  /** The new note goes to another step of its phase; what was typed stays in the editor. */
  private changeStep(board: BoardStage, event: CustomEvent<StepChooseDetail>): void {
    const session = this.session;
    const { step } = event.detail;
    if (!session?.isNew || refuseLocked(this.canvas, step)) return;
    this.stepsUsed.used(step);
    this.set({ ...session, step, pos: this.spotIn(board, step) });
  }

  private commit(event: CustomEvent<NoteEditorCommitDetail>): void {
    const session = this.session;
    this.stop();
    if (!session) return;
    const keepFocus = this.canvas.shadowRoot?.activeElement?.tagName === 'KOMPAS-NOTE-EDITOR';
    const saved = savedEdit(session, event.detail.text);
    // The facilitator may have locked the phase while the note was being written.
    if (saved && refuseLocked(this.canvas, session.step)) return;
    // A new note is not left selected: its toolbar would stay over the board, and other people's notes.
    if (saved && 'create' in saved) {
      this.canvas.dispatchEvent(boardEvent<NoteCreateDetail>('note-create', saved.create));
    } else if (saved) {
      this.canvas.dispatchEvent(boardEvent<NoteEditDetail>('note-edit', saved.edit));
    }
    if (keepFocus) this.canvas.focusBoard();
  }

  private set(session: EditSession | null): void {
    this.session = session;
    this.canvas.requestUpdate();
  }
}
