import { applyFrame, type BoardFrame, type BoardState, emptyBoardState, type Rounds } from '@kompas/model';
import { FIRST_ROUND, roundsKey, shownInRound } from '../core/board-rounds.ts';
import type { NoteChanges, NoteSource, ShownNote } from '../core/note-source.ts';
import { ShownNotes } from '../core/shown-notes.ts';

/**
 * The board room as a replay shows it, in plain values: the notes (a note source for the canvas, the notes
 * list and the picture of the board), the votes and the title. Frames play forward in place, telling the
 * canvas only the notes they touched; a seek shows another state, which tells it what differs. Notes are
 * placed in the round the group was in at the time shown (see `showRounds`), as the live board placed them.
 */
export class ReplayNoteSource implements NoteSource {
  private readonly shown = new ShownNotes();
  private current: BoardState = emptyBoardState();
  private rounds: Rounds = FIRST_ROUND;
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
      for (const [id, note] of Object.entries(frame.notes)) {
        touched.add(id);
        // A note carried along changes the mark of the note it was carried from.
        const origin = note?.carriedFrom ?? this.shown.get(id)?.note.carriedFrom;
        if (origin !== undefined) touched.add(origin);
      }
    }
    this.changes++;
    this.shown.refresh(touched, (id) => this.read(id));
  }

  /** Shows `state` instead (it is kept, not copied). */
  show(state: BoardState): void {
    this.current = state;
    this.changes++;
    this.shown.replace(this.readAll());
  }

  /**
   * Places the notes in `rounds`, the rounds at the time shown (from the replayed control room): notes of
   * earlier rounds dimmed or archived as the facilitator had chosen then. Re-reads nothing when every note
   * stays where it was.
   */
  showRounds(rounds: Rounds): void {
    const same = roundsKey(rounds) === roundsKey(this.rounds);
    this.rounds = rounds;
    if (same) return;
    this.changes++;
    this.shown.replace(this.readAll());
  }

  private read(id: string): ShownNote | undefined {
    const note = this.current.notes[id];
    return note ? shownInRound(note, false, this.rounds, (other) => this.current.notes[other]) : undefined;
  }

  private readAll(): Map<string, ShownNote> {
    const all = new Map<string, ShownNote>();
    for (const id of Object.keys(this.current.notes)) {
      const shown = this.read(id);
      if (shown) all.set(id, shown);
    }
    return all;
  }
}
