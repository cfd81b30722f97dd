import type * as Y from 'yjs';

/**
 * One step of the document's history, in the style of tldraw's record migrations.
 *
 * MIGRATIONS is append-only: never edit, reorder or remove a released migration; add the next version.
 * `up` runs inside the migrating transaction, and two clients may run it at the same time on the same
 * state, after which Yjs merges both sets of writes. So `up` must be idempotent and convergent: skip work
 * already done, write deterministic values under deterministic keys, never insert into sequences, never mint
 * random ids, and never throw (a transaction that throws keeps what it wrote so far).
 */
export interface Migration {
  /** 1, 2, 3, ...: the schema version a document has once this migration ran. */
  readonly version: number;
  /** Stable and unique, recorded in the document next to the version. */
  readonly id: string;
  up(doc: Y.Doc): void;
}

export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    id: 'kompas.board/1-initial',
    // Version 1 is the first versioned shape. Documents without a version (0) were written in this shape
    // already, so there is nothing to transform; running it records the version.
    up: () => undefined,
  },
]);
