import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** What ws's Receiver (ws/lib/receiver.js) keeps while it reads a frame; not part of ws's typed API. */
interface ReceiverState {
  /** GET_INFO (0) between frames; a later state while a frame's header, mask or payload is being read. */
  _state: number;
  /** Bytes received but not yet taken into a frame: part of a frame's header or payload. */
  _bufferedBytes: number;
  /** The opcode of a fragmented message whose last fragment has not come yet; 0 otherwise. */
  _fragmented: number;
}

interface WebSocketInternals {
  _socket?: Socket | null;
  _receiver?: Partial<ReceiverState> | null;
}

const GET_INFO = 0;

/**
 * Calls `onExpired` once a frame (or a fragmented message) has been started and not finished within
 * `deadlineMs`. ws buffers a started frame until its last byte arrives and tells nobody, so a client could hold
 * a frame's worth of memory as long as it likes. This listens to the raw socket's 'data' after ws has (ws
 * attaches its own listener when the socket becomes a WebSocket, before anyone else can), looks whether ws's
 * receiver is in the middle of a frame, and starts the clock when it is and none is running; every whole
 * message stops it, so each frame gets its own deadline. Returns false, watching nothing, when `ws` does not
 * have the internals this reads (a ws version that changed them): the caller should say so.
 */
export function watchFrameDeadline(ws: WebSocket, deadlineMs: number, onExpired: () => void): boolean {
  const { _socket: socket, _receiver: receiver } = ws as unknown as WebSocketInternals;
  if (!socket || !receiver || !isReceiverState(receiver)) return false;
  let timer: NodeJS.Timeout | null = null;
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const midFrame = () =>
    receiver._state !== GET_INFO || receiver._bufferedBytes > 0 || receiver._fragmented !== 0;
  const onData = () => {
    if (!midFrame()) stop();
    else timer ??= setTimeout(onExpired, deadlineMs);
  };
  socket.on('data', onData);
  ws.on('message', stop);
  ws.once('close', () => {
    stop();
    socket.off('data', onData);
  });
  return true;
}

function isReceiverState(receiver: Partial<ReceiverState>): receiver is ReceiverState {
  return (
    typeof receiver._state === 'number' &&
    typeof receiver._bufferedBytes === 'number' &&
    typeof receiver._fragmented === 'number'
  );
}
