import { MessageType } from '@kompas/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Asks for everyone's presence; the answer also proves the connection is alive. */
export function encodeQueryAwareness(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.queryAwareness);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

export interface IncomingContext {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  /** Transaction origin for changes that arrive from the server. */
  origin: unknown;
}

export interface IncomingResult {
  /** A frame to send back (sync step 2 or our awareness), if the message asks for one. */
  reply: Uint8Array | null;
  /** True when the message completed the initial sync (sync step 2). */
  synced: boolean;
}

/** Reads one frame from the server. Throws on a malformed frame; the caller closes the socket. */
export function readIncoming(frame: Uint8Array, context: IncomingContext): IncomingResult {
  const decoder = decoding.createDecoder(frame);
  const encoder = encoding.createEncoder();
  const messageType = decoding.readVarUint(decoder);
  switch (messageType) {
    case MessageType.sync: {
      encoding.writeVarUint(encoder, MessageType.sync);
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, context.doc, context.origin);
      const reply = encoding.length(encoder) > 1 ? encoding.toUint8Array(encoder) : null;
      return { reply, synced: syncType === syncProtocol.messageYjsSyncStep2 };
    }
    case MessageType.awareness:
      awarenessProtocol.applyAwarenessUpdate(
        context.awareness,
        decoding.readVarUint8Array(decoder),
        context.origin,
      );
      return { reply: null, synced: false };
    case MessageType.queryAwareness:
      return {
        reply: encodeAwareness(context.awareness, [context.awareness.clientID]),
        synced: false,
      };
    case MessageType.auth:
      return { reply: null, synced: false };
    default:
      throw new Error(`unknown message type ${messageType}`);
  }
}
