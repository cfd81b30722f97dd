import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, CloseCode, retriesAfter } from './close-codes.ts';

describe('close codes', () => {
  it('keeps the wire values the relay, the server and the client send', () => {
    expect(CloseCode).toMatchObject({
      goingAway: 1001,
      malformed: 4400,
      unauthorized: 4401,
      forbidden: 4403,
      notFound: 4404,
      invalidData: 4422,
      overBudget: 4429,
      missingParts: 4509,
    });
  });

  it('gives each code one name', () => {
    const codes = Object.values(CLOSE_CODES).map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('lets a client retry after a lost connection, a shutdown, a stream out of step or missing parts', () => {
    for (const code of [1000, 1001, 1006, 1009, 1011, 4400, 4509]) expect(retriesAfter(code)).toBe(true);
  });

  it('stops a client after a refusal, including 44xx codes it does not know', () => {
    for (const code of [4401, 4403, 4404, 4422, 4429, 4499]) expect(retriesAfter(code)).toBe(false);
  });

  it('retries after codes outside the refusal range that it does not know', () => {
    expect(retriesAfter(4500)).toBe(true);
    expect(retriesAfter(3000)).toBe(true);
  });
});
