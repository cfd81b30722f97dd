import { describe, expect, it } from 'vitest';
import { expiryFromNow, signToken, verifyToken } from './tokens.ts';

const SECRET = 'test-secret-0123456789';
const NOW = Date.UTC(2030, 0, 1);
const claims = {
  boardId: 'AAAAAAAAAAAAAAAAAAAAAA',
  role: 'participant',
  expiresAt: NOW / 1000 + 60,
} as const;

/** Replaces one character with a different one of the base64url alphabet. */
function flipChar(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('tokens', () => {
  it('verifies what it signed and returns the claims', () => {
    const token = signToken(SECRET, claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyToken(SECRET, token, NOW)).toEqual({ ok: true, claims });
  });

  it('encodes the payload as base64url JSON {b, r, e}', () => {
    const [payload] = signToken(SECRET, claims).split('.');
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toEqual({
      b: claims.boardId,
      r: 'participant',
      e: claims.expiresAt,
    });
  });

  it('refuses a token whose payload was changed', () => {
    const [, signature] = signToken(SECRET, claims).split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ b: claims.boardId, r: 'facilitator', e: claims.expiresAt }),
    ).toString('base64url');
    expect(verifyToken(SECRET, `${forgedPayload}.${signature}`, NOW)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuses a token whose signature was changed, in any position', () => {
    const token = signToken(SECRET, claims);
    const dot = token.indexOf('.');
    for (const index of [dot + 1, dot + 10, token.length - 1]) {
      expect(verifyToken(SECRET, flipChar(token, index), NOW).ok).toBe(false);
    }
    expect(verifyToken(SECRET, `${token}A`, NOW).ok).toBe(false);
    expect(verifyToken(SECRET, token.slice(0, -1), NOW).ok).toBe(false);
  });

  it('refuses a token signed with another secret', () => {
    const token = signToken('another-secret-0123456789', claims);
    expect(verifyToken(SECRET, token, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses malformed tokens', () => {
    for (const token of ['', '.', 'abc', 'a.b.c', 'a b.c', `${signToken(SECRET, claims)}.x`]) {
      expect(verifyToken(SECRET, token, NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuses a correctly signed payload of the wrong shape', () => {
    const token = signToken(SECRET, { ...claims, role: 'admin' as 'observer' });
    expect(verifyToken(SECRET, token, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('reports expiry from the expiry second on', () => {
    const token = signToken(SECRET, claims);
    expect(verifyToken(SECRET, token, claims.expiresAt * 1000 - 1).ok).toBe(true);
    expect(verifyToken(SECRET, token, claims.expiresAt * 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('computes expiry from a lifetime in days', () => {
    expect(expiryFromNow(90, NOW)).toBe(NOW / 1000 + 90 * 86_400);
  });
});
