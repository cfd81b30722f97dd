import type * as Y from 'yjs';
import type { ControlSection } from './control-section.ts';
import { describeValue, ModelError } from './errors.ts';
import { ID_MAX_LENGTH, isValidId, newId } from './id.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';
import { parseActor } from './phase-history.ts';
import { hasExactKeys } from './plain-value.ts';
import { isTimestamp, parseTimestamp, resolveNow } from './time.ts';

/**
 * One board is one collaboration; a meeting is a session on it. Every board has meeting 1 from its beginning,
 * without anyone starting it; "start a new meeting" appends meeting 2, 3, …. A meeting lasts until the next
 * one starts, so every moment of the board belongs to exactly one meeting.
 */
export interface Meeting {
  id: string;
  /** 1, 2, 3, … in the order the meetings were started. */
  number: number;
  /** Milliseconds since the Unix epoch; 0 for the first meeting, which lasts from the board's beginning. */
  startedAt: number;
  /** The id of the facilitator who started it; null for the first meeting. */
  startedBy: string | null;
}

export interface MeetingInput {
  /** The id of the facilitator starting the meeting. */
  actor: string;
  /** Defaults to a random id. */
  id?: string;
  /** Defaults to Date.now(). */
  at?: number;
}

export const FIRST_MEETING_ID = 'first';

/**
 * Name of the top-level Y.Array in the control document holding the meetings after the first, in the order
 * they were started. Append-only: the plans, the agenda and the issues refer to meetings by id.
 */
export const MEETINGS_KEY = 'meetings';

const FIRST_MEETING: Readonly<Meeting> = Object.freeze({
  id: FIRST_MEETING_ID,
  number: 1,
  startedAt: 0,
  startedBy: null,
});

interface StoredMeeting {
  id: string;
  startedAt: number;
  startedBy: string;
}

const MEETING_FIELDS = ['id', 'startedAt', 'startedBy'] as const;

function isStoredMeeting(value: unknown): value is StoredMeeting {
  if (!hasExactKeys(value, MEETING_FIELDS)) return false;
  const { id, startedAt, startedBy } = value;
  return isValidId(id) && id !== FIRST_MEETING_ID && isTimestamp(startedAt) && isValidId(startedBy);
}

/** The Yjs type holding the meetings; only for observing it. */
export function meetingsType(control: Y.Doc): Y.Array<unknown> {
  return control.getArray(MEETINGS_KEY);
}

/**
 * Every meeting, the first one included, numbered 1..n. Invalid entries and repeated ids are skipped. Two
 * facilitators starting a meeting at the same moment make two meetings, ordered the same way everywhere.
 */
export function listMeetings(control: Y.Doc): Meeting[] {
  const meetings: Meeting[] = [{ ...FIRST_MEETING }];
  for (const stored of meetingsType(control).toArray()) {
    if (!isStoredMeeting(stored) || meetings.some((meeting) => meeting.id === stored.id)) continue;
    meetings.push({
      id: stored.id,
      number: meetings.length + 1,
      startedAt: stored.startedAt,
      startedBy: stored.startedBy,
    });
  }
  return meetings;
}

/** The meeting going on now: the one started last. */
export function currentMeeting(control: Y.Doc): Meeting {
  return listMeetings(control).at(-1) as Meeting;
}

/** The meeting with id `meetingId`; throws ModelError('invalid-meeting') when there is none. */
export function getMeeting(control: Y.Doc, meetingId: string): Meeting {
  const meeting = listMeetings(control).find((candidate) => candidate.id === meetingId);
  if (!meeting) throw new ModelError('invalid-meeting', `There is no meeting ${describeValue(meetingId)}`);
  return meeting;
}

/** Starts a new meeting, after the current one; it begins no earlier than the current one did. */
export function startMeeting(control: Y.Doc, input: MeetingInput, opts?: TransactOptions): Meeting {
  const { actor, id, at } = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const startedBy = parseActor(actor);
  if (startedBy === undefined) throw new ModelError('invalid-actor', 'A meeting is started by someone');
  if (id !== undefined && (!isValidId(id) || id === FIRST_MEETING_ID)) {
    throw new ModelError(
      'invalid-meeting',
      `A meeting id must be 1..${ID_MAX_LENGTH} characters without control characters, got ${describeValue(id)}`,
    );
  }
  const now = at === undefined ? resolveNow(undefined) : parseTimestamp(at, 'at');
  const meetings = listMeetings(control);
  const meetingId = id ?? newId();
  if (meetings.some((meeting) => meeting.id === meetingId)) {
    throw new ModelError('invalid-meeting', `A meeting with id ${describeValue(meetingId)} exists`);
  }
  const previous = meetings.at(-1) as Meeting;
  const stored: StoredMeeting = { id: meetingId, startedAt: Math.max(now, previous.startedAt), startedBy };
  control.transact(() => meetingsType(control).push([{ ...stored }]), opts?.origin ?? LOCAL_ORIGIN);
  return { ...stored, number: meetings.length + 1 };
}

/**
 * When a meeting took place: from its start to the start of the next one, or to `now` for the current one.
 * Throws ModelError('invalid-meeting') for an unknown meeting.
 */
export function meetingSpan(control: Y.Doc, meetingId: string, now: number): { from: number; to: number } {
  const end = parseTimestamp(now, 'now');
  const meetings = listMeetings(control);
  const index = meetings.findIndex((meeting) => meeting.id === meetingId);
  const meeting = meetings[index];
  if (!meeting) throw new ModelError('invalid-meeting', `There is no meeting ${describeValue(meetingId)}`);
  const to = meetings[index + 1]?.startedAt ?? end;
  return { from: meeting.startedAt, to: Math.max(meeting.startedAt, to) };
}

/** The meeting a moment belongs to: the last one started at or before it (the first one for early moments). */
export function meetingAt(control: Y.Doc, time: number): Meeting {
  const moment = parseTimestamp(time, 'time');
  return listMeetings(control).findLast((meeting) => meeting.startedAt <= moment) ?? { ...FIRST_MEETING };
}

/** True when every stored meeting is valid and no id repeats; for checking incoming changes. */
export function isMeetingListValid(control: Y.Doc): boolean {
  const ids = new Set<string>();
  for (const stored of meetingsType(control).toArray()) {
    if (!isStoredMeeting(stored) || ids.has(stored.id)) return false;
    ids.add(stored.id);
  }
  return true;
}

/** The meetings as the server checks them: a list that only grows. */
export const MEETINGS_SECTION: ControlSection = {
  key: MEETINGS_KEY,
  kind: 'array',
  appendOnly: true,
  findInvalid: (control) => (isMeetingListValid(control) ? null : 'a meeting is invalid or repeats an id'),
};
