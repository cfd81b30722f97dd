import type * as Y from 'yjs';
import {
  currentPosition,
  type PhasePosition,
  type PhaseVisit,
  phaseHistoryType,
  readPhaseHistory,
} from './phase-history.ts';
import type { StepId } from './phases.ts';
import { readStepStatuses, type StepStatus, stepStatusType } from './step-status.ts';

/**
 * The facilitation state of a board, as held by its control document (`<boardId>.control`): where the group
 * is on the circle, how it got there, and how far each step is. Only facilitators write it; everyone reads it.
 */
export interface Facilitation extends PhasePosition {
  /** False until startFacilitation; the position then reads as round 1 Verkennen. */
  started: boolean;
  /** Every move, oldest first; the last entry is the current position. */
  history: PhaseVisit[];
  /** All twelve steps. */
  stepStatuses: Record<StepId, StepStatus>;
}

/** A snapshot of the control document; an empty document reads as a session not yet started. */
export function getFacilitation(doc: Y.Doc): Facilitation {
  const history = readPhaseHistory(doc);
  return {
    ...currentPosition(history),
    started: history.length > 0,
    history,
    stepStatuses: readStepStatuses(doc),
  };
}

/** Calls `cb` once after every transaction that changed the facilitation state, with its origin. */
export function observeFacilitation(doc: Y.Doc, cb: (origin: unknown) => void): () => void {
  const watched = new Set<unknown>([phaseHistoryType(doc), stepStatusType(doc)]);
  const handler = (transaction: Y.Transaction) => {
    if ([...transaction.changed.keys()].some((type) => watched.has(type))) cb(transaction.origin);
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}
