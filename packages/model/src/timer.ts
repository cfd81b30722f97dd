import type * as Y from 'yjs';
import type { ControlSection } from './control-section.ts';
import { describeValue, ModelError } from './errors.ts';
import { ID_MAX_LENGTH, isValidId } from './id.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';
import { isTimestamp, parseTimestamp } from './time.ts';

/**
 * The workshop timer the facilitator runs for everyone. Clients do not tick it over the network: while it
 * runs, the state holds when it ends on the server's clock, and every client counts down to that moment
 * with its own estimate of the server's time.
 */
export type TimerState = IdleTimer | RunningTimer | PausedTimer;

interface TimerBase {
  /** The duration the facilitator picked; a reset returns to it. */
  durationMs: number;
  /** When this state was written, in server-clock milliseconds since the Unix epoch (0 for the default). */
  at: number;
  /** The id of the facilitator who wrote it, when known. */
  actor?: string;
}

export interface IdleTimer extends TimerBase {
  status: 'idle';
}

export interface RunningTimer extends TimerBase {
  status: 'running';
  /** When the countdown reaches zero, in server-clock milliseconds since the Unix epoch. */
  endsAt: number;
}

export interface PausedTimer extends TimerBase {
  status: 'paused';
  /** What is left, frozen until the timer runs again. */
  remainingMs: number;
}

export interface TimerWriteOptions extends TransactOptions {
  /** The server's time as this client estimates it; required, since the countdown is shared. */
  now: number;
  /** The id of the facilitator pressing the button. */
  actor?: string;
}

export const MINUTE_MS = 60_000;
/** The shortest duration a timer can have. */
export const TIMER_MIN_MS = 1000;
/** A timer never holds more than this, picked or with minutes added. */
export const TIMER_MAX_MS = 3 * 60 * MINUTE_MS;
export const DEFAULT_TIMER_DURATION_MS = 5 * MINUTE_MS;

/**
 * Name of the top-level Y.Map in the control document; the whole state sits under one key, so two
 * facilitators pressing at once end up with one of their two states, never a mix of both.
 */
export const TIMER_KEY = 'timer';
const STATE_KEY = 'state';

const DEFAULT_TIMER: Readonly<IdleTimer> = Object.freeze({
  status: 'idle',
  durationMs: DEFAULT_TIMER_DURATION_MS,
  at: 0,
});

function isDuration(value: unknown): value is number {
  return (
    Number.isSafeInteger(value) && (value as number) >= TIMER_MIN_MS && (value as number) <= TIMER_MAX_MS
  );
}

function isRemaining(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= TIMER_MAX_MS;
}

/** The fields every state may hold, besides the one its status adds. */
const COMMON_FIELDS: readonly string[] = ['status', 'durationMs', 'at', 'actor'];

export function isTimerState(value: unknown): value is TimerState {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const { status, durationMs, at, actor } = record;
  if (!isDuration(durationMs) || !isTimestamp(at) || (actor !== undefined && !isValidId(actor))) return false;
  const fits =
    status === 'idle' ||
    // Running, it ends no further from when it was written than the longest timer lasts.
    (status === 'running' && isTimestamp(record.endsAt) && record.endsAt <= at + TIMER_MAX_MS) ||
    (status === 'paused' && isRemaining(record.remainingMs));
  const extra = status === 'running' ? 'endsAt' : status === 'paused' ? 'remainingMs' : undefined;
  return fits && Object.keys(record).every((key) => key === extra || COMMON_FIELDS.includes(key));
}

/** The Yjs type holding the timer; only for observing it. */
export function timerType(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(TIMER_KEY);
}

/** The timer as stored, or an idle five-minute timer when none (or nothing valid) is. */
export function readTimer(doc: Y.Doc): TimerState {
  const stored = timerType(doc).get(STATE_KEY);
  return isTimerState(stored) ? { ...stored } : { ...DEFAULT_TIMER };
}

/** Calls `cb` after every transaction that changed the timer, with its origin. */
export function observeTimer(doc: Y.Doc, cb: (origin: unknown) => void): () => void {
  const type = timerType(doc);
  const handler = (_event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => cb(transaction.origin);
  type.observe(handler);
  return () => type.unobserve(handler);
}

/** Milliseconds left at `serverNow`: the whole duration while idle, never below zero. */
export function timerRemaining(state: TimerState, serverNow: number): number {
  switch (state.status) {
    case 'idle':
      return state.durationMs;
    case 'paused':
      return state.remainingMs;
    case 'running':
      return Math.max(0, state.endsAt - serverNow);
  }
}

function parseDuration(value: unknown, what: string): number {
  if (!isDuration(value)) {
    throw new ModelError(
      'invalid-duration',
      `${what} must be a whole number of milliseconds from ${TIMER_MIN_MS} to ${TIMER_MAX_MS}, got ${describeValue(value)}`,
    );
  }
  return value;
}

function parseOptions(opts: TimerWriteOptions): { now: number; actor?: string } {
  const now = parseTimestamp(opts?.now, 'now');
  const actor = opts?.actor;
  if (actor === undefined) return { now };
  if (!isValidId(actor)) {
    throw new ModelError(
      'invalid-actor',
      `An actor id must be 1..${ID_MAX_LENGTH} characters without control characters, got ${describeValue(actor)}`,
    );
  }
  return { now, actor };
}

/** A state without who wrote it when: what a button press decides. */
type TimerChange =
  | Omit<IdleTimer, 'at' | 'actor'>
  | Omit<RunningTimer, 'at' | 'actor'>
  | Omit<PausedTimer, 'at' | 'actor'>;

type Transition = (current: TimerState, now: number) => TimerChange | null;

/** Applies one button press: the next state from the current one, written whole; null writes nothing. */
function press(doc: Y.Doc, opts: TimerWriteOptions, transition: Transition): TimerState {
  const { now, actor } = parseOptions(opts);
  const current = readTimer(doc);
  const next = transition(current, now);
  if (next === null) return current;
  const state = { ...next, at: now, ...(actor === undefined ? {} : { actor }) } as TimerState;
  doc.transact(() => timerType(doc).set(STATE_KEY, state), opts?.origin ?? LOCAL_ORIGIN);
  return { ...state };
}

/** Picks a duration; the timer stops and waits, idle, to be started with it. */
export function setTimerDuration(doc: Y.Doc, durationMs: number, opts: TimerWriteOptions): TimerState {
  const duration = parseDuration(durationMs, 'A timer duration');
  return press(doc, opts, (current) =>
    current.status === 'idle' && current.durationMs === duration
      ? null
      : { status: 'idle', durationMs: duration },
  );
}

/** Starts the picked duration, or resumes a paused timer; a running timer runs on. */
export function startTimer(doc: Y.Doc, opts: TimerWriteOptions): TimerState {
  return press(doc, opts, (current, now) => {
    if (current.status === 'running') return null;
    const left = current.status === 'paused' ? current.remainingMs : current.durationMs;
    return { status: 'running', durationMs: current.durationMs, endsAt: now + left };
  });
}

/** Freezes a running timer at what is left; otherwise writes nothing. */
export function pauseTimer(doc: Y.Doc, opts: TimerWriteOptions): TimerState {
  return press(doc, opts, (current, now) =>
    current.status === 'running'
      ? { status: 'paused', durationMs: current.durationMs, remainingMs: timerRemaining(current, now) }
      : null,
  );
}

/**
 * One minute more: on what is left while it runs (a timer that already reached zero runs one more minute
 * from now) or is paused, and on the picked duration while idle. Refuses to go beyond TIMER_MAX_MS.
 */
export function addTimerMinute(doc: Y.Doc, opts: TimerWriteOptions): TimerState {
  return press(doc, opts, (current, now) => {
    const left = timerRemaining(current, now) + MINUTE_MS;
    if (left > TIMER_MAX_MS) {
      throw new ModelError('invalid-duration', `A timer holds at most ${TIMER_MAX_MS / MINUTE_MS} minutes`);
    }
    switch (current.status) {
      case 'idle':
        return { status: 'idle', durationMs: left };
      case 'paused':
        return { status: 'paused', durationMs: current.durationMs, remainingMs: left };
      case 'running':
        return { status: 'running', durationMs: current.durationMs, endsAt: now + left };
    }
  });
}

/** Stops the timer and sets it back to the picked duration. */
export function resetTimer(doc: Y.Doc, opts: TimerWriteOptions): TimerState {
  return press(doc, opts, (current) =>
    current.status === 'idle' ? null : { status: 'idle', durationMs: current.durationMs },
  );
}

/** True when the timer map holds nothing but one valid state; for checking incoming changes. */
export function isTimerMapValid(doc: Y.Doc): boolean {
  for (const [key, value] of timerType(doc)) {
    if (key !== STATE_KEY || !isTimerState(value)) return false;
  }
  return true;
}

/** The timer as the server checks it. */
export const TIMER_SECTION: ControlSection = {
  key: TIMER_KEY,
  kind: 'map',
  findInvalid: (doc) => (isTimerMapValid(doc) ? null : 'the timer holds an invalid state'),
};
