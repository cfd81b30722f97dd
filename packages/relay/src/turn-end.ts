/*
 * Writing to a socket costs a system call, whatever it writes: with fifty people in a room, the relay made
 * one per update per connection, and those calls were a large part of its time. So what a connection is sent
 * within one turn of the event loop is written at the end of that turn, in one call.
 */

/**
 * What runs at the end of a turn: first what composes messages from the turn's changes (a room's presence),
 * then what writes them to the sockets, so each socket is written once.
 */
export type TurnEndStage = 'compose' | 'write';

const waiting: Record<TurnEndStage, Set<() => void>> = { compose: new Set(), write: new Set() };
let scheduled = false;

/**
 * Runs `flush` once, after the I/O of the current turn of the event loop has been handled (setImmediate), with
 * every other flush asked for in this turn; asking again before it ran changes nothing.
 */
export function atTurnEnd(flush: () => void, stage: TurnEndStage = 'write'): void {
  waiting[stage].add(flush);
  if (scheduled) return;
  scheduled = true;
  setImmediate(runWaiting);
}

function runWaiting(): void {
  try {
    // A Set's iteration visits what is added meanwhile: a write asked for by a compose still runs in this turn.
    for (const stage of [waiting.compose, waiting.write]) {
      for (const flush of stage) {
        stage.delete(flush);
        flush();
      }
    }
  } finally {
    // What a flush that threw left, or a compose asked for by a write, runs in the next turn.
    scheduled = waiting.compose.size + waiting.write.size > 0;
    if (scheduled) setImmediate(runWaiting);
  }
}
