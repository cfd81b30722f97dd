import { CloseCode } from '@kompas/protocol';
import type * as Y from 'yjs';

/** Who makes a write, as the server described the connection at the upgrade; the relay only passes it on. */
export interface Writer {
  /** The person's id, issued by the server: what authorship is checked against. */
  readonly person: string;
  /** What the person may do on the board (the server's roles; the relay does not interpret it). */
  readonly role: string;
}

/** What a validator is given besides the document and the transaction that changed it. */
export interface WriteAttempt {
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
 * Why an update cannot be a valid write, read from the update alone (and the room's document, to tell what is
 * new in it), or null: refusals it makes cost nothing, as the update is never applied, while a refusal of the
 * validator makes the room rebuild its document.
 */
export type UpdatePrecheck = (
  update: Uint8Array,
  writer: Writer,
  room: Y.Doc,
  companion: Y.Doc | null,
) => string | Refusal | null;

/**
 * Checks what a transaction changed in a room's document; returns why the change is refused, or null. The
 * relay only calls it: what is valid is up to whoever passes it. It is called once the change is in the
 * document, while the transaction is still open ('afterTransaction'): what the change deleted is still
 * readable, so the document before the change can be read from the transaction. A refused change is taken
 * out again by rebuilding the document from what it held before; nothing else sees it.
 */
export type ChangeValidator = (
  doc: Y.Doc,
  transaction: Y.Transaction,
  attempt: WriteAttempt,
) => string | Refusal | null;

/**
 * Checks `transaction` with `validate`. An update that changes nothing (already known, or waiting for missing
 * parts) has nothing to check; one that cannot be checked is refused rather than let through.
 */
export function checkChange(
  validate: ChangeValidator,
  doc: Y.Doc,
  transaction: Y.Transaction,
  attempt: WriteAttempt,
): string | Refusal | null {
  if (transaction.changed.size === 0) return null;
  try {
    return validate(doc, transaction, attempt);
  } catch (error) {
    return `could not check the change (${String(error)})`;
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
