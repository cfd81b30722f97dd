import type { Note } from '@kompas/model';
import type { Binding } from './binding.ts';

/**
 * Where a note stands in the rounds of the circle, as the board marks it. A note of the round the group is in
 * that was not carried along has none of these.
 */
export interface RoundMarks {
  /** The earlier round the note was written in: it stays on the board, dimmed. */
  readonly earlierRound?: number;
  /** The round of the note this one was carried from (the note carried may be gone: see `note.carriedFrom`). */
  readonly carriedFromRound?: number;
  /** The round the group is in, once this note of an earlier round has been carried into it. */
  readonly carriedInto?: number;
}

/**
 * A note as the board shows it: on the board, or a private draft of a silent brainstorm (seen by few), with
 * its marks of the rounds. Notes archived at the start of a later round are not shown at all.
 */
export interface ShownNote extends RoundMarks {
  readonly note: Note;
  readonly draft: boolean;
}

/** Whether two shown notes carry the same marks of the rounds. */
export function sameMarks(a: RoundMarks, b: RoundMarks): boolean {
  return (
    a.earlierRound === b.earlierRound &&
    a.carriedFromRound === b.carriedFromRound &&
    a.carriedInto === b.carriedInto
  );
}

/**
 * What one change did to the shown notes, by id, so a view redraws only those: with a thousand notes a
 * drag of one must not redraw them all. An updated note may look as it did (a view compares).
 */
export interface NoteChanges {
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly removed: readonly string[];
}

/**
 * The notes a board shows, in plain values: what the canvas, the notes list and the picture of the board
 * draw. The live board (LiveNoteSource) and a replay both feed one.
 */
export interface NoteSource {
  /** Every shown note, bottom to top in the board's stacking order (compareStacking). */
  notes(): readonly ShownNote[];
  get(id: string): ShownNote | undefined;
  /** Calls `listener` after each change, until the returned function is called. */
  subscribe(listener: (changes: NoteChanges) => void): () => void;
}

/** The changes that turn `before` into `after`; notes are compared by identity, as sources replace changed ones. */
export function noteChanges(
  before: ReadonlyMap<string, ShownNote>,
  after: ReadonlyMap<string, ShownNote>,
): NoteChanges {
  const added: string[] = [];
  const updated: string[] = [];
  const removed: string[] = [];
  for (const [id, shown] of after) {
    const previous = before.get(id);
    if (!previous) added.push(id);
    else if (previous.note !== shown.note || previous.draft !== shown.draft || !sameMarks(previous, shown)) {
      updated.push(id);
    }
  }
  for (const id of before.keys()) if (!after.has(id)) removed.push(id);
  return { added, updated, removed };
}

/** Whether `changes` changes nothing. */
export function noChanges(changes: NoteChanges): boolean {
  return changes.added.length === 0 && changes.updated.length === 0 && changes.removed.length === 0;
}

/** What happened to a source's notes since a view last looked: all of them may be new, or just these. */
export type NoteUpdate = { readonly all: true } | { readonly all: false; readonly changes: NoteChanges };

/** The update a view starts from: it draws every note. */
export const ALL_NOTES: NoteUpdate = { all: true };

/**
 * A binding to a note source for one view (ui/bound-value.ts): each change becomes a new update carrying
 * the ids it touched, so the view redraws only those; the first read after binding is `all`.
 */
export function noteUpdates(): Binding<NoteSource, NoteUpdate> {
  let pending: NoteChanges | null = null;
  return {
    watch(source, changed) {
      pending = null;
      return source.subscribe((changes) => {
        pending = changes;
        changed();
      });
    },
    read() {
      const changes = pending;
      pending = null;
      return changes ? { all: false, changes } : { all: true };
    },
  };
}
