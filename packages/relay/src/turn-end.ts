import type { WebSocket } from 'ws';

/*
 * Writing to a socket costs a system call, whatever it writes: with fifty people in a room, the relay made
 * one per update per connection, and those calls were a large part of its time. So what a connection is sent
 * within one turn of the event loop is written at the end of that turn, in one call.
 */

const waiting = new Set<() => void>();
let scheduled = false;

/**
 * Runs `flush` once, after the I/O of the current turn of the event loop has been handled (setImmediate), with
 * every other flush asked for in this turn; asking again before then changes nothing.
 */
export function atTurnEnd(flush: () => void): void {
  waiting.add(flush);
  if (scheduled) return;
  scheduled = true;
  setImmediate(runWaiting);
}

function runWaiting(): void {
  scheduled = false;
  const flushes = [...waiting];
  waiting.clear();
  for (const flush of flushes) flush();
}

interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * The TCP socket under `ws`, which ws keeps to itself (`_socket`), or null when this ws version keeps it
 * differently: frames written to it while it is corked leave in one write when it is uncorked. ws corks and
 * uncorks it around each frame itself; Node counts the corks, so that write waits for the outermost uncork.
 */
export function corkableSocket(ws: WebSocket): Corkable | null {
  const socket = (ws as unknown as { _socket?: Partial<Corkable> | null })._socket;
  return typeof socket?.cork === 'function' && typeof socket.uncork === 'function'
    ? (socket as Corkable)
    : null;
}
