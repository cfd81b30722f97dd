import { type BoardInvites, ROLES, type Role } from '@kompas/protocol';
import { expiryFromNow, signToken } from './tokens.ts';

export interface Invites {
  links: Record<Role, string>;
  tokens: Record<Role, string>;
}

/**
 * One link per role. The token sits in the fragment, which browsers never send, so it stays out of HTTP logs.
 * Links expire `ttlDays` after the board was created (`createdAt`, in milliseconds), however often they are
 * asked for again: the same board gives the same links, and handing them out later never prolongs a board.
 */
export function createInvites(
  secret: string,
  boardId: string,
  publicUrl: string,
  ttlDays: number,
  createdAt: number,
): Invites {
  const expiresAt = expiryFromNow(ttlDays, createdAt);
  const tokens = {} as Record<Role, string>;
  const links = {} as Record<Role, string>;
  for (const role of ROLES) {
    tokens[role] = signToken(secret, { boardId, role, expiresAt });
    links[role] = `${publicUrl}/b/${boardId}#token=${tokens[role]}`;
  }
  return { links, tokens };
}

/**
 * The links a person of `role` may hand out from the board: facilitators invite anyone (the facilitator link
 * is for a co-facilitator), participants invite other participants, observers nobody (undefined).
 */
export function invitesFor(role: Role, links: Record<Role, string>): BoardInvites | undefined {
  if (role === 'facilitator') return { links: { ...links } };
  if (role === 'participant') return { links: { participant: links.participant } };
  return undefined;
}
