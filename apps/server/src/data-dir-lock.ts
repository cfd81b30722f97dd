import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Held, never written: SQLite's lock on it is what keeps a second server out of the data folder. */
export const LOCK_FILE_NAME = 'server.lock';
/** The holder's process id, only to name it in the refusal; the lock itself does not depend on it. */
export const PID_FILE_NAME = 'server.pid';

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

export interface DataDirLock {
  /** Lets the next server in. Safe to call twice. */
  release(): void;
}

/**
 * Claims the data folder for this server, or throws DataDirInUseError when another server holds it. Two
 * servers on one folder would each keep rooms in memory and overwrite the other's writes.
 *
 * The lock is a write transaction left open on a small SQLite file: SQLite takes it with an OS file lock,
 * which the OS drops when the process dies however it dies (kill -9 included), so a crash never leaves the
 * folder locked. SQLite also keeps two connections of one process apart, so this holds for servers started
 * in one process too.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  // No busy timeout: a held lock is a refusal now, not after waiting.
  const db = new Database(join(dataDir, LOCK_FILE_NAME), { timeout: 0 });
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
    const holder = readHolderPid(dataDir);
    throw new DataDirInUseError(
      `another Kompas server is using data directory ${dataDir}${holder ? ` (pid ${holder})` : ''}; ` +
        'stop it or choose another --data-dir / DATA_DIR',
    );
  }
  const pidFile = join(dataDir, PID_FILE_NAME);
  writeFileSync(pidFile, `${process.pid}\n`);

  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      // Removed while still locked, so it is never the next holder's file that goes.
      rmSync(pidFile, { force: true });
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

function readHolderPid(dataDir: string): string | undefined {
  try {
    const pid = readFileSync(join(dataDir, PID_FILE_NAME), 'utf8').trim();
    return /^\d+$/.test(pid) ? pid : undefined;
  } catch {
    return undefined; // the holder is between taking the lock and writing its pid
  }
}
