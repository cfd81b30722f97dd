/**
 * Transaction origins on a room's Y.Doc, so the room's update handler can tell where a change came from:
 * changes loaded from storage are already stored and go nowhere, a client's change is stored and relayed
 * to everyone else.
 */
export const STORAGE_ORIGIN = Object.freeze({ kind: 'storage' } as const);

export type StorageOrigin = typeof STORAGE_ORIGIN;

/** A change sent by a client. Every connection is its own origin object, so the relay can skip the sender. */
export interface ClientOrigin {
  readonly kind: 'client';
  /** Recorded with every update the client makes. */
  readonly actor: string;
}

export type RelayOrigin = StorageOrigin | ClientOrigin;
