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
  /** True for sync step 2: the answer to a sync step 1 of ours, which completes the first sync. */
  synced: boolean;
  /** The server's state vector, when the message was its sync step 1 (the greeting). */
  serverState: Uint8Array | null;
}

const NOTHING: IncomingResult = { reply: null, synced: false, serverState: null };

/** Reads one sync message, applying what it carries to the document; step 1 is answered with step 2. */
function readSync(decoder: decoding.Decoder, context: IncomingContext): IncomingResult {
  const syncType = decoding.readVarUint(decoder);
  switch (syncType) {
    case syncProtocol.messageYjsSyncStep1: {
      const serverState = decoding.readVarUint8Array(decoder);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeSyncStep2(encoder, context.doc, serverState);
      return { reply: encoding.toUint8Array(encoder), synced: false, serverState };
    }
    case syncProtocol.messageYjsSyncStep2:
      syncProtocol.readSyncStep2(decoder, context.doc, context.origin);
      return { ...NOTHING, synced: true };
    case syncProtocol.messageYjsUpdate:
      syncProtocol.readUpdate(decoder, context.doc, context.origin);
      return NOTHING;
    default:
      throw new Error(`unknown sync message type ${syncType}`);
  }
}

/** Reads one frame from the server. Throws on a malformed frame; the caller closes the socket. */
export function readIncoming(frame: Uint8Array, context: IncomingContext): IncomingResult {
  const decoder = decoding.createDecoder(frame);
  const messageType = decoding.readVarUint(decoder);
  switch (messageType) {
    case MessageType.sync:
      return readSync(decoder, context);
    case MessageType.awareness:
      awarenessProtocol.applyAwarenessUpdate(
        context.awareness,
        decoding.readVarUint8Array(decoder),
        context.origin,
      );
      return NOTHING;
    case MessageType.queryAwareness:
      return { ...NOTHING, reply: encodeAwareness(context.awareness, [context.awareness.clientID]) };
    case MessageType.auth:
      return NOTHING;
    default:
      throw new Error(`unknown message type ${messageType}`);
  }
}
