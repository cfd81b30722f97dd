import { compareStacking } from '@kompas/model';
import { type NoteChanges, type NoteSource, noChanges, noteChanges, type ShownNote } from './note-source.ts';

/** Sorts shown notes into the board's stacking order, in place. */
export function stack(notes: ShownNote[]): ShownNote[] {
  return notes.sort((a, b) => compareStacking(a.note, b.note));
}

/**
 * The notes a source shows and who listens to them: the part every NoteSource shares. Sources set what
 * changed; listeners hear it once per call.
 */
export class ShownNotes implements NoteSource {
  private byId = new Map<string, ShownNote>();
  /** `byId` in stacking order, made when first asked for after a change. */
  private stacked: ShownNote[] | null = [];
  private readonly listeners = new Set<(changes: NoteChanges) => void>();

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  notes(): readonly ShownNote[] {
    this.stacked ??= stack([...this.byId.values()]);
    return this.stacked;
  }

  get(id: string): ShownNote | undefined {
    return this.byId.get(id);
  }

  subscribe(listener: (changes: NoteChanges) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Shows `next` instead, telling listeners which notes came, went or were replaced. */
  replace(next: Map<string, ShownNote>): void {
    const changes = noteChanges(this.byId, next);
    this.byId = next;
    this.changed(changes);
  }

  /** Re-reads the notes with `ids` through `read` (undefined: not shown), telling listeners what changed. */
  refresh(ids: Iterable<string>, read: (id: string) => ShownNote | undefined): void {
    const added: string[] = [];
    const updated: string[] = [];
    const removed: string[] = [];
    for (const id of ids) {
      const shown = read(id);
      const had = this.byId.has(id);
      if (shown) {
        this.byId.set(id, shown);
        (had ? updated : added).push(id);
      } else if (had) {
        this.byId.delete(id);
        removed.push(id);
      }
    }
    this.changed({ added, updated, removed });
  }

  private changed(changes: NoteChanges): void {
    if (noChanges(changes)) return;
    this.stacked = null;
    for (const listener of [...this.listeners]) listener(changes);
  }
}
