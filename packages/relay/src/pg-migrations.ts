import type { Pool, PoolClient } from 'pg';

/**
 * Brings one part of the schema (storage, boards, replay index...) in a PostgreSQL database up to date: step
 * `i` takes it from version `i` to `i + 1`, and each step runs once, in its own transaction with the version it
 * leads to. Several servers starting at once take turns (an advisory lock), so each step runs exactly once.
 * Resolves with the version the part is at. A database newer than the code is refused rather than guessed at.
 */
export async function migratePg(pool: Pool, part: string, steps: readonly string[]): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATIONS_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS kompas_schema (part TEXT PRIMARY KEY, version INTEGER NOT NULL)',
      );
      const version = await versionOf(client, part);
      if (version > steps.length) {
        throw new Error(
          `the database's ${part} schema is at version ${version}, newer than this Kompas knows (${steps.length})`,
        );
      }
      for (let next = version; next < steps.length; next += 1) {
        await client.query('BEGIN');
        try {
          await client.query(steps[next] as string);
          await client.query(
            `INSERT INTO kompas_schema (part, version) VALUES ($1, $2)
             ON CONFLICT (part) DO UPDATE SET version = EXCLUDED.version`,
            [part, next + 1],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return steps.length;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATIONS_LOCK]);
    }
  } finally {
    client.release();
  }
}

const MIGRATIONS_LOCK = 'kompas_schema';

async function versionOf(client: PoolClient, part: string): Promise<number> {
  const { rows } = await client.query<{ version: number }>(
    'SELECT version FROM kompas_schema WHERE part = $1',
    [part],
  );
  return rows[0]?.version ?? 0;
}
