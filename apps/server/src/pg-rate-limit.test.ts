import type pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describePg, freshDatabase, type TestDatabase } from '../../../packages/relay/src/pg-test-support.ts';
import { PgRateLimiter } from './pg-rate-limit.ts';

const WINDOW_MS = 10 * 60_000;

describePg('PgRateLimiter', () => {
  let database: TestDatabase;
  /** A clock the test moves by hand, at the start of a window. */
  const clock = { now: 0 };
  beforeEach(async () => {
    database = await freshDatabase();
    clock.now = 2_000 * WINDOW_MS;
  });
  afterEach(async () => {
    await database.drop();
  });

  /** The limiter of one more server on the database. */
  function server(limit = 3, pool: pg.Pool = database.pool()): Promise<PgRateLimiter> {
    return PgRateLimiter.open(pool, { name: 'boards', limit, windowMs: WINDOW_MS, now: () => clock.now });
  }

  it('counts one limit across servers: three servers allow what one would', async () => {
    const servers = [await server(), await server(), await server()];
    const answers = await Promise.all(
      Array.from({ length: 9 }, (_, i) => servers[i % 3]?.take('203.0.113.7')),
    );
    expect(answers.filter((answer) => answer?.allowed)).toHaveLength(3);
    clock.now += 60_000;
    expect(await servers[0]?.take('203.0.113.7')).toEqual({ allowed: false, retryAfterSeconds: 540 });
    // Refused actions are not counted: the next window allows the limit again.
    clock.now += WINDOW_MS;
    const next = [];
    for (let i = 0; i < 4; i += 1) next.push((await servers[i % 3]?.take('203.0.113.7'))?.allowed);
    expect(next).toEqual([true, true, true, false]);
  });

  it('keeps keys and limits apart, and 0 means no limit', async () => {
    const pool = database.pool();
    const limiter = await server(1, pool);
    const other = await PgRateLimiter.open(pool, { name: 'other', limit: 1, windowMs: WINDOW_MS });
    expect((await limiter.take('a')).allowed).toBe(true);
    expect((await limiter.take('a')).allowed).toBe(false);
    expect((await limiter.take('b')).allowed).toBe(true);
    expect((await other.take('a')).allowed).toBe(true);
    const open = await server(0, pool);
    for (let i = 0; i < 5; i += 1) expect((await open.take('a')).allowed).toBe(true);
  });

  it('deletes ended windows as a new one starts', async () => {
    const pool = database.pool();
    const limiter = await server(3, pool);
    await limiter.take('a');
    await limiter.take('b');
    clock.now += WINDOW_MS;
    await limiter.take('c');
    const { rows } = await pool.query('SELECT key FROM rate_limits ORDER BY key');
    expect(rows).toEqual([{ key: 'c' }]);
  });

  it('refuses a limit or window it cannot count with', async () => {
    await expect(server(-1)).rejects.toThrow(RangeError);
    await expect(
      PgRateLimiter.open(database.pool(), { name: 'boards', limit: 1, windowMs: 0 }),
    ).rejects.toThrow(RangeError);
  });
});
