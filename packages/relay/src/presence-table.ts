import { outdatedTimeout } from 'y-protocols/awareness';
import { encodePresenceEntries, type PresenceEntry } from './presence-entries.ts';

/*
 * A room's presence: who is there, as the JSON the relay passes on, and the clocks it passes them on at. The
 * relay keeps this itself rather than in a y-protocols Awareness: an Awareness parses every state a client
 * publishes and writes it out again for every update it relays, while the relay has the state as checked
 * JSON already and only ever passes it on.
 *
 * Clocks that make presence survive reconnects: y-protocols accepts an awareness state only with a clock
 * newer than the one it knows, and removing a state keeps its clock. The official client removes every peer's
 * state when its connection drops, and the relay removes a client's state when its connection closes; on
 * reconnect both sides resend states at the clocks they had, which are then ignored as old news. With the
 * reference server a reconnected user stays invisible (and sees nobody) until the next renewal, up to 15 s
 * later.
 *
 * Here each client id has one connection that sets its state, so the relay numbers what it relays itself:
 * the clocks its peers see are the relay's, always newer than any it sent before for that client, whatever
 * clock the owner used. The owner's own clock is left alone (its echo carries the clock it sent): a newer
 * one would make its awareness take the echo as its local state, undoing a change made since. The wire
 * format is unchanged.
 */

/** How often states that were not renewed for `outdatedTimeout` (30 s, as in y-protocols) are dropped. */
export const OUTDATED_CHECK_MS = outdatedTimeout / 10;

interface PresentState {
  /** The state as checked JSON. */
  json: string;
  /** When its owner last sent it (performance.now()). */
  renewedAt: number;
}

export class PresenceTable {
  /** The clock the relay last passed on per client id, kept after the client left (as y-protocols does). */
  private readonly clocks = new Map<number, number>();
  private readonly present = new Map<number, PresentState>();

  get size(): number {
    return this.present.size;
  }

  has(client: number): boolean {
    return this.present.has(client);
  }

  /** Whether y-protocols would ignore `entry`, or it repeats the state the relay holds for its client. */
  changesNothing({ client, clock, state }: PresenceEntry): boolean {
    const current = this.present.get(client);
    const known = this.clocks.get(client) ?? -1;
    if (state === 'null') return current === undefined || clock < known;
    return clock <= known || current?.json === state;
  }

  /**
   * Takes an owner's entry (state checked, or 'null' when it leaves) and returns it as the relay passes it on,
   * at the relay's clock: newer than anything the relay sent for that client. A state for a client the relay
   * holds no state for (it just (re)connected, or the relay restarted) is also newer than the current time
   * in milliseconds, which bounds what earlier relays sent. Returns null when there is nothing to pass on: the
   * removal of a client that never had a state.
   */
  set(entry: PresenceEntry, now = performance.now()): PresenceEntry | null {
    const { client, state } = entry;
    const known = this.clocks.get(client);
    const returning = state !== 'null' && !this.present.has(client);
    const clock = returning
      ? Math.max(entry.clock, (known ?? 0) + 1, Date.now()) + 1
      : Math.max(entry.clock, (known ?? 0) + 1);
    this.clocks.set(client, clock);
    if (state !== 'null') {
      this.present.set(client, { json: state, renewedAt: now });
      return { client, clock, state };
    }
    this.present.delete(client);
    return known === undefined ? null : { client, clock, state };
  }

  /** Removes a client's state (its connection closed, or it went quiet); returns the removal to pass on. */
  remove(client: number): PresenceEntry | null {
    if (!this.present.delete(client)) return null;
    return { client, clock: this.clocks.get(client) ?? 0, state: 'null' };
  }

  /** The clients whose states were not renewed within `outdatedTimeout`, as y-protocols drops them. */
  outdated(now = performance.now()): number[] {
    const outdated: number[] = [];
    for (const [client, { renewedAt }] of this.present) {
      if (now - renewedAt >= outdatedTimeout) outdated.push(client);
    }
    return outdated;
  }

  /**
   * Every present state, for one connection that just arrived, one clock ahead of the relay's: a client that
   * reconnects may have dropped these states while keeping their clocks. The relay's clocks move along, so a
   * client that reconnects again is sent newer ones still, and the owner's next change is newer than both.
   */
  encodePresent(): Uint8Array {
    const entries: PresenceEntry[] = [];
    for (const [client, { json }] of this.present) {
      const clock = (this.clocks.get(client) ?? 0) + 1;
      this.clocks.set(client, clock);
      entries.push({ client, clock, state: json });
    }
    return encodePresenceEntries(entries);
  }
}
