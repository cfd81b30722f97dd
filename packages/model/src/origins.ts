/**
 * Transaction origins: every write passes one to `doc.transact`, so observers and a Y.UndoManager can tell
 * a user's own edits from edits that arrived over the network, were loaded from storage, or came from a
 * schema migration. They are compared by identity, so always use these constants.
 */
export type OriginKind = 'local' | 'remote' | 'storage' | 'migration' | 'reveal';

export interface TransactionOrigin {
  readonly kind: OriginKind;
}

/** Edits made by the person at this client; the only origin an undo manager should track. */
export const LOCAL_ORIGIN: TransactionOrigin = Object.freeze({ kind: 'local' });
/** Updates received from other clients through the relay. */
export const REMOTE_ORIGIN: TransactionOrigin = Object.freeze({ kind: 'remote' });
/** Updates loaded from persistent storage. */
export const STORAGE_ORIGIN: TransactionOrigin = Object.freeze({ kind: 'storage' });
/** Writes made by `migrateBoard`; kept apart so nobody can undo a migration by accident. */
export const MIGRATION_ORIGIN: TransactionOrigin = Object.freeze({ kind: 'migration' });

/**
 * Drafts moved onto the board at the end of a silent brainstorm (`publishDrafts`). Not tracked by undo: the
 * drafts are gone once revealed, so taking a reveal back would take everyone's notes off the board.
 */
export const REVEAL_ORIGIN: TransactionOrigin = Object.freeze({ kind: 'reveal' });

export interface TransactOptions {
  /** Defaults to LOCAL_ORIGIN (MIGRATION_ORIGIN for migrations). */
  origin?: unknown;
}
