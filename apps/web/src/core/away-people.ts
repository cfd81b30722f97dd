import type { Binding } from './binding.ts';
import { peers } from './board-values.ts';
import { type Awareness, type Peer, readPeers, samePeople } from './presence.ts';

/** How long someone who dropped out stays listed, as away, before they are gone from the list. */
export const AWAY_FOR_MS = 2 * 60_000;

/** How often the list looks whether someone away has been away long enough to go. */
const AWAY_CHECK_MS = 10_000;

/** Someone on the board's list: present, or away since `leftAt` (ms since the epoch) when they dropped out. */
export type ListedPeer = Peer & { readonly leftAt?: number };

/**
 * Those present, followed by those who were listed before and are not present now (by person, so one tab of
 * two closing is no leaving), as away: since they left, for AWAY_FOR_MS. A connection that drops loses
 * everyone's presence, so while this person is offline the others show as away, not gone. Someone away has
 * no cursor and follows no one. Yourself you never leave.
 */
export function withAway(
  previous: readonly ListedPeer[],
  present: readonly Peer[],
  now: number,
): ListedPeer[] {
  const here = new Set(present.map((peer) => peer.user.id));
  const away = new Map<string, ListedPeer>();
  for (const peer of previous) {
    if (peer.isSelf || here.has(peer.user.id) || away.has(peer.user.id)) continue;
    const leftAt = peer.leftAt ?? now;
    if (now - leftAt >= AWAY_FOR_MS) continue;
    away.set(peer.user.id, { clientId: peer.clientId, isSelf: false, user: peer.user, cursor: null, leftAt });
  }
  return [...present, ...away.values()];
}

/** Whether someone is listed as away. */
export function isAway(peer: ListedPeer): boolean {
  return peer.leftAt !== undefined;
}

function samePeopleAndAway(a: readonly ListedPeer[], b: readonly ListedPeer[]): boolean {
  return samePeople(a, b) && a.every((peer, index) => isAway(peer) === isAway(b[index] as ListedPeer));
}

export interface Clock {
  now(): number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

const realClock: Clock = {
  now: () => Date.now(),
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  },
};

/** The people of a board, present and away (see withAway); a change of cursor alone is no change. */
export function peopleWithAway(clock: Clock = realClock): Binding<Awareness, ListedPeer[]> {
  return {
    watch(awareness, changed) {
      const stopWatching = peers.watch(awareness, changed);
      const stop = clock.every(AWAY_CHECK_MS, changed);
      return () => {
        stopWatching();
        stop();
      };
    },
    read: (awareness, previous) => withAway(previous, readPeers(awareness), clock.now()),
    same: samePeopleAndAway,
  };
}
