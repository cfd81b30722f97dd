import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findServices, start } from './services.mjs';

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rows: unknown[] }>;
  end(): Promise<void>;
}
interface RedisClient {
  connect(): Promise<void>;
  on(event: 'error', listener: () => void): void;
  ping(): Promise<string>;
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<string | null>;
  disconnect(): void;
}

// The clients are the server's dependencies, not the scripts'; only what this test calls is typed.
const serverRequire = createRequire(join(import.meta.dirname, '../apps/server/package.json'));
const pg = serverRequire('pg') as { Client: new (options: { connectionString: string }) => PgClient };
const { Redis } = serverRequire('ioredis') as {
  Redis: new (url: string, options?: Record<string, unknown>) => RedisClient;
};

const { postgresBin, redisServer } = findServices();
const installed = postgresBin !== null && redisServer !== null;

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function ping(url: string): Promise<string> {
  // No retries: a Redis that is down must show as down, not as a wait.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return await redis.ping();
  } finally {
    redis.disconnect();
  }
}

// CI installs both (.ci/run); elsewhere the test runs where they are.
describe.runIf(installed || process.env.CI)('test services', () => {
  it('serves PostgreSQL and Redis on loopback, restarts Redis empty, and removes everything on stop', async () => {
    const services = await start();
    try {
      expect(services.databaseUrl).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(services.redisUrl).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      expect(services.databaseUrl).not.toContain(':5432/');
      expect(services.redisUrl).not.toMatch(/:6379$/);
      expect(await query(services.databaseUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);

      const redis = new Redis(services.redisUrl);
      await redis.set('kept', 'no');
      redis.disconnect();
      await services.stopRedis();
      await expect(ping(services.redisUrl)).rejects.toThrow();
      await services.startRedis();
      expect(await ping(services.redisUrl)).toBe('PONG');
      const again = new Redis(services.redisUrl);
      expect(await again.get('kept')).toBeNull();
      again.disconnect();
    } finally {
      await services.stop();
    }
    expect(existsSync(services.dir)).toBe(false);
    await expect(query(services.databaseUrl, 'SELECT 1')).rejects.toThrow();
    await services.stop();
  });
});
