import { getNote, listNotes, observeNotes, type Rounds, readRounds } from '@kompas/model';
import type * as Y from 'yjs';
import { FIRST_ROUND, observeRounds, roundsKey, shownInRound } from './board-rounds.ts';
import type { NoteChanges, NoteSource, ShownNote } from './note-source.ts';
import { ShownNotes, stack } from './shown-notes.ts';

/**
 * The notes of a live board: those of the board's document and, when this person may see them, the private
 * drafts of a silent brainstorm (a note on the board is shown as such, not as a draft), placed in the round
 * the group is in by the control document: notes of earlier rounds dimmed and marked, or archived and not
 * shown. It follows the documents while anyone listens, re-reading only the notes a change touched, and every
 * note only when a change of the rounds places notes differently.
 */
export class LiveNoteSource implements NoteSource {
  private readonly shown = new ShownNotes();
  private stopObserving: (() => void) | null = null;
  /** The rounds the shown notes are placed by, while anyone listens. */
  private rounds: Rounds = FIRST_ROUND;

  constructor(
    private readonly board: Y.Doc,
    private readonly drafts?: Y.Doc,
    private readonly control?: Y.Doc,
  ) {}

  notes(): readonly ShownNote[] {
    return this.shown.listening ? this.shown.notes() : stack([...this.readAll().values()]);
  }

  get(id: string): ShownNote | undefined {
    return this.shown.listening ? this.shown.get(id) : this.read(id);
  }

  subscribe(listener: (changes: NoteChanges) => void): () => void {
    if (!this.shown.listening) this.observe();
    const unsubscribe = this.shown.subscribe(listener);
    return () => {
      unsubscribe();
      if (this.shown.listening) return;
      this.stopObserving?.();
      this.stopObserving = null;
    };
  }

  private observe(): void {
    // Nobody listens yet, so loading the notes tells no one.
    this.rounds = this.readRounds();
    this.shown.replace(this.readAll(this.rounds));
    const refresh = (ids: Set<string>) => {
      const rounds = this.rounds;
      this.shown.refresh(withLinkedNotes(ids, this.shown, this.board), (id) => this.read(id, rounds));
    };
    const offBoard = observeNotes(this.board, refresh);
    const offDrafts = this.drafts ? observeNotes(this.drafts, refresh) : () => undefined;
    const offRounds = this.control
      ? observeRounds(this.control, () => this.roundsChanged())
      : () => undefined;
    this.stopObserving = () => {
      offBoard();
      offDrafts();
      offRounds();
    };
  }

  /** A new round, a choice changed, or the group went back: every note is placed again if that moves any. */
  private roundsChanged(): void {
    const rounds = this.readRounds();
    const same = roundsKey(rounds) === roundsKey(this.rounds);
    this.rounds = rounds;
    if (!same) this.shown.replace(this.readAll(rounds));
  }

  private readRounds(): Rounds {
    return this.control ? readRounds(this.control) : FIRST_ROUND;
  }

  private read(id: string, rounds = this.readRounds()): ShownNote | undefined {
    const find = (other: string) => getNote(this.board, other);
    const note = find(id);
    if (note) return shownInRound(note, false, rounds, find);
    const draft = this.drafts ? getNote(this.drafts, id) : undefined;
    return draft ? { note: draft, draft: true } : undefined;
  }

  private readAll(rounds = this.readRounds()): Map<string, ShownNote> {
    const all = new Map<string, ShownNote>();
    if (this.drafts) for (const note of listNotes(this.drafts)) all.set(note.id, { note, draft: true });
    const notes = listNotes(this.board);
    const byId = new Map(notes.map((note) => [note.id, note]));
    for (const note of notes) {
      all.delete(note.id);
      const shown = shownInRound(note, false, rounds, (other) => byId.get(other));
      if (shown) all.set(note.id, shown);
    }
    return all;
  }
}

/**
 * `ids` and the notes whose marks their change may change: a note carried along (or taken back) changes the
 * mark of the note it was carried from.
 */
function withLinkedNotes(ids: Set<string>, shown: ShownNotes, board: Y.Doc): Set<string> {
  const linked = new Set(ids);
  for (const id of ids) {
    const before = shown.get(id)?.note.carriedFrom;
    const after = getNote(board, id)?.carriedFrom;
    if (before !== undefined) linked.add(before);
    if (after !== undefined) linked.add(after);
  }
  return linked;
}

const made = new WeakMap<
  Y.Doc,
  { drafts: Y.Doc | undefined; control: Y.Doc | undefined; source: LiveNoteSource }
>();

/**
 * The note source of a board's document, drafts and control document, the same one each time it is asked
 * for, so a view bound to it keeps its subscription (and its drawing) across renders.
 */
export function liveNoteSource(board: Y.Doc, drafts?: Y.Doc, control?: Y.Doc): LiveNoteSource {
  const known = made.get(board);
  if (known && known.drafts === drafts && known.control === control) return known.source;
  const source = new LiveNoteSource(board, drafts, control);
  made.set(board, { drafts, control, source });
  return source;
}
