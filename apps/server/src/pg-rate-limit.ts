import { migratePg } from '@kompas/relay';
import type pg from 'pg';
import { checkWindow, type Limiter, type RateLimitAnswer } from './rate-limit.ts';

const STEPS = [
  `CREATE TABLE rate_limits (
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (name, key, window_start)
  )`,
];

export interface PgRateLimitOptions {
  /** What is limited (`boards`): limiters of several names share the table. */
  name: string;
  /** Actions one key may take per window; 0 means no limit. */
  limit: number;
  windowMs: number;
  /** Milliseconds since the epoch, injectable for tests; every server of a cluster counts by its own clock. */
  now?: () => number;
}

const ALLOWED: RateLimitAnswer = { allowed: true };

/**
 * A fixed-window rate limit per key whose counts live in PostgreSQL, so the servers of a cluster share them: three
 * servers allow what one would, not three times as much. Windows are aligned to the clock (every `windowMs`
 * since the epoch) rather than started by a key's first action as RateLimiter's are, so servers agree on them
 * without talking; at a window's edge a key may still act up to twice `limit` in a short time.
 *
 * Each action is one statement that counts it only while the window has room, so servers counting at once
 * cannot pass the limit together. Ended windows are deleted at the first action of each new window.
 */
export class PgRateLimiter implements Limiter {
  private readonly now: () => number;
  /** When this server next deletes ended windows. */
  private sweepAt = 0;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PgRateLimitOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The limiter, once the database's limits schema is up to date. Throws RangeError for a bad limit or window. */
  static async open(pool: pg.Pool, options: PgRateLimitOptions): Promise<PgRateLimiter> {
    checkWindow(options);
    await migratePg(pool, 'limits', STEPS);
    return new PgRateLimiter(pool, options);
  }

  async take(key: string): Promise<RateLimitAnswer> {
    const { name, limit, windowMs } = this.options;
    if (limit === 0) return ALLOWED;
    const now = this.now();
    const windowStart = now - (now % windowMs);
    if (now >= this.sweepAt) {
      this.sweepAt = windowStart + windowMs;
      await this.pool.query('DELETE FROM rate_limits WHERE name = $1 AND window_start < $2', [
        name,
        windowStart,
      ]);
    }
    // A conflicting row is counted only below the limit; when it is not, no row comes back and the action
    // is refused without being counted.
    const { rowCount } = await this.pool.query(
      `INSERT INTO rate_limits (name, key, window_start, count) VALUES ($1, $2, $3, 1)
       ON CONFLICT (name, key, window_start)
       DO UPDATE SET count = rate_limits.count + 1 WHERE rate_limits.count < $4`,
      [name, key, windowStart, limit],
    );
    if (rowCount === 1) return ALLOWED;
    const waitMs = windowStart + windowMs - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
