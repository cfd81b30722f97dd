import * as Y from 'yjs';

/**
 * Merges a snapshot and the updates after it into one update holding the whole state.
 *
 * Goes through a Y.Doc rather than Y.mergeUpdates so deleted content is garbage-collected: snapshots stay
 * as small as the document, not as large as its history (the log keeps the history).
 */
export function mergeState(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
