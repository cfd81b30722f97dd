import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRole, type Role } from '@kompas/protocol';

export interface TokenClaims {
  boardId: string;
  role: Role;
  /** Unix time in seconds after which the token is refused. */
  expiresAt: number;
  /**
   * The person the token stands for, in a person token (issued on joining); absent in an invite link's token,
   * which only says which role its holder joins with.
   */
  person?: string;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

const SECONDS_PER_DAY = 86_400;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Person ids are issued by the server: 16 random bytes, base64url. */
export const PERSON_ID = /^[A-Za-z0-9_-]{22}$/;

export function expiryFromNow(ttlDays: number, now = Date.now()): number {
  return Math.floor(now / 1000 + ttlDays * SECONDS_PER_DAY);
}

/**
 * Signs the encoded payload text rather than the JSON object, so verification checks exactly the bytes
 * that travelled and never depends on how JSON happens to be serialised.
 */
function signature(secret: string, encodedPayload: string): Buffer {
  return createHmac('sha256', secret).update(encodedPayload).digest();
}

/** `base64url(JSON {b, r, e[, p]}) + '.' + base64url(HMAC-SHA256(secret, payload))` */
export function signToken(secret: string, claims: TokenClaims): string {
  const fields = { b: claims.boardId, r: claims.role, e: claims.expiresAt };
  const payload = Buffer.from(
    JSON.stringify(claims.person === undefined ? fields : { ...fields, p: claims.person }),
  ).toString('base64url');
  return `${payload}.${signature(secret, payload).toString('base64url')}`;
}

/** Checks the signature in constant time first; only a genuine token's payload is parsed and its expiry read. */
export function verifyToken(secret: string, token: string, now = Date.now()): TokenCheck {
  const parts = token.split('.');
  const [payload, signaturePart] = parts;
  if (
    parts.length !== 2 ||
    !payload ||
    !signaturePart ||
    !BASE64URL.test(payload) ||
    !BASE64URL.test(signaturePart)
  ) {
    return { ok: false, reason: 'invalid' };
  }
  // Compared as text: decoding first would accept several spellings of one signature (base64 padding bits).
  const expected = Buffer.from(signature(secret, payload).toString('base64url'));
  const given = Buffer.from(signaturePart);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'invalid' };
  }
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: 'invalid' };
  if (claims.expiresAt <= Math.floor(now / 1000)) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function parseClaims(payload: string): TokenClaims | undefined {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { b, r, e, p } = data as Record<string, unknown>;
  if (typeof b !== 'string' || !isRole(r) || !Number.isSafeInteger(e)) return undefined;
  if (p !== undefined && (typeof p !== 'string' || !PERSON_ID.test(p))) return undefined;
  const claims: TokenClaims = { boardId: b, role: r, expiresAt: e as number };
  return p === undefined ? claims : { ...claims, person: p };
}
