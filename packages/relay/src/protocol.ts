import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Message types of the y-websocket protocol: the first varuint of every frame. */
export const messageSync = 0;
export const messageAwareness = 1;
/** Sent by servers that refuse access; we decide access at the upgrade instead, so it is ignored. */
export const messageAuth = 2;
export const messageQueryAwareness = 3;

/** Largest awareness payload accepted from one client; the official client's full answer for 100 people fits. */
export const MAX_PRESENCE_BYTES = 64 * 1024;

/** Largest presence state (its JSON) kept and relayed: a name, a colour, a cursor and a view need a few hundred. */
export const MAX_PRESENCE_STATE_BYTES = 2048;

/** Close codes the relay uses. 44xx tells our client not to reconnect (it would send the same); 45xx, to reconnect and sync. */
export const CloseCode = {
  goingAway: 1001,
  unsupportedData: 1003,
  tooLarge: 1009,
  internalError: 1011,
  malformed: 4400,
  /** A well-formed update whose content the room's validator refused. */
  invalidData: 4422,
  /** An update that depends on changes the room does not have: reconnect and sync (clients retry 45xx). */
  missingParts: 4509,
  /**
   * The client passed one of the budgets that protect everyone from one client (frame size aside, which ws
   * closes with 1009 itself); the reason names it. The official y-websocket client (3.x) does not reconnect
   * after 4400–4499 and emits 'closed'; so does @kompas/client, which reports it as a refusal.
   */
  overBudget: 4429,
} as const;

/** The WebSocket protocol allows at most 123 bytes of UTF-8 in a close reason. */
export const MAX_CLOSE_REASON_BYTES = 123;

/** `reason`, cut to fit a close frame without splitting a character. */
export function fitCloseReason(reason: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(reason).byteLength <= MAX_CLOSE_REASON_BYTES) return reason;
  const ellipsis = '…';
  let fitted = '';
  let bytes = encoder.encode(ellipsis).byteLength;
  for (const character of reason) {
    bytes += encoder.encode(character).byteLength;
    if (bytes > MAX_CLOSE_REASON_BYTES) break;
    fitted += character;
  }
  return fitted + ellipsis;
}

/** A frame the relay cannot accept; `reason` becomes the close reason sent to the client. */
export class ProtocolError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'ProtocolError';
  }
}

/** A document that stays empty: what a write-only connection is told the room holds. */
export const EMPTY_DOC = new Y.Doc();

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return encodeSync((encoder) => syncProtocol.writeSyncStep1(encoder, doc));
}

/** Everything in `doc` that a peer with `stateVector` lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return encodeSync((encoder) => syncProtocol.writeSyncStep2(encoder, doc, stateVector));
}

/** Sync step 2 carrying `update`: the answer to a peer's sync step 1. */
export function encodeSyncAnswer(update: Uint8Array): Uint8Array {
  return encodeSync((encoder) => {
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, update);
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSync((encoder) => syncProtocol.writeUpdate(encoder, update));
}

/** Wraps an awareness update (y-protocols/awareness encoding) into a message. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function encodeSync(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}
