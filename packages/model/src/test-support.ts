import { expect } from 'vitest';
import * as Y from 'yjs';
import { findRefusedChange } from './change-check.ts';
import { isModelError, type ModelErrorCode } from './errors.ts';
import type { WriteContext, WriteRefusal } from './writer.ts';

/**
 * Asserts that `operation` throws ModelError(code) and that the document emitted no update meanwhile,
 * i.e. the refused call wrote nothing. Shared by the model's tests; not part of the package's API.
 */
export function expectRefused(doc: Y.Doc, code: ModelErrorCode, operation: () => unknown): void {
  let updates = 0;
  const count = () => updates++;
  doc.on('update', count);
  let thrown: unknown;
  try {
    operation();
  } catch (error) {
    thrown = error;
  } finally {
    doc.off('update', count);
  }
  expect(isModelError(thrown, code), `expected ModelError '${code}', got ${String(thrown)}`).toBe(true);
  expect(updates, `a refused '${code}' call must write nothing`).toBe(0);
}

/**
 * Sends what `client` has that `server` lacks, as the relay receives it, and returns what `checkChange`
 * says of the server's resulting transaction ('no transaction' when nothing was applied).
 */
export function checkSentChange(
  server: Y.Doc,
  client: Y.Doc,
  checkChange: (doc: Y.Doc, transaction: Y.Transaction) => string | null,
): string | null {
  const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
  let result: string | null = 'no transaction';
  const onTransaction = (transaction: Y.Transaction) => {
    result = checkChange(server, transaction);
  };
  server.on('afterTransaction', onTransaction);
  Y.applyUpdate(server, update);
  server.off('afterTransaction', onTransaction);
  return result;
}

/**
 * What the server says of the change `write` makes to a client's copy of `board`, as one transaction:
 * findRefusedChange's verdict given `context`. Throws when the write changed nothing.
 */
export function attemptWrite(
  board: Y.Doc,
  write: (doc: Y.Doc) => void,
  context: WriteContext,
): WriteRefusal | null {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(board));
  write(client);
  const after = new Y.Doc();
  Y.applyUpdate(after, Y.encodeStateAsUpdate(board));
  const verdicts: (WriteRefusal | null)[] = [];
  after.on('afterTransaction', (transaction: Y.Transaction) => {
    verdicts.push(findRefusedChange(after, transaction, context));
  });
  Y.applyUpdate(after, Y.encodeStateAsUpdate(client, Y.encodeStateVector(board)));
  if (verdicts.length !== 1) throw new Error('the write changed nothing');
  return verdicts[0] ?? null;
}
