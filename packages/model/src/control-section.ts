import type * as Y from 'yjs';
import type { PlainValueLimits } from './plain-value.ts';

/** Each entry of facilitation state is a small plain value: a round, a timer, a visit of a phase, a plan. */
export const CONTROL_ENTRY_LIMITS: PlainValueLimits = { maxLength: 8 * 1024, maxDepth: 4 };

/**
 * One top-level type of a board's control document, as the server checks it: every kind of facilitation
 * state (phase history, step statuses, timer, ...) declares its section, and findInvalidControlChange refuses
 * writes to anything that is not a declared section.
 */
export interface ControlSection {
  /** The top-level name in the control document. */
  key: string;
  /** A map's entries are set under keys; an array's entries are inserted in order. */
  kind: 'map' | 'array';
  /** Entries, once written, cannot be removed (for histories). */
  appendOnly?: boolean;
  /** Why the section as it now is holds invalid data, or null when it is fine. */
  findInvalid(doc: Y.Doc): string | null;
}
