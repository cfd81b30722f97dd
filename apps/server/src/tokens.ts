import { createHmac, timingSafeEqual } from 'node:crypto';

export const ROLES = ['facilitator', 'participant', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export interface TokenClaims {
  boardId: string;
  role: Role;
  /** Unix time in seconds after which the token is refused. */
  expiresAt: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

const SECONDS_PER_DAY = 86_400;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

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

/** `base64url(JSON {b, r, e}) + '.' + base64url(HMAC-SHA256(secret, payload))` */
export function signToken(secret: string, claims: TokenClaims): string {
  const payload = Buffer.from(
    JSON.stringify({ b: claims.boardId, r: claims.role, e: claims.expiresAt }),
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
  const { b, r, e } = data as Record<string, unknown>;
  if (typeof b !== 'string' || !isRole(r) || !Number.isSafeInteger(e)) return undefined;
  return { boardId: b, role: r, expiresAt: e as number };
}
