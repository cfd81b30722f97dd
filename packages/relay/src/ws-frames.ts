import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/*
 * Writing a message through ws frames it for each connection: an options object, a header buffer and two
 * chunks queued on the socket, per connection. A room sends the same message to every connection, so the relay
 * frames it once (RFC 6455 §5.2: a final, unmasked binary frame, as a server sends) and writes that one chunk
 * to each connection's socket itself. Only what ws would write unchanged is written this way: a connection
 * that negotiated an extension (compression) is sent through ws.
 */

/** FIN set, opcode 2 (binary). */
const FINAL_BINARY = 0x82;
/** Payload lengths from here on take 2 bytes after the header's first two, and from 2^16 on, 8. */
const TWO_BYTE_LENGTH = 126;
const EIGHT_BYTE_LENGTH = 127;

/**
 * A message larger than this is written as a header and its own bytes (two chunks) rather than copied into a
 * frame: large messages (a board's first sync) go to one connection, where a copy saves nothing.
 */
const LARGEST_COPIED = 16 * 1024;

const frames = new WeakMap<Uint8Array, Buffer>();

/**
 * The TCP socket under a ws WebSocket, which ws keeps to itself (`_socket`), or null when this ws version keeps
 * it differently: frames written to it while it is corked leave in one write when it is uncorked. ws corks and
 * uncorks it around each frame itself; Node counts the corks, so that write waits for the outermost uncork.
 */
export function underlyingSocket(ws: WebSocket): Socket | null {
  const socket = (ws as unknown as { _socket?: Partial<Socket> | null })._socket;
  const usable =
    typeof socket?.cork === 'function' &&
    typeof socket.uncork === 'function' &&
    typeof socket.write === 'function';
  return usable ? (socket as Socket) : null;
}

/**
 * The socket this relay may write frames to itself: ws's own, when the connection negotiated no extension
 * (an extension such as compression changes every frame, and only ws knows how).
 */
export function frameableSocket(ws: WebSocket): Socket | null {
  return ws.extensions === '' ? underlyingSocket(ws) : null;
}

/** Writes `message` to `socket` as one binary WebSocket frame, framed once however many sockets it goes to. */
export function writeBinaryFrame(socket: Socket, message: Uint8Array): void {
  if (message.byteLength > LARGEST_COPIED) {
    socket.write(frameHeader(message.byteLength, 0));
    socket.write(message);
    return;
  }
  let frame = frames.get(message);
  if (frame === undefined) {
    frame = frameHeader(message.byteLength, message.byteLength);
    frame.set(message, frame.byteLength - message.byteLength);
    frames.set(message, frame);
  }
  socket.write(frame);
}

/** A frame header for a payload of `length` bytes, with `room` bytes left after it for the payload. */
function frameHeader(length: number, room: number): Buffer {
  const extra = length < TWO_BYTE_LENGTH ? 0 : length < 2 ** 16 ? 2 : 8;
  const header = Buffer.allocUnsafe(2 + extra + room);
  header[0] = FINAL_BINARY;
  if (extra === 0) {
    header[1] = length;
  } else if (extra === 2) {
    header[1] = TWO_BYTE_LENGTH;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = EIGHT_BYTE_LENGTH;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return header;
}
