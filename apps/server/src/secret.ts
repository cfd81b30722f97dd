import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migratePg } from '@kompas/relay';
import type pg from 'pg';

/** Shorter secrets make invite tokens guessable offline, so they are refused. */
export const MIN_SECRET_LENGTH = 16;
export const SECRET_FILE_NAME = 'secret';

/**
 * The server secret kept in the data folder: generated on first start (mode 0600) and read on every
 * later one, so invite links stay valid across restarts without any configuration.
 */
export function loadOrCreateSecret(dataDir: string): string {
  const path = join(dataDir, SECRET_FILE_NAME);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting at once cannot overwrite each other's secret.
    const secret = newSecret();
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600); // the umask may have narrowed the mode; it must not have widened it
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${path} holds no usable secret (at least ${MIN_SECRET_LENGTH} characters)`);
  }
  return secret;
}

const SETTINGS_STEPS = ['CREATE TABLE kompas_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)'];

/**
 * The server secret kept in PostgreSQL, for servers that share a database and have no secret configured: the
 * first to start generates it, every other one reads that same secret, so a link made by one server is valid
 * on all of them, and across restarts.
 */
export async function sharedSecret(pool: pg.Pool): Promise<string> {
  await migratePg(pool, 'settings', SETTINGS_STEPS);
  // Inserted only when absent, then read back: of servers starting at once, the first insert wins for all.
  await pool.query(
    "INSERT INTO kompas_settings (name, value) VALUES ('secret', $1) ON CONFLICT (name) DO NOTHING",
    [newSecret()],
  );
  const { rows } = await pool.query<{ value: string }>(
    "SELECT value FROM kompas_settings WHERE name = 'secret'",
  );
  const secret = rows[0]?.value ?? '';
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`the database holds no usable secret (at least ${MIN_SECRET_LENGTH} characters)`);
  }
  return secret;
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
