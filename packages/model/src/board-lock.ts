import type * as Y from 'yjs';
import type { ControlSection } from './control-section.ts';
import { describeValue, ModelError } from './errors.ts';
import { isValidId } from './id.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';
import { parseActor } from './phase-history.ts';
import { getStep, PHASES, type PhaseId, type StepId } from './phases.ts';
import { isTimestamp, resolveNow } from './time.ts';

/**
 * How far the facilitator has closed the board to participants: not at all, the whole board, or every
 * phase but the one the group is in (which follows the group when it moves on).
 */
export const LOCK_MODES = ['none', 'board', 'other-phases'] as const;
export type LockMode = (typeof LOCK_MODES)[number];

export interface BoardLock {
  mode: LockMode;
  /** When the facilitator set this mode; 0 for a board that was never locked. */
  at: number;
  /** The id of the facilitator who set it, when known. */
  actor?: string;
}

export interface LockOptions extends TransactOptions {
  /** The time recorded for the change; defaults to Date.now(). */
  now?: number;
  /** The id of the facilitator setting the lock. */
  actor?: string;
}

export const NO_LOCK: Readonly<BoardLock> = Object.freeze({ mode: 'none', at: 0 });

/** Name of the top-level Y.Map in the control document holding the lock. */
export const LOCK_KEY = 'lock';
/** The one entry of that map: the whole lock, so concurrent changes settle on one facilitator's choice. */
const CURRENT_KEY = 'current';

export function isLockMode(value: unknown): value is LockMode {
  return (LOCK_MODES as readonly unknown[]).includes(value);
}

export function isBoardLock(value: unknown): value is BoardLock {
  if (typeof value !== 'object' || value === null) return false;
  const { mode, at, actor } = value as Record<string, unknown>;
  return isLockMode(mode) && isTimestamp(at) && (actor === undefined || isValidId(actor));
}

/** The Yjs type holding the lock; only for observing it. */
export function lockType(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(LOCK_KEY);
}

/** The lock as stored; an empty or invalid entry reads as no lock. */
export function readBoardLock(doc: Y.Doc): BoardLock {
  const stored = lockType(doc).get(CURRENT_KEY);
  if (!isBoardLock(stored)) return { ...NO_LOCK };
  const { mode, at, actor } = stored;
  return actor === undefined ? { mode, at } : { mode, at, actor };
}

/**
 * Sets the lock to `mode` and returns it; writes nothing when the board already has that mode.
 * Throws ModelError('invalid-lock') on an unknown mode.
 */
export function setBoardLock(doc: Y.Doc, mode: LockMode, opts?: LockOptions): BoardLock {
  if (!isLockMode(mode)) {
    throw new ModelError(
      'invalid-lock',
      `A lock must be one of ${LOCK_MODES.join(', ')}, got ${describeValue(mode)}`,
    );
  }
  const at = resolveNow(opts?.now);
  const actor = parseActor(opts?.actor);
  const current = readBoardLock(doc);
  if (current.mode === mode) return current;
  const lock: BoardLock = actor === undefined ? { mode, at } : { mode, at, actor };
  doc.transact(() => lockType(doc).set(CURRENT_KEY, { ...lock }), opts?.origin ?? LOCAL_ORIGIN);
  return lock;
}

/** Calls `cb` after every transaction that changed the lock, with its origin. */
export function observeBoardLock(doc: Y.Doc, cb: (origin: unknown) => void): () => void {
  const type = lockType(doc);
  const handler = (event: Y.YMapEvent<unknown>) => cb(event.transaction.origin);
  type.observe(handler);
  return () => type.unobserve(handler);
}

/** The phases a lock closes while the group is in `current`, in clockwise order. */
export function lockedPhases(mode: LockMode, current: PhaseId): PhaseId[] {
  if (mode === 'board') return PHASES.map((phase) => phase.id);
  if (mode === 'other-phases') return PHASES.filter((phase) => phase.id !== current).map((phase) => phase.id);
  return [];
}

/**
 * A change to one note, by the steps it touches: the step the note is in (none for a new note) and the
 * step it ends up in (none when it is deleted). An edit or a new colour touches one step: from and to alike.
 */
export interface NotePlaces {
  from?: StepId;
  to?: StepId;
}

/**
 * The first locked phase a note change touches, or null when the lock allows it. A note can neither be
 * put into a locked phase nor taken out of one, and a note inside one cannot be changed at all.
 */
export function lockedPhaseOf(mode: LockMode, current: PhaseId, change: NotePlaces): PhaseId | null {
  const locked = lockedPhases(mode, current);
  for (const step of [change.from, change.to]) {
    if (step === undefined) continue;
    const { phase } = getStep(step);
    if (locked.includes(phase)) return phase;
  }
  return null;
}

/** True when the section holds nothing but the lock entry, and that is a valid lock. */
export function isLockMapValid(doc: Y.Doc): boolean {
  for (const [key, value] of lockType(doc)) {
    if (key !== CURRENT_KEY || !isBoardLock(value)) return false;
  }
  return true;
}

/** The lock as the server checks it. */
export const LOCK_SECTION: ControlSection = {
  key: LOCK_KEY,
  kind: 'map',
  findInvalid: (doc) => (isLockMapValid(doc) ? null : 'the board lock is invalid'),
};
