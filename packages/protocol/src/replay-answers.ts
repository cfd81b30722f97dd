import {
  type BoardEvent,
  type BoardFrame,
  type BoardMeta,
  type BoardState,
  isNoteColor,
  isPhaseId,
  isRound,
  isSlicePosition,
  isStepId,
  type Note,
} from '@kompas/model';
import {
  readArray,
  readBoolean,
  readChecked,
  readFields,
  readNullable,
  readNumber,
  readObject,
  readOneOf,
  readRecord,
  readString,
} from './shape.ts';

/**
 * The JSON the server answers under `/api/boards/<id>/replay/` (see the server's recording route), with the
 * readers a replaying browser checks each answer with. Yjs updates and states travel in base64.
 */

/** The rooms of a board that a replay reads; the drafts room never is. */
export type ReplayRoom = 'content' | 'control';

/** One logged update: its position and server time, who sent it, and the update in base64. */
export interface LogEntryJson {
  seq: number;
  at: number;
  actor: string;
  update: string;
}

export interface RoomLogJson {
  entries: LogEntryJson[];
  /** True when the page was full: there may be more after the last entry. */
  more: boolean;
}

/** `log`: the entries after the positions asked for, per room asked for. */
export interface RecordingLogJson {
  content?: RoomLogJson;
  control?: RoomLogJson;
  /** Server time of the answer: nothing was logged after the entries sent up to this moment (unless `more`). */
  now: number;
}

export interface RoomStateJson {
  /** The log position the state includes (0: nothing logged yet at that time). */
  seq: number;
  /** The whole state as one Yjs update in base64, or null when the room was empty then. */
  state: string | null;
}

/** `state`: both rooms' whole states at a time. */
export interface RecordingStateJson {
  at: number;
  content: RoomStateJson;
  control: RoomStateJson;
  /** The recording's first and last logged times (null while nothing is logged), and the server's time. */
  start: number | null;
  end: number | null;
  now: number;
}

/** One person's presence at a moment: their awareness state ({ user, cursor }), or null once they left. */
export interface PresenceSampleJson {
  at: number;
  /** The awareness client id: one browser tab. */
  client: number;
  state: Record<string, unknown> | null;
}

/** `presence`: who was present at `from`, then every sample up to `to`. */
export interface RecordingPresenceJson {
  /** The latest sample of each person present at `from`. */
  present: PresenceSampleJson[];
  /** Samples with `from < at <= to`, oldest first. */
  samples: PresenceSampleJson[];
}

/** `board`: the board room at a time, in plain values. */
export interface BoardStateJson {
  at: number;
  /** The board room's log position at that time (0: nothing logged yet). */
  seq: number;
  state: BoardState;
  /** The board room's first and last logged times (null while nothing is logged) and last position. */
  start: number | null;
  end: number | null;
  endSeq: number;
  now: number;
}

/** `frames`: what the board room's updates after a position changed, in plain values. */
export interface BoardFramesJson {
  frames: BoardFrame[];
  more: boolean;
  now: number;
}

/** `events`: the notes added and votes placed in the board room, for a timeline's markers. */
export interface BoardEventsJson {
  events: BoardEvent[];
  now: number;
}

const readTime = readNullable(readNumber);

const readRoomLog = readFields<RoomLogJson>({
  entries: readArray(
    readFields<LogEntryJson>({ seq: readNumber, at: readNumber, actor: readString, update: readString }),
  ),
  more: readBoolean,
});

const readRoomState = readFields<RoomStateJson>({ seq: readNumber, state: readNullable(readString) });

const readPresenceSample = readFields<PresenceSampleJson>({
  at: readNumber,
  client: readNumber,
  state: readNullable(readObject),
});

const readNote = readFields<Note>(
  {
    id: readString,
    text: readString,
    step: readChecked(isStepId, 'a step of the circle'),
    phase: readChecked(isPhaseId, 'a phase of the circle'),
    pos: readChecked(isSlicePosition, 'a position { r, t } from 0 to 1'),
    color: readChecked(isNoteColor, 'a note colour'),
    authorId: readString,
    authorName: readString,
    createdAt: readNumber,
    updatedAt: readNumber,
    round: readChecked(isRound, 'a round from 1'),
    carriedFrom: readString,
  },
  ['round', 'carriedFrom'],
);

const readMeta = readFields<BoardMeta>({
  title: readString,
  task: readString,
  createdAt: readNumber,
  schemaVersion: readNumber,
});

/** Votes stay opaque here: the replay reads them with the model's own lenient reader. */
const readVotes = readRecord<unknown>((value) => value);

const readBoardState = readFields<BoardState>({
  notes: readRecord(readNote),
  votes: readVotes,
  meta: readNullable(readMeta),
});

const readBoardFrame = readFields<BoardFrame>(
  {
    seq: readNumber,
    at: readNumber,
    actor: readString,
    notes: readRecord(readNullable(readNote)),
    votes: readVotes,
    meta: readNullable(readMeta),
  },
  ['meta'],
);

const readBoardEvent = readFields<BoardEvent>(
  {
    at: readNumber,
    kind: readOneOf(['note-added', 'vote'] as const),
    actor: readString,
    name: readString,
    text: readString,
  },
  ['name', 'text'],
);

export function parseRecordingLog(json: unknown): RecordingLogJson {
  return readFields<RecordingLogJson>({ content: readRoomLog, control: readRoomLog, now: readNumber }, [
    'content',
    'control',
  ])(json, 'log');
}

export function parseRecordingState(json: unknown): RecordingStateJson {
  return readFields<RecordingStateJson>({
    at: readNumber,
    content: readRoomState,
    control: readRoomState,
    start: readTime,
    end: readTime,
    now: readNumber,
  })(json, 'state');
}

export function parseRecordingPresence(json: unknown): RecordingPresenceJson {
  return readFields<RecordingPresenceJson>({
    present: readArray(readPresenceSample),
    samples: readArray(readPresenceSample),
  })(json, 'presence');
}

export function parseBoardState(json: unknown): BoardStateJson {
  return readFields<BoardStateJson>({
    at: readNumber,
    seq: readNumber,
    state: readBoardState,
    start: readTime,
    end: readTime,
    endSeq: readNumber,
    now: readNumber,
  })(json, 'board');
}

export function parseBoardFrames(json: unknown): BoardFramesJson {
  return readFields<BoardFramesJson>({
    frames: readArray(readBoardFrame),
    more: readBoolean,
    now: readNumber,
  })(json, 'frames');
}

export function parseBoardEvents(json: unknown): BoardEventsJson {
  return readFields<BoardEventsJson>({ events: readArray(readBoardEvent), now: readNumber })(json, 'events');
}
