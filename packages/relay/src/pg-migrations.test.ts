import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migratePg } from './pg-migrations.ts';
import { describePg, freshDatabase } from './pg-test-support.ts';

describePg('migratePg', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await freshDatabase();
    pool = database.pool();
  });
  afterAll(async () => {
    await database.drop();
  });

  const steps = ['CREATE TABLE a (x INTEGER)', 'ALTER TABLE a ADD COLUMN y TEXT'];

  it('runs each step once, even when several servers start at once', async () => {
    const versions = await Promise.all([1, 2, 3].map(() => migratePg(pool, 'part', steps)));
    expect(versions).toEqual([2, 2, 2]);
    const { rows } = await pool.query(
      'SELECT column_name FROM information_schema.columns WHERE table_name = $1',
      ['a'],
    );
    expect(rows.map((row) => row.column_name).sort()).toEqual(['x', 'y']);
  });

  it('runs only the steps added since', async () => {
    expect(await migratePg(pool, 'part', [...steps, 'ALTER TABLE a ADD COLUMN z TEXT'])).toBe(3);
    const { rows } = await pool.query('SELECT version FROM kompas_schema WHERE part = $1', ['part']);
    expect(rows[0].version).toBe(3);
  });

  it('refuses a database newer than the code', async () => {
    await expect(migratePg(pool, 'part', steps)).rejects.toThrow(/newer than this Kompas knows/);
  });

  it('keeps a failed step out, with the version before it', async () => {
    await expect(migratePg(pool, 'other', ['CREATE TABLE b (x INTEGER)', 'NOT SQL'])).rejects.toThrow();
    const { rows } = await pool.query('SELECT version FROM kompas_schema WHERE part = $1', ['other']);
    expect(rows[0].version).toBe(1);
  });
});
