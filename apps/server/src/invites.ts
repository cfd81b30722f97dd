import { ROLES, type Role } from '@kompas/protocol';
import { expiryFromNow, signToken } from './tokens.ts';

export interface Invites {
  links: Record<Role, string>;
  tokens: Record<Role, string>;
}

/** One link per role. The token sits in the fragment, which browsers never send, so it stays out of HTTP logs. */
export function createInvites(
  secret: string,
  boardId: string,
  publicUrl: string,
  ttlDays: number,
  now = Date.now(),
): Invites {
  const expiresAt = expiryFromNow(ttlDays, now);
  const tokens = {} as Record<Role, string>;
  const links = {} as Record<Role, string>;
  for (const role of ROLES) {
    tokens[role] = signToken(secret, { boardId, role, expiresAt });
    links[role] = `${publicUrl}/b/${boardId}#token=${tokens[role]}`;
  }
  return { links, tokens };
}
