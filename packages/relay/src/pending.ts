import type * as Y from 'yjs';

/**
 * Bytes Yjs holds for `doc` that it cannot integrate yet: updates whose dependencies have not arrived
 * (`store.pendingStructs`) and deletions of items it does not know (`store.pendingDs`). They live in memory
 * only, and are neither stored nor relayed until what they wait for arrives.
 */
export function pendingBytes(doc: Y.Doc): number {
  const { pendingStructs, pendingDs } = doc.store;
  return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
}

/**
 * Forgets what `doc` holds pending. Nothing durable is lost: it was never stored, and the clients that sent it
 * still have it and send it again on their next sync, along with what it waited for if they have that.
 */
export function dropPending(doc: Y.Doc): void {
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
}
