import * as Y from 'yjs';
import { describeValue } from './errors.ts';
import { isPhaseHistoryValid, PHASE_HISTORY_KEY, phaseHistoryType } from './phase-history.ts';
import { isStepStatusMapValid, STEP_STATUS_KEY } from './step-status.ts';

/** Any Yjs type, as Yjs names the keys of `transaction.changed`. */
type SharedType = Parameters<Y.Transaction['changed']['get']>[0];

/**
 * findInvalidChange for a board's control document (`<boardId>.control`): returns why the change `transaction`
 * made to `doc` is invalid, or null when it is fine. Everything the facilitation operations write passes; an
 * unknown top-level type, a nested Yjs type, an invalid history entry or step status does not, and neither
 * does removing history entries, since the history is what the diagnosis and the replay are built from.
 *
 * Not checked: whether a new history entry is one move away from the previous one. Two facilitators moving at
 * once append two entries from the same position, so after a merge neighbours need not be one move apart.
 */
export function findInvalidControlChange(doc: Y.Doc, transaction: Y.Transaction): string | null {
  // Names first: reading a root through the model below can replace a root that Yjs created without knowing
  // its kind, after which the changed types no longer match the document's roots.
  const rootNames = new Map<SharedType, string>();
  for (const [name, type] of doc.share) rootNames.set(type, name);

  let historyTouched = false;
  let statusTouched = false;
  for (const [type, keys] of transaction.changed) {
    if (type._item !== null) return 'facilitation state holds no nested types';
    const name = rootNames.get(type);
    if (name === PHASE_HISTORY_KEY) {
      if ([...keys].some((key) => key !== null)) return 'the phase history must be a list';
      historyTouched = true;
    } else if (name === STEP_STATUS_KEY) {
      if (keys.has(null)) return 'the step statuses must be a map';
      statusTouched = true;
    } else {
      return `unknown top-level type ${describeValue(name)}`;
    }
  }

  if (historyTouched) {
    const history = phaseHistoryType(doc);
    let removed = false;
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (struct instanceof Y.Item && struct.parent === history) removed = true;
    });
    if (removed) return 'phase history entries cannot be removed';
    if (!isPhaseHistoryValid(doc)) return 'the phase history holds an invalid entry';
  }
  if (statusTouched && !isStepStatusMapValid(doc)) return 'a step status is invalid or names an unknown step';
  return null;
}
