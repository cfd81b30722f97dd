import { describe, expect, it } from 'vitest';
import { addressKey, RateLimiter, type RateLimitOptions } from './rate-limit.ts';

const WINDOW_MS = 10 * 60_000;

/** A limiter on a clock the test moves by hand. */
function limiterAt(options: Partial<RateLimitOptions> = {}) {
  const clock = { now: 1_000_000 };
  const limiter = new RateLimiter({ limit: 3, windowMs: WINDOW_MS, now: () => clock.now, ...options });
  return { clock, limiter };
}

function takeTimes(limiter: RateLimiter, key: string, times: number) {
  return Array.from({ length: times }, () => limiter.take(key).allowed);
}

describe('RateLimiter', () => {
  it('allows up to the limit and refuses the next, telling when to try again', () => {
    const { clock, limiter } = limiterAt();
    expect(takeTimes(limiter, 'a', 3)).toEqual([true, true, true]);
    clock.now += 60_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 540 });
    clock.now += 539_500;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('does not count refused actions', () => {
    const { clock, limiter } = limiterAt();
    takeTimes(limiter, 'a', 10);
    clock.now += WINDOW_MS;
    expect(takeTimes(limiter, 'a', 4)).toEqual([true, true, true, false]);
  });

  it('allows again once the window has passed', () => {
    const { clock, limiter } = limiterAt();
    takeTimes(limiter, 'a', 3);
    clock.now += WINDOW_MS - 1;
    expect(limiter.take('a').allowed).toBe(false);
    clock.now += 1;
    expect(takeTimes(limiter, 'a', 4)).toEqual([true, true, true, false]);
  });

  it('keeps keys apart', () => {
    const { limiter } = limiterAt();
    takeTimes(limiter, 'a', 3);
    expect(limiter.take('a').allowed).toBe(false);
    expect(takeTimes(limiter, 'b', 3)).toEqual([true, true, true]);
    expect(limiter.take('b').allowed).toBe(false);
  });

  it('never refuses with a limit of 0, and remembers nothing', () => {
    const { limiter } = limiterAt({ limit: 0 });
    expect(takeTimes(limiter, 'a', 1000).every(Boolean)).toBe(true);
    expect(limiter.size).toBe(0);
  });

  it('forgets windows that have ended', () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 50; i += 1) limiter.take(`old-${i}`);
    clock.now += WINDOW_MS;
    limiter.take('new');
    expect(limiter.size).toBe(1);
  });

  it('holds at most maxKeys keys, forgetting the oldest first', () => {
    const { clock, limiter } = limiterAt({ limit: 1, maxKeys: 100 });
    takeTimes(limiter, 'first', 1);
    for (let i = 0; i < 10_000; i += 1) {
      clock.now += 1;
      limiter.take(`flood-${i}`);
    }
    expect(limiter.size).toBe(100);
    // The newest keys are still limited; the first one was forgotten, so it may act again.
    expect(limiter.take('flood-9999').allowed).toBe(false);
    expect(limiter.take('first').allowed).toBe(true);
  });

  it.each([
    [{ limit: -1 }, /limit/],
    [{ limit: 1.5 }, /limit/],
    [{ windowMs: 0 }, /windowMs/],
    [{ maxKeys: 0 }, /maxKeys/],
  ])('refuses the options %j', (options, message) => {
    expect(() => limiterAt(options)).toThrow(message);
  });
});

describe('addressKey', () => {
  it('keys IPv4 by the address, also when written as IPv6', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('keys IPv6 by its /64 network, however it is written', () => {
    const key = '2001:db8:85a3:8d3::/64';
    expect(addressKey('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe(key);
    expect(addressKey('2001:0db8:85a3:08d3::1')).toBe(key);
    expect(addressKey('2001:db8:85a3:8d3:ffff::')).toBe(key);
    expect(addressKey('2001:db8:85a3:8d4::1')).not.toBe(key);
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
