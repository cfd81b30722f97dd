import type * as Y from 'yjs';

/** The roles an invite link gives; a person of a board has one. */
export const ROLES = ['facilitator', 'participant', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who makes a change, as the server knows them: never what the change itself claims. */
export interface Writer {
  /** The person's id, issued by the server when they joined with an invite link. */
  person: string;
  role: Role;
  /** The person's display name as registered with the server; their new notes must carry it. */
  name?: string;
}

/** What the write rules are given besides the change itself (which also tells what the board was before it). */
export interface WriteContext {
  writer: Writer;
  /** The board's facilitation state (phase, lock, voting rounds), or null when it is not at hand. */
  control: Y.Doc | null;
  /** Most notes a board may hold; a change past it is refused as over budget. */
  maxNotes?: number;
}

/** A refusal: why, and whether it is a budget (the client is over a limit) rather than invalid data. */
export interface WriteRefusal {
  reason: string;
  overBudget?: boolean;
}
