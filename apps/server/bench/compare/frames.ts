import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Framing } from './servers.ts';

/**
 * How a client's y-websocket messages travel to one kind of server. y-websocket servers (Kompas, the reference)
 * take them as they are. Hocuspocus puts the document name before every message, wants an auth message first,
 * answers a sync step 1 with its own step 1 as "sync reply" (4) and acknowledges every update with a "sync
 * status" (8): the codec adds and strips the name, sends the auth message, reads a sync reply as the sync
 * message it is, and drops what the official y-websocket client does not know (auth answers, sync statuses).
 */
export interface FrameCodec {
  /** The address the socket opens, from the client's URL (server URL, then `/<room>` and parameters). */
  address(url: string): string;
  /** Sent once the socket is open, before anything of the client's. */
  greeting(): Uint8Array | undefined;
  wrap(message: Uint8Array): Uint8Array;
  /** The y-websocket message in a frame, or undefined when the client has nothing to do with it. */
  unwrap(frame: Uint8Array): Uint8Array | undefined;
}

const PLAIN: FrameCodec = {
  address: (url) => url,
  greeting: () => undefined,
  wrap: (message) => message,
  unwrap: (frame) => frame,
};

/** Hocuspocus's message types (@hocuspocus/server types.ts) that differ from y-websocket's. */
const HOCUSPOCUS = { sync: 0, auth: 2, authToken: 0, syncReply: 4, syncStatus: 8 } as const;

function hocuspocusCodec(token: string): (url: string) => FrameCodec {
  return (url) => {
    const { origin, pathname } = new URL(url);
    const documentName = decodeURIComponent(pathname.slice(pathname.lastIndexOf('/') + 1));
    const prefixed = (write: (encoder: encoding.Encoder) => void) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, documentName);
      write(encoder);
      return encoding.toUint8Array(encoder);
    };
    return {
      address: () => origin,
      greeting: () =>
        prefixed((encoder) => {
          encoding.writeVarUint(encoder, HOCUSPOCUS.auth);
          encoding.writeVarUint(encoder, HOCUSPOCUS.authToken);
          encoding.writeVarString(encoder, token);
        }),
      wrap: (message) => prefixed((encoder) => encoding.writeUint8Array(encoder, message)),
      unwrap: (frame) => {
        const decoder = decoding.createDecoder(frame);
        decoding.readVarString(decoder);
        const start = decoder.pos;
        const type = decoding.readVarUint(decoder);
        if (type === HOCUSPOCUS.auth || type === HOCUSPOCUS.syncStatus) return undefined;
        const message = frame.subarray(start);
        if (type !== HOCUSPOCUS.syncReply) return message;
        const asSync = message.slice();
        asSync[0] = HOCUSPOCUS.sync;
        return asSync;
      },
    };
  };
}

/** The codec for each connection of a client, made from the URL it opens. */
export function frameCodec(framing: Framing, token: string): (url: string) => FrameCodec {
  return framing === 'hocuspocus' ? hocuspocusCodec(token) : () => PLAIN;
}
