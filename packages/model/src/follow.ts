import type * as Y from 'yjs';
import { type Author, isAuthorName, parseAuthor } from './author.ts';
import type { ControlSection } from './control-section.ts';
import { isValidId } from './id.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';
import { isTimestamp, resolveNow } from './time.ts';

/**
 * "Bring everyone to my view": while a follow session runs, everyone else's board shows what the leader's
 * shows. Only who leads and since when is facilitation state; the leader's view itself travels in presence,
 * where it changes many times a second without growing the document.
 */
export interface FollowSession {
  /** The facilitator whose view the others follow. */
  leader: Author;
  /** When the leader brought everyone to their view; tells one session from the next. */
  since: number;
}

export interface FollowOptions extends TransactOptions {
  /** The time recorded for the start; defaults to Date.now(). */
  now?: number;
}

/** Name of the top-level Y.Map in the control document holding the follow session. */
export const FOLLOW_KEY = 'follow';
/**
 * The one entry of that map: the whole session, or null when nobody leads. One value, so two facilitators
 * starting at once end up with one leader (the last writer in Yjs' order), never one's name with the
 * other's start time.
 */
const SESSION_KEY = 'session';

export function isFollowSession(value: unknown): value is FollowSession {
  if (typeof value !== 'object' || value === null) return false;
  const { leader, since } = value as Record<string, unknown>;
  if (typeof leader !== 'object' || leader === null || !isTimestamp(since)) return false;
  const { id, name } = leader as Record<string, unknown>;
  return isValidId(id) && isAuthorName(name);
}

/** The Yjs type holding the follow session; only for observing it. */
export function followType(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(FOLLOW_KEY);
}

/** The running follow session, or null; an invalid stored value reads as none. */
export function readFollowSession(doc: Y.Doc): FollowSession | null {
  const stored = followType(doc).get(SESSION_KEY);
  if (!isFollowSession(stored)) return null;
  return { leader: { id: stored.leader.id, name: stored.leader.name }, since: stored.since };
}

/**
 * Starts a follow session led by `leader`, replacing any running one (another facilitator who brings
 * everyone to their view takes over). Throws ModelError('invalid-author') on a bad leader.
 */
export function startFollowing(doc: Y.Doc, leader: Author, opts?: FollowOptions): FollowSession {
  const parsed = parseAuthor(leader);
  const session: FollowSession = { leader: parsed, since: resolveNow(opts?.now) };
  doc.transact(
    () => followType(doc).set(SESSION_KEY, { leader: { ...parsed }, since: session.since }),
    opts?.origin ?? LOCAL_ORIGIN,
  );
  return session;
}

/** Ends the follow session; writes nothing when none runs. */
export function stopFollowing(doc: Y.Doc, opts?: TransactOptions): void {
  const stored = followType(doc).get(SESSION_KEY);
  if (stored === null || stored === undefined) return;
  doc.transact(() => followType(doc).set(SESSION_KEY, null), opts?.origin ?? LOCAL_ORIGIN);
}

/** Calls `cb` after every transaction that changed the follow session, with its origin. */
export function observeFollowSession(doc: Y.Doc, cb: (origin: unknown) => void): () => void {
  const type = followType(doc);
  const handler = (event: Y.YMapEvent<unknown>) => cb(event.transaction.origin);
  type.observe(handler);
  return () => type.unobserve(handler);
}

/** True when the section holds nothing but the session entry, and that is a session or null. */
export function isFollowMapValid(doc: Y.Doc): boolean {
  for (const [key, value] of followType(doc)) {
    if (key !== SESSION_KEY || (value !== null && !isFollowSession(value))) return false;
  }
  return true;
}

/** The follow session as the server checks it. */
export const FOLLOW_SECTION: ControlSection = {
  key: FOLLOW_KEY,
  kind: 'map',
  findInvalid: (doc) => (isFollowMapValid(doc) ? null : 'the follow session is invalid'),
};
