import type { BoardEvent } from '@kompas/model';
import {
  type BoardFramesJson,
  type BoardStateJson,
  type PresenceSampleJson,
  parseBoardEvents,
  parseBoardFrames,
  parseBoardState,
  parseRecordingLog,
  parseRecordingPresence,
  parseRecordingState,
  type ReplayRoom,
  type RoomLogJson,
  type RoomStateJson,
} from '@kompas/protocol';
import { requestJson } from '../api/api.ts';
import type { Checkpoint, RecordedUpdate } from './replay-engine.ts';

/** One person's presence at a moment: their awareness state ({ user, cursor }), or null once they left. */
export type RecordedPresence = PresenceSampleJson;

/** Presence from `from` to `to`: who was there at `from`, then every sample after it. */
export interface RecordedPresenceWindow {
  from: number;
  to: number;
  present: RecordedPresence[];
  samples: RecordedPresence[];
}

export interface RecordingLog {
  content?: { entries: RecordedUpdate[]; more: boolean };
  control?: { entries: RecordedUpdate[]; more: boolean };
  /** Server time of the answer: nothing more was logged up to then, unless a room says `more`. */
  now: number;
}

export interface RecordingState {
  at: number;
  /** Null while nothing was logged in the room by then. */
  content: Checkpoint | null;
  control: Checkpoint | null;
  start: number | null;
  end: number | null;
  now: number;
}

/** The board room at a time, in plain values. */
export type RecordedBoard = BoardStateJson;

export type RecordedFrames = BoardFramesJson;

/** Reads a board's recording from the server (`/api/boards/<id>/replay/...`) with a board token. */
export class RecordingApi {
  constructor(
    private readonly boardId: string,
    private readonly token: string,
    /** Origin to prefix, for use outside a browser page (benchmarks); '' in the app. */
    private readonly origin = '',
  ) {}

  /** Logged entries after the given positions; a room left out is not read. */
  async log(after: Partial<Record<ReplayRoom, number>>, limit?: number): Promise<RecordingLog> {
    const query = new URLSearchParams();
    for (const room of ['content', 'control'] as const) {
      const position = after[room];
      if (position !== undefined) query.set(room, String(position));
    }
    if (limit !== undefined) query.set('limit', String(limit));
    const body = await this.get(`log?${query}`, parseRecordingLog);
    return {
      ...(body.content ? { content: decodeRoomLog(body.content) } : {}),
      ...(body.control ? { control: decodeRoomLog(body.control) } : {}),
      now: body.now,
    };
  }

  /** The board room at time `at` in plain values, with the board room's span and last position. */
  async board(at: number): Promise<RecordedBoard> {
    return this.get(`board?at=${Math.max(0, Math.floor(at))}`, parseBoardState);
  }

  /** The notes added and votes placed in the board room, for the timeline's markers. */
  async events(): Promise<BoardEvent[]> {
    return (await this.get('events', parseBoardEvents)).events;
  }

  /** What the board room's updates after position `after` changed, in plain values. */
  async frames(after: number, limit?: number): Promise<RecordedFrames> {
    const query = limit === undefined ? '' : `&limit=${limit}`;
    return this.get(`frames?after=${after}${query}`, parseBoardFrames);
  }

  /** Both rooms' whole states at time `at` (only the control room's with `onlyControl`). */
  async state(at: number, onlyControl = false): Promise<RecordingState> {
    const rooms = onlyControl ? '&rooms=control' : '';
    const body = await this.get(`state?at=${Math.max(0, Math.floor(at))}${rooms}`, parseRecordingState);
    const checkpoint = (room: RoomStateJson): Checkpoint | null =>
      room.state === null ? null : { seq: room.seq, state: fromBase64(room.state) };
    return { ...body, content: checkpoint(body.content), control: checkpoint(body.control) };
  }

  /** Who was present at `from` (latest sample each) and the samples after it up to `to` (at most an hour on). */
  async presence(from: number, to: number): Promise<RecordedPresenceWindow> {
    const body = await this.get(
      `presence?from=${Math.floor(from)}&to=${Math.ceil(to)}`,
      parseRecordingPresence,
    );
    return { from: Math.floor(from), to: Math.ceil(to), present: body.present, samples: body.samples };
  }

  private get<T>(path: string, parse: (json: unknown) => T): Promise<T> {
    return requestJson(
      `${this.origin}/api/boards/${encodeURIComponent(this.boardId)}/replay/${path}`,
      { headers: { Authorization: `Bearer ${this.token}` } },
      parse,
    );
  }
}

function decodeRoomLog(body: RoomLogJson): { entries: RecordedUpdate[]; more: boolean } {
  return {
    entries: body.entries.map((entry) => ({ ...entry, update: fromBase64(entry.update) })),
    more: body.more,
  };
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
