import pg from 'pg';
import { describe } from 'vitest';

/**
 * Tests against PostgreSQL read the address of a server where they may create databases from
 * KOMPAS_TEST_DATABASE_URL (`npm test` starts one). Without it they are skipped, except in CI, where a
 * missing database fails the run instead of passing it quietly.
 */
export const PG_TEST_URL = process.env.KOMPAS_TEST_DATABASE_URL;

export const describePg: typeof describe = ((name: string, ...rest: unknown[]) => {
  if (PG_TEST_URL || process.env.CI) {
    if (!PG_TEST_URL) throw new Error('KOMPAS_TEST_DATABASE_URL is not set: CI runs the PostgreSQL tests');
    return (describe as (...args: unknown[]) => void)(name, ...rest);
  }
  return (describe.skip as (...args: unknown[]) => void)(name, ...rest);
}) as typeof describe;

export interface TestDatabase {
  url: string;
  /** A pool on the database, ended by `drop`. */
  pool(options?: pg.PoolConfig): pg.Pool;
  /** Ends the pools and drops the database. */
  drop(): Promise<void>;
}

/** A new, empty database on the test server. */
export async function freshDatabase(): Promise<TestDatabase> {
  if (!PG_TEST_URL) throw new Error('KOMPAS_TEST_DATABASE_URL is not set');
  const name = `kompas_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_TEST_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_TEST_URL);
  url.pathname = `/${name}`;
  const pools: pg.Pool[] = [];
  return {
    url: url.toString(),
    pool(options = {}) {
      const pool = new pg.Pool({ connectionString: url.toString(), ...options });
      // Dropping the database ends what is still connected: that is expected here.
      pool.on('error', () => {});
      pools.push(pool);
      return pool;
    },
    async drop() {
      await Promise.all(pools.map((pool) => (pool.ended ? undefined : pool.end())));
      const client = new pg.Client({ connectionString: PG_TEST_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
