import * as Y from 'yjs';

/**
 * Checks what a transaction changed in a room's document (after the transaction); returns why the change is
 * invalid, or null. The relay only calls it: what is valid is up to whoever passes it.
 */
export type ChangeValidator = (doc: Y.Doc, transaction: Y.Transaction) => string | null;

/**
 * A copy of a room's document that every write is tried on first, so the validator sees the change in the
 * context of the whole document while a refused write never touches the room's document. Copying the
 * document for every write would cost far more; this copy is rebuilt only after a refusal.
 */
export class StagingDoc {
  private doc: Y.Doc;

  constructor(
    private readonly source: Y.Doc,
    private readonly validate: ChangeValidator,
  ) {
    this.doc = copyOf(source);
  }

  /**
   * Applies `update` to the copy and returns why the validator refused it (the copy is then rebuilt), or null
   * when the source should apply it too. Throws, after rebuilding, when Yjs cannot read the update.
   */
  try(update: Uint8Array): string | null {
    const doc = this.doc;
    let transaction: Y.Transaction | null = null;
    const capture = (applied: Y.Transaction) => {
      transaction = applied;
    };
    doc.on('afterTransaction', capture);
    try {
      Y.applyUpdate(doc, update);
    } catch (error) {
      this.rebuild();
      throw error;
    } finally {
      doc.off('afterTransaction', capture);
    }
    const problem = this.check(transaction);
    if (problem !== null) this.rebuild();
    return problem;
  }

  /** Makes the copy identical to the source again, after a write the source did not take. */
  rebuild(): void {
    this.doc.destroy();
    this.doc = copyOf(this.source);
  }

  destroy(): void {
    this.doc.destroy();
  }

  private check(transaction: Y.Transaction | null): string | null {
    // An update that changes nothing (already known, or waiting for missing parts) has nothing to check.
    if (transaction === null || transaction.changed.size === 0) return null;
    try {
      return this.validate(this.doc, transaction);
    } catch (error) {
      // Refuse what cannot be checked rather than let it through.
      return `could not check the change (${String(error)})`;
    }
  }
}

/** Includes updates still waiting for missing parts, so both documents integrate them at the same time. */
function copyOf(source: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}
