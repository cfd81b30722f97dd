import { afterEach, beforeEach, expect, it } from 'vitest';
import { describePg, freshDatabase, type TestDatabase } from '../../../packages/relay/src/pg-test-support.ts';
import { sharedSecret } from './secret.ts';

describePg('the secret kept in PostgreSQL', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it('is generated once and read by every server, also when they start at once and after restarts', async () => {
    const secrets = await Promise.all([1, 2, 3].map(() => sharedSecret(database.pool())));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toHaveLength(43);
    expect(await sharedSecret(database.pool())).toBe(secrets[0]);
  });

  it('refuses an unusable stored secret rather than signing with it', async () => {
    const pool = database.pool();
    await sharedSecret(pool);
    await pool.query("UPDATE kompas_settings SET value = 'short' WHERE name = 'secret'");
    await expect(sharedSecret(pool)).rejects.toThrow(/no usable secret/);
  });
});
