import * as Y from 'yjs';
import { type Note, notesType, readNoteFields } from './note.ts';
import { schemaType } from './schema.ts';
import { parseStoredVote, votesType } from './voting.ts';

/**
 * A board as it was before a change, read from the document that holds the change and the change's
 * transaction, while the transaction is still open: until it ends, Yjs keeps the content of what it deleted
 * (a deleted note's fields tell who may delete it), and collects it only then. So the server applies a write
 * once, to the room's document, and reads both sides of it there, instead of trying it on a copy first.
 */
export class BoardBefore {
  constructor(
    private readonly doc: Y.Doc,
    private readonly transaction: Y.Transaction,
  ) {}

  /** The note `id` as it was, or undefined when there was none or it was invalid. */
  getNote(id: string): Note | undefined {
    const stored = this.valueOf(notesType(this.doc), id);
    if (!(stored instanceof Y.Map)) return undefined;
    return readNoteFields(id, (key) => this.valueOf(stored, key));
  }

  /** The vote stored under `id` as it was, or undefined when there was none or it was invalid. */
  getVote(id: string): ReturnType<typeof parseStoredVote> {
    return parseStoredVote(id, this.valueOf(votesType(this.doc), id));
  }

  /**
   * How many entries the notes map held. Only keys the change touched (`touched`: every key whose entry it
   * added or removed, and maybe others) can count differently now.
   */
  notesCount(touched: Iterable<string>): number {
    const notes = notesType(this.doc);
    let count = notes.size;
    for (const id of touched) {
      if (notes.has(id)) count -= 1;
      if (this.entryOf(notes, id) !== undefined) count += 1;
    }
    return count;
  }

  /** The ids of the migrations the board recorded. */
  recordedMigrations(): string[] {
    const schema = schemaType(this.doc);
    return [...schema._map.keys()].filter((id) => this.entryOf(schema, id) !== undefined);
  }

  private valueOf(map: Y.Map<unknown>, key: string): unknown {
    const entry = this.entryOf(map, key);
    return entry?.content.getContent()[entry.length - 1];
  }

  /**
   * The entry `map` showed under `key` before the transaction: the last one under the key that the
   * transaction did not add, unless it was deleted already. Entries under one key form a list whose last
   * live one is shown; what the transaction added may sit anywhere in it, what was there keeps its order.
   */
  private entryOf(map: Y.Map<unknown>, key: string): Y.Item | undefined {
    const { transaction } = this;
    let entry = map._map.get(key) ?? null;
    while (entry !== null && entry.id.clock >= (transaction.beforeState.get(entry.id.client) ?? 0)) {
      entry = entry.left;
    }
    if (entry === null || (entry.deleted && !Y.isDeleted(transaction.deleteSet, entry.id))) return undefined;
    return entry;
  }
}
