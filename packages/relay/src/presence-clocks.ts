import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';

/*
 * Clocks that make presence survive reconnects.
 *
 * y-protocols accepts an awareness state only with a clock newer than the one it knows, and removing a state
 * keeps its clock. The official client removes every peer's state when its connection drops, and the relay
 * removes a client's state when its connection closes; on reconnect both sides resend states at the clocks
 * they had, which are then ignored as old news. With the reference server a reconnected user stays invisible
 * (and sees nobody) until the next renewal, up to 15 s later. The two functions below move clocks forward
 * where needed; the wire format is unchanged.
 */

/**
 * A state for a client the relay holds no state for (it just (re)connected, or the relay restarted) is
 * restamped to a clock newer than anything a peer can know: newer than the client's clock, than any clock
 * this relay sent, and than the current time in milliseconds, which bounds what earlier relays sent. Peers
 * accept it, and the echo to the sender moves the sender's own clock forward, so its next change is accepted
 * too. Throws on a malformed update.
 */
export function restampReturningClients(awareness: Awareness, update: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    const returning = state !== 'null' && !awareness.states.has(clientID);
    // `known + 1` is the newest clock encodePresentStates may have sent for this client.
    const known = awareness.meta.get(clientID)?.clock ?? 0;
    encoding.writeVarUint(encoder, clientID);
    encoding.writeVarUint(encoder, returning ? Math.max(clock, known + 1, Date.now()) + 1 : clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Every present state, for one connection that just arrived, one clock ahead of the relay's: a client that
 * reconnects may have dropped these states while keeping their clocks. Costs that client at most the
 * owner's next change (same clock, ignored); the change after that, or the renewal, gets through.
 */
export function encodePresentStates(awareness: Awareness): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, awareness.states.size);
  for (const [clientID, state] of awareness.states) {
    encoding.writeVarUint(encoder, clientID);
    encoding.writeVarUint(encoder, (awareness.meta.get(clientID)?.clock ?? 0) + 1);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}
