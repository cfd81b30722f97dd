import * as Y from 'yjs';
import { AGENDA_SECTION } from './agenda.ts';
import { LOCK_SECTION } from './board-lock.ts';
import { CONTROL_ENTRY_LIMITS, type ControlSection } from './control-section.ts';
import { describeValue } from './errors.ts';
import { FOLLOW_SECTION } from './follow.ts';
import { ISSUES_SECTION } from './issues-in-hand.ts';
import { MEETINGS_SECTION } from './meetings.ts';
import { PHASE_HISTORY_SECTION } from './phase-history.ts';
import { isPlainValue } from './plain-value.ts';
import { PLANS_SECTION } from './plan.ts';
import { ROUND_STARTS_SECTION } from './rounds.ts';
import { PRIVATE_ROUND_SECTION } from './silent-brainstorm.ts';
import { STEP_STATUS_SECTION } from './step-status.ts';
import { TIMER_SECTION } from './timer.ts';
import { findMalformedUpdate } from './update-precheck.ts';
import { VOTING_ROUNDS_SECTION } from './voting.ts';

/** Any Yjs type, as Yjs names the keys of `transaction.changed`. */
type SharedType = Parameters<Y.Transaction['changed']['get']>[0];

/** Every top-level type the control document may hold. */
const CONTROL_SECTIONS: readonly ControlSection[] = [
  PHASE_HISTORY_SECTION,
  PRIVATE_ROUND_SECTION,
  STEP_STATUS_SECTION,
  VOTING_ROUNDS_SECTION,
  FOLLOW_SECTION,
  LOCK_SECTION,
  TIMER_SECTION,
  MEETINGS_SECTION,
  PLANS_SECTION,
  AGENDA_SECTION,
  ISSUES_SECTION,
  ROUND_STARTS_SECTION,
];

const CONTROL_ROOTS: ReadonlySet<string> = new Set(CONTROL_SECTIONS.map((section) => section.key));

/** Why an update cannot be a valid write to a board's control document, from the update alone (or null). */
export function findMalformedControlUpdate(update: Uint8Array, known?: Y.Doc): string | null {
  return findMalformedUpdate(update, 'control', CONTROL_ROOTS, { known })?.reason ?? null;
}

/**
 * findInvalidChange for a board's control document (`<boardId>.control`): returns why the change `transaction`
 * made to `doc` is invalid, or null when it is fine. Everything the facilitation operations write passes; an
 * unknown top-level type, a nested Yjs type, an entry its section finds invalid does not, and neither does
 * removing entries of an append-only section (the phase history, which the diagnosis and the replay are built
 * from).
 *
 * Not checked: whether a new history entry is one move away from the previous one. Two facilitators moving at
 * once append two entries from the same position, so after a merge neighbours need not be one move apart.
 */
export function findInvalidControlChange(doc: Y.Doc, transaction: Y.Transaction): string | null {
  // Names first: reading a root through the model below can replace a root that Yjs created without knowing
  // its kind, after which the changed types no longer match the document's roots.
  const rootNames = new Map<SharedType, string>();
  for (const [name, type] of doc.share) rootNames.set(type, name);

  const touched = new Set<ControlSection>();
  for (const [type, keys] of transaction.changed) {
    if (type._item !== null) return 'facilitation state holds no nested types';
    const name = rootNames.get(type);
    const section = CONTROL_SECTIONS.find((candidate) => candidate.key === name);
    if (section === undefined) return `unknown top-level type ${describeValue(name)}`;
    const isList = [...keys].every((key) => key === null);
    if (section.kind === 'array' && !isList) return `${describeValue(name)} must be a list`;
    if (section.kind === 'map' && keys.has(null)) return `${describeValue(name)} must be a map`;
    touched.add(section);
  }

  for (const section of touched) {
    const entries =
      section.kind === 'array' ? doc.getArray(section.key).toArray() : [...doc.getMap(section.key).values()];
    if (!entries.every((entry) => isPlainValue(entry, CONTROL_ENTRY_LIMITS))) {
      return `${describeValue(section.key)} holds an invalid value: not plain data, or too large`;
    }
    if (section.appendOnly) {
      // The root as the document holds it now: reading it through the model may have replaced the instance.
      const type = doc.share.get(section.key);
      let removed = false;
      Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
        if (struct instanceof Y.Item && struct.parent === type) removed = true;
      });
      if (removed) return `entries of ${describeValue(section.key)} cannot be removed`;
    }
    const problem = section.findInvalid(doc);
    if (problem !== null) return problem;
  }
  return null;
}
