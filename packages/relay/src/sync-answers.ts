import * as Y from 'yjs';

/**
 * Answers to sync step 1 (a peer's state vector: "what do I lack?") for one room, encoded from the room's
 * state once per version of it rather than from the document per request, so a hundred peers asking at one
 * version, or one peer asking a hundred times, cost one encoding. Most askers lack nothing (a reconnecting
 * browser) or everything (a new one): both are answered from what is kept, without encoding anything.
 */
export class SyncAnswers {
  private version = 0;
  private kept: {
    version: number;
    state: Uint8Array;
    vector: Map<number, number>;
    deletions: Uint8Array;
  } | null = null;
  /** How many times the room's whole state was encoded: what answering costs. */
  encodings = 0;

  constructor(private doc: Y.Doc) {}

  /** The document changed: answers kept so far are stale. */
  changed(): void {
    this.version += 1;
  }

  /** The room replaced its document with `doc`: answers come from it now. */
  follow(doc: Y.Doc): void {
    this.doc = doc;
    this.changed();
  }

  /** Everything in the room a peer with `stateVector` lacks, as one update. Throws on a malformed vector. */
  missingFor(stateVector: Uint8Array): Uint8Array {
    const theirs = Y.decodeStateVector(stateVector);
    const kept = this.current();
    if (theirs.size === 0) return kept.state;
    // Deletions do not move a state vector, so a peer that has every item may still lack some of them.
    if (covers(theirs, kept.vector)) return kept.deletions;
    return Y.diffUpdate(kept.state, stateVector);
  }

  private current() {
    if (this.kept?.version !== this.version) {
      this.encodings += 1;
      const vector = Y.encodeStateVector(this.doc);
      this.kept = {
        version: this.version,
        state: Y.encodeStateAsUpdate(this.doc),
        vector: Y.decodeStateVector(vector),
        // No items, every deletion: what a peer that has every item may still lack.
        deletions: Y.encodeStateAsUpdate(this.doc, vector),
      };
    }
    return this.kept;
  }
}

function covers(theirs: Map<number, number>, ours: Map<number, number>): boolean {
  for (const [client, clock] of ours) if ((theirs.get(client) ?? 0) < clock) return false;
  return true;
}
