import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceEntry } from './presence-entries.ts';

/*
 * Clocks that make presence survive reconnects.
 *
 * y-protocols accepts an awareness state only with a clock newer than the one it knows, and removing a state
 * keeps its clock. The official client removes every peer's state when its connection drops, and the relay
 * removes a client's state when its connection closes; on reconnect both sides resend states at the clocks
 * they had, which are then ignored as old news. With the reference server a reconnected user stays invisible
 * (and sees nobody) until the next renewal, up to 15 s later.
 *
 * Here each client id has one connection that sets its state, so the relay numbers what it relays itself:
 * the clocks its peers see are the relay's, always newer than any it sent before for that client, whatever
 * clock the owner used. The owner's own clock is left alone (its echo carries the clock it sent): a newer
 * one would make its awareness take the echo as its local state, undoing a change made since. The wire
 * format is unchanged.
 */

/**
 * The clock the relay relays an owner's entry at: newer than anything the relay sent for that client. A state
 * for a client the relay holds no state for (it just (re)connected, or the relay restarted) is also newer than
 * the current time in milliseconds, which bounds what earlier relays sent.
 */
export function relayClock(awareness: Awareness, { client, clock, state }: PresenceEntry): number {
  // Greetings (below) move the relay's clock to what they sent, so `known` covers them.
  const known = awareness.meta.get(client)?.clock ?? 0;
  const returning = state !== 'null' && !awareness.states.has(client);
  return returning ? Math.max(clock, known + 1, Date.now()) + 1 : Math.max(clock, known + 1);
}

/**
 * Every present state, for one connection that just arrived, one clock ahead of the relay's: a client that
 * reconnects may have dropped these states while keeping their clocks. The relay's clocks move along, so a
 * client that reconnects again is sent newer ones still, and the owner's next change is newer than both.
 */
export function encodePresentStates(awareness: Awareness): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, awareness.states.size);
  for (const [clientID, state] of awareness.states) {
    const meta = awareness.meta.get(clientID);
    const clock = (meta?.clock ?? 0) + 1;
    awareness.meta.set(clientID, { clock, lastUpdated: meta?.lastUpdated ?? Date.now() });
    encoding.writeVarUint(encoder, clientID);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}
