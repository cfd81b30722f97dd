import {
  type BoardEventsJson,
  type BoardFramesJson,
  type BoardStateJson,
  type LogEntryJson,
  type RecordingLogJson,
  type RecordingPresenceJson,
  type RecordingStateJson,
  type RoomStateJson,
  roomName,
} from '@kompas/protocol';
import { type LogEntry, mergeState, type PresenceSample, type Storage } from '@kompas/relay';
import type { ReplayIndex } from './replay-index.ts';

/**
 * What a replaying browser reads of a board's recording, under `/api/boards/<id>/replay/`:
 *
 * - `log?content=<after>&control=<after>&limit=<n>`: the logged updates of the content and control rooms after
 *   the given positions (a room left out is not read), so a replay can load the session piece by piece and
 *   follow one that is still going on by asking again;
 * - `state?at=<ms>`: both rooms' whole states at time `at`, built from the nearest stored snapshot and the few
 *   updates after it, so seeking never replays the session from its start;
 * - `presence?from=<ms>&to=<ms>`: who was present at `from` (each person's latest sample) and the recorded
 *   samples (names and cursors) after it up to `to`: what a replay needs to show cursors from `from` on;
 * - `board?at=<ms>`: the board room at time `at` as plain notes, votes and title (see ReplayIndex), which a
 *   browser shows at once, however long the session;
 * - `frames?after=<seq>&limit=<n>`: what each logged update of the board room changed, as plain values, for
 *   playing forward from there;
 * - `events`: the notes added and votes placed in the board room, with the server's time and who, for markers.
 *
 * The drafts room is never read: private drafts only ever reach the board, and so a replay, once revealed.
 */
export const RECORDING_PATH = /^\/api\/boards\/([^/]+)\/replay\/(log|state|presence|board|frames|events)$/;

export type RecordingPart = 'log' | 'state' | 'presence' | 'board' | 'frames' | 'events';

/** Log entries per room and request unless `limit` asks for fewer; a client asks again for the rest. */
export const LOG_PAGE_MAX = 10_000;
/** A presence range longer than this is refused: the browser reads presence near the time it plays. */
export const PRESENCE_RANGE_MAX_MS = 60 * 60 * 1000;
/** A person whose last sample is older than this at the time sought is not shown as present. */
export const PRESENCE_LOOKBACK_MS = 30 * 60 * 1000;

/** A query the recording cannot answer; the message says what is wrong. */
export class RecordingQueryError extends Error {
  override name = 'RecordingQueryError';
}

/** Answers one request for a board's recording; throws RecordingQueryError for a malformed query. */
export async function readRecording(
  { storage, replay }: { storage: Storage; replay: ReplayIndex },
  boardId: string,
  part: RecordingPart,
  query: URLSearchParams,
): Promise<
  | RecordingLogJson
  | RecordingStateJson
  | RecordingPresenceJson
  | BoardStateJson
  | BoardFramesJson
  | BoardEventsJson
> {
  const rooms = { content: roomName(boardId, 'content'), control: roomName(boardId, 'control') };
  switch (part) {
    case 'log': {
      const limit = optionalInteger(query, 'limit', 1, LOG_PAGE_MAX) ?? LOG_PAGE_MAX;
      const answer: RecordingLogJson = { now: Date.now() };
      for (const kind of ['content', 'control'] as const) {
        const after = optionalInteger(query, kind, 0, Number.MAX_SAFE_INTEGER);
        if (after === undefined) continue;
        const entries = await storage.readLog(rooms[kind], { after, limit });
        answer[kind] = { entries: entries.map(entryJson), more: entries.length === limit };
      }
      return answer;
    }
    case 'state': {
      const at = requiredInteger(query, 'at');
      // `rooms=control` leaves the board room out: a replay takes it as plain values from `board`.
      const onlyControl = query.get('rooms') === 'control';
      const [content, control, contentSpan, controlSpan] = await Promise.all([
        onlyControl ? { seq: 0, state: null } : roomStateAt(storage, rooms.content, at),
        roomStateAt(storage, rooms.control, at),
        logSpan(storage, rooms.content),
        logSpan(storage, rooms.control),
      ]);
      const starts = [contentSpan?.start, controlSpan?.start].filter((time) => time !== undefined);
      const ends = [contentSpan?.end, controlSpan?.end].filter((time) => time !== undefined);
      return {
        at,
        content,
        control,
        start: starts.length ? Math.min(...starts) : null,
        end: ends.length ? Math.max(...ends) : null,
        now: Date.now(),
      };
    }
    case 'board': {
      const at = requiredInteger(query, 'at');
      await replay.catchUp(rooms.content);
      const [{ seq, state }, span] = await Promise.all([
        replay.stateAt(rooms.content, at),
        replay.span(rooms.content),
      ]);
      return { at, seq, state, ...span, now: Date.now() };
    }
    case 'events': {
      await replay.catchUp(rooms.content);
      return { events: await replay.events(rooms.content), now: Date.now() };
    }
    case 'frames': {
      const after = optionalInteger(query, 'after', 0, Number.MAX_SAFE_INTEGER) ?? 0;
      const limit = optionalInteger(query, 'limit', 1, LOG_PAGE_MAX) ?? LOG_PAGE_MAX;
      await replay.catchUp(rooms.content);
      const frames = await replay.framesAfter(rooms.content, after, limit);
      return { frames, more: frames.length === limit, now: Date.now() };
    }
    case 'presence': {
      const from = requiredInteger(query, 'from');
      const to = requiredInteger(query, 'to');
      if (to < from || to - from > PRESENCE_RANGE_MAX_MS) {
        throw new RecordingQueryError(`"to" must be from "from" to one hour after it`);
      }
      const [present, samples] = await Promise.all([
        presentAt(storage, rooms.content, from),
        storage.readPresence(rooms.content, { from: from + 1, to }),
      ]);
      return { present, samples };
    }
  }
}

function entryJson({ seq, at, actor, update }: LogEntry): LogEntryJson {
  return { seq, at, actor, update: base64(update) };
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * The room's state at time `at`: the latest snapshot at or before the last update logged by then, merged with
 * the updates after it (one snapshot interval of them near the end, up to KEEP_SNAPSHOT_EVERY further back).
 */
async function roomStateAt(storage: Storage, room: string, at: number): Promise<RoomStateJson> {
  const seq = await lastSeqAt(storage, room, at);
  if (seq === 0) return { seq, state: null };
  const snapshot = await storage.readSnapshotAt(room, seq);
  const from = snapshot?.seq ?? 0;
  const tail = seq > from ? await storage.readLog(room, { after: from, limit: seq - from }) : [];
  const parts = [...(snapshot ? [snapshot.state] : []), ...tail.map((entry) => entry.update)];
  // A snapshot alone is sent as it is; otherwise one merged update, so the browser applies a single one.
  return { seq, state: base64(parts.length === 1 ? (parts[0] as Uint8Array) : mergeState(parts)) };
}

/** The position of the last update logged at or before `at` (0: none). The log's times never decrease. */
async function lastSeqAt(storage: Storage, room: string, at: number): Promise<number> {
  const timeOf = async (seq: number) => (await storage.readLog(room, { after: seq - 1, limit: 1 }))[0]?.at;
  // Gallop to a position past `at` (or past the end), then halve: about 2·log2(n) single-row reads.
  let low = 0;
  let high = 1;
  for (;;) {
    const time = await timeOf(high);
    if (time === undefined || time > at) break;
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const time = await timeOf(middle);
    if (time !== undefined && time <= at) low = middle;
    else high = middle;
  }
  return low;
}

async function logSpan(storage: Storage, room: string): Promise<{ start: number; end: number } | null> {
  const first = (await storage.readLog(room, { limit: 1 }))[0];
  if (!first) return null;
  const last = await lastSeqAt(storage, room, Number.MAX_SAFE_INTEGER);
  const end = (await storage.readLog(room, { after: last - 1, limit: 1 }))[0]?.at ?? first.at;
  return { start: first.at, end };
}

/** Each person's latest sample at `at`, without those who had left by then. */
async function presentAt(storage: Storage, room: string, at: number): Promise<PresenceSample[]> {
  const latest = await storage.readLatestPresence(room, { from: at - PRESENCE_LOOKBACK_MS, to: at });
  return latest.filter((sample) => sample.state !== null);
}

function requiredInteger(query: URLSearchParams, name: string): number {
  const value = optionalInteger(query, name, 0, Number.MAX_SAFE_INTEGER);
  if (value === undefined) throw new RecordingQueryError(`"${name}" is required: a time in milliseconds`);
  return value;
}

function optionalInteger(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RecordingQueryError(`"${name}" must be a whole number from ${min} to ${max}`);
  }
  return value;
}
