import { getNote, listNotes, observeNotes } from '@kompas/model';
import type * as Y from 'yjs';
import type { NoteChanges, NoteSource, ShownNote } from './note-source.ts';
import { ShownNotes, stack } from './shown-notes.ts';

/**
 * The notes of a live board: those of the board's document and, when this person may see them, the private
 * drafts of a silent brainstorm (a note on the board is shown as such, not as a draft). It follows both
 * documents while anyone listens, re-reading only the notes a change touched.
 */
export class LiveNoteSource implements NoteSource {
  private readonly shown = new ShownNotes();
  private stopObserving: (() => void) | null = null;

  constructor(
    private readonly board: Y.Doc,
    private readonly drafts?: Y.Doc,
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
    this.shown.replace(this.readAll());
    const refresh = (ids: Set<string>) => this.shown.refresh(ids, (id) => this.read(id));
    const offBoard = observeNotes(this.board, refresh);
    const offDrafts = this.drafts ? observeNotes(this.drafts, refresh) : () => undefined;
    this.stopObserving = () => {
      offBoard();
      offDrafts();
    };
  }

  private read(id: string): ShownNote | undefined {
    const note = getNote(this.board, id);
    if (note) return { note, draft: false };
    const draft = this.drafts ? getNote(this.drafts, id) : undefined;
    return draft ? { note: draft, draft: true } : undefined;
  }

  private readAll(): Map<string, ShownNote> {
    const all = new Map<string, ShownNote>();
    if (this.drafts) for (const note of listNotes(this.drafts)) all.set(note.id, { note, draft: true });
    for (const note of listNotes(this.board)) all.set(note.id, { note, draft: false });
    return all;
  }
}

const made = new WeakMap<Y.Doc, { drafts: Y.Doc | undefined; source: LiveNoteSource }>();

/**
 * The note source of a board's document and drafts, the same one each time it is asked for, so a view bound
 * to it keeps its subscription (and its drawing) across renders.
 */
export function liveNoteSource(board: Y.Doc, drafts?: Y.Doc): LiveNoteSource {
  const known = made.get(board);
  if (known && known.drafts === drafts) return known.source;
  const source = new LiveNoteSource(board, drafts);
  made.set(board, { drafts, source });
  return source;
}
