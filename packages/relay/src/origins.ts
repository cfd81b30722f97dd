import type { Budget } from './budgets.ts';
import type { Writer } from './write-check.ts';

/**
 * Transaction origins on a room's Y.Doc, so the room's update handler can tell where a change came from:
 * changes loaded from storage are already stored and go nowhere, a client's change is stored and relayed
 * to everyone else.
 */
export const STORAGE_ORIGIN = Object.freeze({ kind: 'storage' } as const);

export type StorageOrigin = typeof STORAGE_ORIGIN;

/**
 * A change another server of the cluster logged (see cluster/): already stored and checked there, so it goes
 * nowhere but to this server's connections.
 */
export const LOGGED_ORIGIN = Object.freeze({ kind: 'logged' } as const);

export type LoggedOrigin = typeof LOGGED_ORIGIN;

/** A change sent by a client. Every connection is its own origin object, so the relay can skip the sender. */
export interface ClientOrigin {
  readonly kind: 'client';
  /** Recorded with every update the client makes. */
  readonly actor: string;
}

export type RelayOrigin = StorageOrigin | LoggedOrigin | ClientOrigin;

/** Whom a room applies a write for: a connection, or (on a room's owner) a stand-in for another server's. */
export interface WriteOrigin extends ClientOrigin {
  readonly writer: Writer;
  /** Closes the writer with 4429 for a budget it passed; a stand-in has its server do it. */
  closeOverBudget(budget: Budget): void;
}
