import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
    const secret = randomBytes(32).toString('base64url');
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
