import type { Note, SlicePosition, StepId } from '@kompas/model';
import { nothing, type ReactiveControllerHost } from 'lit';
import { boardEvent, type NoteCreateDetail, type NoteEditDetail } from '../core/board-events.ts';
import type { NoteEditorCommitDetail } from '../notes/note-editor.ts';
import type { BoardStage } from './board-stage.ts';
import { type LockedCanvas, refuseLocked } from './canvas-lock.ts';
import { noteEditorOverlay } from './canvas-overlays.ts';
import { draftSession, type EditSession, editSession, savedEdit } from './edit-session.ts';

/** The canvas a note is written on. */
export interface WritingCanvas extends LockedCanvas, ReactiveControllerHost {
  readonly readOnly: boolean;
  readonly shadowRoot: ShadowRoot | null;
  selectNote(id: string | null): void;
  focusBoard(): void;
}

/**
 * The note being written on the canvas, new or existing, in an editor over its place; saving it fires
 * `note-create` or `note-edit`, unless the lock has come down on its phase meanwhile.
 */
export class NoteWriting {
  /** The note being written, or null. */
  session: EditSession | null = null;

  constructor(private readonly canvas: WritingCanvas) {}

  /** Starts a new note at `pos` in `step`; returns whether it started. */
  startDraft(step: StepId, pos: SlicePosition): boolean {
    if (this.canvas.readOnly || refuseLocked(this.canvas, step)) return false;
    this.canvas.selectNote(null);
    this.set(draftSession(step, pos));
    return true;
  }

  startEditing(note: Note): void {
    if (this.canvas.readOnly || refuseLocked(this.canvas, note.step)) return;
    this.canvas.selectNote(note.id);
    this.set(editSession(note));
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
    });
  }

  private commit(event: CustomEvent<NoteEditorCommitDetail>): void {
    const session = this.session;
    this.stop();
    if (!session) return;
    const keepFocus = this.canvas.shadowRoot?.activeElement?.tagName === 'KOMPAS-NOTE-EDITOR';
    const saved = savedEdit(session, event.detail.text);
    // The facilitator may have locked the phase while the note was being written.
    if (saved && refuseLocked(this.canvas, session.step)) return;
    if (saved && 'create' in saved) {
      this.canvas.dispatchEvent(boardEvent<NoteCreateDetail>('note-create', saved.create));
      this.canvas.selectNote(saved.create.id);
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
