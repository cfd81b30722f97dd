import { applyFrame, type BoardFrame, type BoardState, emptyBoardState, type Note } from '@kompas/model';
import type { NoteChanges, NoteSource, ShownNote } from '../core/note-source.ts';
import { ShownNotes } from '../core/shown-notes.ts';

function shownNotes(notes: Record<string, Note>): Map<string, ShownNote> {
  return new Map(Object.values(notes).map((note) => [note.id, { note, draft: false }]));
}

/**
 * The board room as a replay shows it, in plain values: the notes (a note source for the canvas, the notes
 * list and the picture of the board), the votes and the title. Frames play forward in place, telling the
 * canvas only the notes they touched; a seek shows another state, which tells it what differs.
 */
export class ReplayNoteSource implements NoteSource {
  private readonly shown = new ShownNotes();
  private current: BoardState = emptyBoardState();
  private changes = 0;

  /** The board room at the position shown. Read only: frames and seeks replace it. */
  get state(): Readonly<BoardState> {
    return this.current;
  }

  /** Goes up by one whenever what is shown changes, so readers can tell when to read again. */
  get version(): number {
    return this.changes;
  }

  notes(): readonly ShownNote[] {
    return this.shown.notes();
  }

  get(id: string): ShownNote | undefined {
    return this.shown.get(id);
  }

  subscribe(listener: (changes: NoteChanges) => void): () => void {
    return this.shown.subscribe(listener);
  }

  /** Plays `frames`, in order, on the state shown. */
  apply(frames: readonly BoardFrame[]): void {
    const touched = new Set<string>();
    for (const frame of frames) {
      applyFrame(this.current, frame);
      for (const id of Object.keys(frame.notes)) touched.add(id);
    }
    this.changes++;
    const notes = this.current.notes;
    this.shown.refresh(touched, (id) => {
      const note = notes[id];
      return note ? { note, draft: false } : undefined;
    });
  }

  /** Shows `state` instead (it is kept, not copied). */
  show(state: BoardState): void {
    this.current = state;
    this.changes++;
    this.shown.replace(shownNotes(state.notes));
  }
}
