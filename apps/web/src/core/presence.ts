import type { RoomConnection } from '@kompas/client';
import { type BoardRegion, parseRegion } from './board-region.ts';
import { cleanName, colorForId } from './local-user.ts';
import { PERSON_COLORS } from './person-colors.ts';
import type { Point } from './viewport.ts';

/** What each client publishes in awareness: `{ user: { id, name, color }, cursor: { x, y } | null }`. */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

export interface PresenceState {
  user: PresenceUser;
  cursor: Point | null;
  /** While following someone's view: the user id of the person followed. */
  following?: string | null;
  /** While leading a follow session: the part of the board the leader's screen shows. */
  view?: BoardRegion | null;
}

/** Someone present on the board, as the UI shows them. */
export interface Peer extends PresenceState {
  clientId: number;
  isSelf: boolean;
}

/** Where everyone's presence (who, cursor, following) travels: a room's awareness. */
export type Awareness = RoomConnection['awareness'];

/** Cursors beyond this are not on the board (it is 2,000 units wide); ignore them instead of drawing far away. */
const CURSOR_LIMIT = 10_000;

/**
 * Reads one awareness state. Remote states are untrusted input: anything malformed is dropped or
 * bounded, never drawn as is.
 */
export function parsePeer(clientId: number, state: unknown, selfClientId: number): Peer | null {
  const value = state as {
    user?: Partial<PresenceUser>;
    cursor?: Partial<Point> | null;
    following?: unknown;
    view?: unknown;
  } | null;
  const user = value?.user;
  if (!user || typeof user.id !== 'string' || !user.id || typeof user.name !== 'string') return null;
  const name = cleanName(user.name);
  if (!name) return null;
  const color =
    typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : colorForId(user.id);
  const peer: Peer = {
    clientId,
    isSelf: clientId === selfClientId,
    user: { id: user.id.slice(0, 100), name, color },
    cursor: parseCursor(value?.cursor),
  };
  const following = value?.following;
  if (typeof following === 'string' && following) peer.following = following.slice(0, 100);
  const view = parseRegion(value?.view);
  if (view) peer.view = view;
  return peer;
}

function parseCursor(cursor: Partial<Point> | null | undefined): Point | null {
  if (!cursor || typeof cursor.x !== 'number' || typeof cursor.y !== 'number') return null;
  const { x, y } = cursor;
  if (
    !Number.isFinite(x) ||
    !Number.isFinite(y) ||
    Math.abs(x) > CURSOR_LIMIT ||
    Math.abs(y) > CURSOR_LIMIT
  ) {
    return null;
  }
  return { x, y };
}

/** Everyone present in `awareness` (yourself included), each in a colour of their own. */
export function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const peer = parsePeer(clientId, state, awareness.clientID);
    if (peer) peers.push(peer);
  }
  return withDistinctColors(peers);
}

/** Who is present and whom they follow, but not where their cursors are: equal while only cursors move. */
export function samePeople(a: readonly Peer[], b: readonly Peer[]): boolean {
  const key = (peers: readonly Peer[]) =>
    peers
      .map(
        (peer) =>
          `${peer.clientId}:${peer.user.id}:${peer.user.name}:${peer.user.color}:${peer.following ?? ''}`,
      )
      .join('|');
  return key(a) === key(b);
}

/**
 * Everyone present, yourself first, then by name. One person with two tabs open is listed once
 * (their user id is the same); the cursors of both tabs are still drawn.
 */
export function peopleList<P extends Peer>(peers: readonly P[]): P[] {
  const byUser = new Map<string, P>();
  for (const peer of peers) {
    const known = byUser.get(peer.user.id);
    if (!known || (peer.isSelf && !known.isSelf)) byUser.set(peer.user.id, peer);
  }
  return [...byUser.values()].sort(
    (a, b) =>
      Number(b.isSelf) - Number(a.isSelf) ||
      a.user.name.localeCompare(b.user.name) ||
      a.clientId - b.clientId,
  );
}

/**
 * Two people present with the same colour cannot be told apart, so later ones (by user id, the same
 * order for every viewer) get the next free palette colour. Everyone sees the same result.
 */
export function withDistinctColors(peers: readonly Peer[]): Peer[] {
  const userIds = [...new Set(peers.map((peer) => peer.user.id))].sort();
  const colorOf = new Map<string, string>();
  const used = new Set<string>();
  for (const userId of userIds) {
    const own = peers.find((peer) => peer.user.id === userId)?.user.color ?? PERSON_COLORS[0];
    let color = own;
    if (used.has(own)) {
      const start = Math.max(0, PERSON_COLORS.indexOf(own as (typeof PERSON_COLORS)[number]));
      for (let offset = 1; offset <= PERSON_COLORS.length; offset++) {
        const candidate = PERSON_COLORS[(start + offset) % PERSON_COLORS.length] ?? own;
        if (!used.has(candidate)) {
          color = candidate;
          break;
        }
      }
    }
    used.add(color);
    colorOf.set(userId, color);
  }
  return peers.map((peer) => {
    const color = colorOf.get(peer.user.id) ?? peer.user.color;
    return color === peer.user.color ? peer : { ...peer, user: { ...peer.user, color } };
  });
}

/** A word of a name: letters or digits, with the hyphens and apostrophes inside it ("Anne-Marie", "O'Brien"). */
const NAME_WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;
/** What people add to their name in brackets, such as their organisation: "Anouk (gemeente)". */
const BRACKETED = /\([^)]*\)|\[[^\]]*\]/g;

/**
 * Up to two initials for an avatar, from the words of a name and never its punctuation: "Jan de Vries" →
 * "JV", "Anouk (gemeente)" → "A", "Anne-Marie" → "AM", "'t Hart" → "H". Lowercase words such as "de", "van"
 * and "'t" are passed over while the name has capitalised ones.
 */
export function initials(name: string): string {
  const words = wordsOf(name.replace(BRACKETED, ' ')) ?? wordsOf(name) ?? [];
  const named = words.filter((word) => !/^\p{Ll}/u.test(word));
  const chosen = named.length > 0 ? named : words;
  const only = chosen.length === 1 ? chosen[0]?.split(/['’-]/).filter(Boolean) : undefined;
  const picked = only ?? chosen;
  const ends = picked.length > 1 ? [picked[0], picked[picked.length - 1]] : picked;
  return ends
    .map((word) => [...(word ?? '')][0] ?? '')
    .join('')
    .toUpperCase();
}

function wordsOf(text: string): string[] | undefined {
  const words = text.match(NAME_WORD);
  return words ? [...words] : undefined;
}
