import type * as Y from 'yjs';
import type { ControlSection } from './control-section.ts';
import { describeValue, ModelError } from './errors.ts';
import { ID_MAX_LENGTH, isValidId } from './id.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';
import { getPhase, isPhaseId, PHASES, type PhaseId } from './phases.ts';
import { isTimestamp, resolveNow } from './time.ts';

/**
 * Where the group is on the circle: a phase in a round. Round 1 starts at Verkennen; after Aan de slag the
 * circle starts again at Verkennen of the next round.
 */
export interface PhasePosition {
  phase: PhaseId;
  /** 1, 2, 3, ... */
  round: number;
}

/** One entry of the phase history: from `at` on, the group was at this position. */
export interface PhaseVisit extends PhasePosition {
  /** Milliseconds since the Unix epoch. */
  at: number;
  /** The id of the facilitator who moved the group here, when known. */
  actor?: string;
}

export interface PhaseMoveOptions extends TransactOptions {
  /** The time recorded for the move; defaults to Date.now(). */
  now?: number;
  /** The id of the facilitator making the move. */
  actor?: string;
  /**
   * Where the facilitator saw the group when they chose to move. When the group is elsewhere by now (another
   * facilitator moved it meanwhile), the move is refused with ModelError('phase-moved') instead of moving
   * the group a second time.
   */
  from?: PhasePosition;
}

/**
 * Name of the top-level Y.Array in the control document holding the phase history, oldest first.
 *
 * The history is append-only and the current position is its last entry, so there is no separate "current
 * phase" key that could disagree with it after a merge. Two facilitators moving at the same time both append;
 * Yjs orders the two entries the same way on every client, so everyone agrees on where the group is.
 */
export const PHASE_HISTORY_KEY = 'phaseHistory';

export const FIRST_POSITION: Readonly<PhasePosition> = Object.freeze({ phase: 'verkennen', round: 1 });

export function isRound(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

export function isPhaseVisit(value: unknown): value is PhaseVisit {
  if (typeof value !== 'object' || value === null) return false;
  const { phase, round, at, actor } = value as Record<string, unknown>;
  return isPhaseId(phase) && isRound(round) && isTimestamp(at) && (actor === undefined || isValidId(actor));
}

/** The position one step clockwise: the next phase, or Verkennen of the next round after Aan de slag. */
export function positionAfter(position: PhasePosition): PhasePosition {
  const next = PHASES[getPhase(position.phase).index + 1];
  return next
    ? { phase: next.id, round: position.round }
    : { phase: FIRST_POSITION.phase, round: position.round + 1 };
}

/** The position one step anticlockwise, or undefined at round 1 Verkennen, before which there is nothing. */
export function positionBefore(position: PhasePosition): PhasePosition | undefined {
  const previous = PHASES[getPhase(position.phase).index - 1];
  if (previous) return { phase: previous.id, round: position.round };
  if (position.round <= 1) return undefined;
  const last = PHASES[PHASES.length - 1] as (typeof PHASES)[number];
  return { phase: last.id, round: position.round - 1 };
}

/** The Yjs type holding the phase history; only for observing it. */
export function phaseHistoryType(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray(PHASE_HISTORY_KEY);
}

/** Only facilitators write here, but a hostile client could still send anything: invalid entries are skipped. */
export function readPhaseHistory(doc: Y.Doc): PhaseVisit[] {
  const visits: PhaseVisit[] = [];
  for (const stored of phaseHistoryType(doc).toArray()) {
    if (!isPhaseVisit(stored)) continue;
    const { phase, round, at, actor } = stored;
    visits.push(actor === undefined ? { phase, round, at } : { phase, round, at, actor });
  }
  return visits;
}

/** The group's position: the last history entry, or round 1 Verkennen before the session has started. */
export function currentPosition(history: readonly PhaseVisit[]): PhasePosition {
  const last = history.at(-1);
  return last ? { phase: last.phase, round: last.round } : { ...FIRST_POSITION };
}

export function parseActor(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!isValidId(value)) {
    throw new ModelError(
      'invalid-actor',
      `An actor id must be 1..${ID_MAX_LENGTH} characters without control characters, got ${describeValue(value)}`,
    );
  }
  return value;
}

function appendVisit(doc: Y.Doc, position: PhasePosition, opts: PhaseMoveOptions | undefined): PhaseVisit {
  const at = resolveNow(opts?.now);
  const actor = parseActor(opts?.actor);
  const visit: PhaseVisit = actor === undefined ? { ...position, at } : { ...position, at, actor };
  doc.transact(() => phaseHistoryType(doc).push([{ ...visit }]), opts?.origin ?? LOCAL_ORIGIN);
  return visit;
}

/** Records that the session starts at round 1 Verkennen; throws ModelError('facilitation-started') if it has. */
export function startFacilitation(doc: Y.Doc, opts?: PhaseMoveOptions): PhaseVisit {
  if (readPhaseHistory(doc).length > 0) {
    throw new ModelError('facilitation-started', 'The session has already started');
  }
  return appendVisit(doc, FIRST_POSITION, opts);
}

/** Where the group is now; refuses when the session has not started or the group left `from` meanwhile. */
function positionToMoveFrom(doc: Y.Doc, from: PhasePosition | undefined): PhasePosition {
  const history = readPhaseHistory(doc);
  if (history.length === 0) {
    throw new ModelError('facilitation-not-started', 'Start the session before moving between phases');
  }
  const current = currentPosition(history);
  if (from && (from.phase !== current.phase || from.round !== current.round)) {
    const { label } = getPhase(current.phase);
    throw new ModelError(
      'phase-moved',
      `The group has moved on already: it is in ${label.nl}, round ${current.round}, now`,
    );
  }
  return current;
}

/** Moves the group one phase clockwise (to the next round after Aan de slag) and returns the new entry. */
export function nextPhase(doc: Y.Doc, opts?: PhaseMoveOptions): PhaseVisit {
  return appendVisit(doc, positionAfter(positionToMoveFrom(doc, opts?.from)), opts);
}

/** Moves the group one phase back; throws ModelError('no-previous-phase') at round 1 Verkennen. */
export function previousPhase(doc: Y.Doc, opts?: PhaseMoveOptions): PhaseVisit {
  const current = positionToMoveFrom(doc, opts?.from);
  const previous = positionBefore(current);
  if (!previous) {
    throw new ModelError('no-previous-phase', 'Round 1 Verkennen is the start; there is no phase before it');
  }
  return appendVisit(doc, previous, opts);
}

/**
 * The position a move to `phase` goes to from `current`: a later phase of the same round, or back to an earlier
 * phase of the same round. Verkennen from Aan de slag is the circle coming round: the next round starts.
 */
export function positionOfPhase(current: PhasePosition, phase: PhaseId): PhasePosition {
  const target = getPhase(phase);
  const after = positionAfter(current);
  if (after.phase === target.id) return after;
  return { phase: target.id, round: current.round };
}

/**
 * Moves the group straight to `phase` with one history entry (as following a plan does); see positionOfPhase
 * for which round. Before the session has started it starts there, in round 1. When the group is in that
 * phase already nothing is written and the current entry is returned.
 */
export function moveToPhase(doc: Y.Doc, phase: PhaseId, opts?: PhaseMoveOptions): PhaseVisit {
  const { id } = getPhase(phase);
  const history = readPhaseHistory(doc);
  const last = history.at(-1);
  if (!last) return appendVisit(doc, { phase: id, round: FIRST_POSITION.round }, opts);
  const current = positionToMoveFrom(doc, opts?.from);
  if (current.phase === id) {
    parseActor(opts?.actor);
    return { ...last };
  }
  return appendVisit(doc, positionOfPhase(current, id), opts);
}

/** True when the stored history holds only valid entries; for checking changes that arrive from clients. */
export function isPhaseHistoryValid(doc: Y.Doc): boolean {
  return phaseHistoryType(doc).toArray().every(isPhaseVisit);
}

/** The phase history as the server checks it: a list that only grows. */
export const PHASE_HISTORY_SECTION: ControlSection = {
  key: PHASE_HISTORY_KEY,
  kind: 'array',
  appendOnly: true,
  findInvalid: (doc) => (isPhaseHistoryValid(doc) ? null : 'the phase history holds an invalid entry'),
};
