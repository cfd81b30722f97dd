import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe } from 'vitest';

/**
 * Tests against Redis read its address from KOMPAS_TEST_REDIS_URL (`npm test` starts one). Without it they
 * are skipped, except in CI, where a missing Redis fails the run instead of passing it quietly.
 */
export const REDIS_TEST_URL = process.env.KOMPAS_TEST_REDIS_URL;

export const describeRedis: typeof describe = ((name: string, ...rest: unknown[]) => {
  if (REDIS_TEST_URL || process.env.CI) {
    if (!REDIS_TEST_URL) throw new Error('KOMPAS_TEST_REDIS_URL is not set: CI runs the Redis tests');
    return (describe as (...args: unknown[]) => void)(name, ...rest);
  }
  return (describe.skip as (...args: unknown[]) => void)(name, ...rest);
}) as typeof describe;

export interface TestKeys {
  /** Put in front of every key the test makes, so tests (and people) sharing the Redis never meet. */
  prefix: string;
  /** A connection of the test's own, ended by `drop`. */
  redis: Redis;
  /** Deletes every key under the prefix: a Redis restart, as far as the test can tell. */
  clear(): Promise<void>;
  /** Clears, and ends the connection. */
  drop(): Promise<void>;
}

export function freshRedisKeys(): TestKeys {
  if (!REDIS_TEST_URL) throw new Error('KOMPAS_TEST_REDIS_URL is not set');
  const prefix = `kompas-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
  const redis = new Redis(REDIS_TEST_URL);
  const clear = async () => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  };
  return {
    prefix,
    redis,
    clear,
    async drop() {
      await clear();
      await redis.quit();
    },
  };
}
