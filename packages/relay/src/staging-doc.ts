import { CloseCode } from '@kompas/protocol';
import * as Y from 'yjs';

/** Who makes a write, as the server described the connection at the upgrade; the relay only passes it on. */
export interface Writer {
  /** The person's id, issued by the server: what authorship is checked against. */
  readonly person: string;
  /** What the person may do on the board (the server's roles; the relay does not interpret it). */
  readonly role: string;
}

/** What a validator is given besides the document after the change. */
export interface WriteAttempt {
  /** The room's document before the change: the change is tried on a copy first. */
  readonly before: Y.Doc;
  readonly writer: Writer;
  /** The document of the room's companion (see RelayOptions.companion), or null when it has none. */
  readonly companion: Y.Doc | null;
}

/** A refusal with its own close code (a budget, 4429), instead of 4422 for invalid data. */
export interface Refusal {
  readonly reason: string;
  readonly code: number;
}

/**
 * Checks what a transaction changed in a room's document (after the transaction); returns why the change is
 * refused, or null. The relay only calls it: what is valid is up to whoever passes it.
 */
/**
 * Why an update cannot be a valid write, read from the update alone (and the room's document, to tell what is
 * new in it), or null: refusals it makes cost nothing,
 * as the update is never tried on the room's staging copy, which a refusal makes the room rebuild.
 */
export type UpdatePrecheck = (
  update: Uint8Array,
  writer: Writer,
  room: Y.Doc,
  companion: Y.Doc | null,
) => string | Refusal | null;

export type ChangeValidator = (
  doc: Y.Doc,
  transaction: Y.Transaction,
  attempt: WriteAttempt,
) => string | Refusal | null;

/**
 * A copy of a room's document that every write is tried on first, so the validator sees the change in the
 * context of the whole document while a refused write never touches the room's document. Copying the
 * document for every write would cost far more; this copy is rebuilt only after a refusal.
 */
export class StagingDoc {
  private doc: Y.Doc;
  /** How many times the copy was rebuilt: what refusals cost (about 50 ms for a board of 2,000 notes). */
  rebuilds = 0;

  constructor(
    private readonly source: Y.Doc,
    private readonly validate: ChangeValidator,
  ) {
    this.doc = copyOf(source);
  }

  /**
   * Applies `update` to the copy and returns why the validator refused it (the copy is then rebuilt), or null
   * when the source should apply it too. Throws, after rebuilding, when Yjs cannot read the update; one that
   * is only nested too deeply to read is refused as invalid data instead.
   */
  try(update: Uint8Array, attempt: WriteAttempt): string | Refusal | null {
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
      // Yjs encodes values nested deeper than it can decode: a well-formed update, refused for its data.
      if (isStackOverflow(error)) return TOO_DEEP;
      throw error;
    } finally {
      doc.off('afterTransaction', capture);
    }
    const problem = hasMissingParts(doc) ? MISSING_PARTS : this.check(transaction, attempt);
    if (problem !== null) this.rebuild();
    return problem;
  }

  /** Makes the copy identical to the source again, after a write the source did not take. */
  rebuild(): void {
    this.rebuilds += 1;
    this.doc.destroy();
    this.doc = copyOf(this.source);
  }

  destroy(): void {
    this.doc.destroy();
  }

  private check(transaction: Y.Transaction | null, attempt: WriteAttempt): string | Refusal | null {
    // An update that changes nothing (already known, or waiting for missing parts) has nothing to check.
    if (transaction === null || transaction.changed.size === 0) return null;
    try {
      return this.validate(this.doc, transaction, attempt);
    } catch (error) {
      // Refuse what cannot be checked rather than let it through.
      return `could not check the change (${String(error)})`;
    }
  }
}

/**
 * An update that depends on changes the room does not have is held by Yjs until they arrive, and would then be
 * integrated inside somebody else's write, checked as theirs. So it is refused; the client reconnects (the code
 * is not one of the final 44xx refusals) and its sync sends what was missing first.
 */
export const MISSING_PARTS: Refusal = {
  reason: 'update depends on changes the server does not have; sync again',
  code: CloseCode.missingParts,
};

/** Why an update whose values nest too deeply to be read is refused. */
export const TOO_DEEP = 'values nested too deeply to read';

export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function hasMissingParts(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Includes updates still waiting for missing parts, so both documents integrate them at the same time. */
function copyOf(source: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}
