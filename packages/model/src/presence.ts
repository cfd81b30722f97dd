import { isAuthorName } from './author.ts';
import { isValidId } from './id.ts';

/*
 * Presence: what each tab publishes in awareness for the others on the board, and what replays and reports
 * record of it. The server checks every state against this schema before it relays or records it, so a
 * state that leaves the server is always one of these, never what a client made up beside it.
 */

/** Who a tab belongs to: the person's id (issued by the server), their name and their colour. */
export interface PresenceUser {
  id: string;
  name: string;
  /** #rrggbb */
  color: string;
}

/** A position in board coordinates (not screen pixels). */
export interface PresencePoint {
  x: number;
  y: number;
}

/** A part of the board: the circle of `radius` board units around (x, y); see the web app's board-region.ts. */
export interface PresenceRegion {
  x: number;
  y: number;
  radius: number;
}

/**
 * One tab's presence. Empty until the tab knows who it is (every awareness starts as `{}`); from then on it
 * names its person, and may carry a cursor, the person it follows and the region a leader shows.
 */
export interface PresenceState {
  user?: PresenceUser;
  cursor?: PresencePoint | null;
  /** The person id of the leader this tab follows. */
  following?: string | null;
  /** While leading a follow session: the part of the board the leader's screen shows. */
  view?: PresenceRegion | null;
}

/** Positions and radii beyond this are not on the board (it is 2,000 units wide) and are refused. */
export const PRESENCE_COORDINATE_LIMIT = 100_000;

const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
const STATE_KEYS: ReadonlySet<string> = new Set(['user', 'cursor', 'following', 'view']);

/**
 * A clean copy of a presence state published by `person` (the id the server issued them), or null when it
 * is not a valid one: anything but the keys of PresenceState, a user that is not `person` or has no valid
 * name or colour, a cursor or region that is not finite and on the board. Only the empty state may leave
 * out the user: a tab that has not said who it is yet shows nothing. With `name`, the user must carry it: the
 * name the server registered for `person`.
 */
export function cleanPresence(value: unknown, person: string, name?: string): PresenceState | null {
  const state = cleanPresenceShape(value);
  if (state === null || (state.user !== undefined && state.user.id !== person)) return null;
  if (name !== undefined && state.user !== undefined && state.user.name !== name) return null;
  return state;
}

/** cleanPresence without the check of whose state it is: for readers of presence the server has passed. */
export function cleanPresenceShape(value: unknown): PresenceState | null {
  const fields = plainRecord(value, STATE_KEYS);
  if (fields === null) return null;
  const keys = Object.keys(fields);
  if (keys.length === 0) return {};
  const user = cleanUser(fields.user);
  if (user === null) return null;
  const state: PresenceState = { user };
  if ('cursor' in fields) {
    const cursor = fields.cursor === null ? null : cleanPoint(fields.cursor);
    if (cursor === undefined) return null;
    state.cursor = cursor;
  }
  if ('following' in fields) {
    const { following } = fields;
    if (following !== null && !isValidId(following)) return null;
    state.following = following;
  }
  if ('view' in fields) {
    const view = fields.view === null ? null : cleanRegion(fields.view);
    if (view === undefined) return null;
    state.view = view;
  }
  return state;
}

function cleanUser(value: unknown): PresenceUser | null {
  const fields = plainRecord(value, USER_KEYS);
  if (fields === null) return null;
  const { id, name, color } = fields;
  if (!isValidId(id) || !isAuthorName(name) || typeof color !== 'string' || !COLOR_PATTERN.test(color)) {
    return null;
  }
  return { id, name, color };
}

const USER_KEYS: ReadonlySet<string> = new Set(['id', 'name', 'color']);
const POINT_KEYS: ReadonlySet<string> = new Set(['x', 'y']);
const REGION_KEYS: ReadonlySet<string> = new Set(['x', 'y', 'radius']);

/** undefined (not null, which means "no cursor") when the value is not a point on the board. */
function cleanPoint(value: unknown): PresencePoint | undefined {
  const fields = plainRecord(value, POINT_KEYS);
  if (fields === null) return undefined;
  const { x, y } = fields;
  if (!isCoordinate(x) || !isCoordinate(y)) return undefined;
  return { x, y };
}

function cleanRegion(value: unknown): PresenceRegion | undefined {
  const fields = plainRecord(value, REGION_KEYS);
  if (fields === null) return undefined;
  const { x, y, radius } = fields;
  if (!isCoordinate(x) || !isCoordinate(y) || !isCoordinate(radius) || radius <= 0) return undefined;
  return { x, y, radius };
}

function isCoordinate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= PRESENCE_COORDINATE_LIMIT;
}

/** `value` as an object holding no keys but `allowed` (every one optional), or null. */
function plainRecord(value: unknown, allowed: ReadonlySet<string>): Record<string, unknown> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return null;
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (!allowed.has(key)) return null;
  return fields;
}
