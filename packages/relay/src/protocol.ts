import { MessageType } from '@kompas/protocol';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Largest awareness payload accepted from one client; the official client's full answer for 100 people fits. */
export const MAX_PRESENCE_BYTES = 64 * 1024;

/** Largest presence state (its JSON) kept and relayed: a name, a colour, a cursor and a view need a few hundred. */
export const MAX_PRESENCE_STATE_BYTES = 2048;

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
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function encodeSync(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}
