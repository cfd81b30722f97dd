import * as Y from 'yjs';
import { STORAGE_ORIGIN } from './origins.ts';

/**
 * What a room's document holds, kept as updates: the last full state (loaded, or encoded for a snapshot) and
 * every write accepted since, as logged. A write is applied once, to the room's document, and checked there;
 * a refused one is taken out by building the document again from these. Far less memory than a second
 * document to try writes on: encoded updates, most of them shared with the log's snapshot.
 */
export class AcceptedWrites {
  private state: Uint8Array | null;
  private since: Uint8Array[] = [];

  constructor(state: Uint8Array | null) {
    this.state = state;
  }

  /** The document's whole state, as encoded now: what came before it is no longer needed. */
  restart(state: Uint8Array): void {
    this.state = state;
    this.since = [];
  }

  add(update: Uint8Array): void {
    this.since.push(update);
  }

  /** Applies everything accepted so far to `doc` (a fresh one), in one transaction, as loaded from storage. */
  applyTo(doc: Y.Doc): void {
    doc.transact(() => {
      if (this.state) Y.applyUpdate(doc, this.state);
      for (const update of this.since) Y.applyUpdate(doc, update);
    }, STORAGE_ORIGIN);
  }
}
