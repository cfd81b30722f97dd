import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { MemoryStorage } from './memory-storage.ts';
import { PgStorage } from './pg-storage.ts';
import { describePg, freshDatabase } from './pg-test-support.ts';
import { SqliteStorage } from './sqlite-storage.ts';
import type { Storage } from './storage.ts';

/** A storage on new, empty data, for one test. */
export interface TestStorage {
  storage: Storage;
  /** Another storage on the same data, as a restarted server opens it (persistent engines only). */
  reopen(): Promise<Storage>;
  /** Closes every storage opened on the data and removes it. */
  dispose(): Promise<void>;
}

/** Each engine the storage suites run against; the behaviour of the Storage interface holds for all. */
export interface StorageEngine {
  name: string;
  /** `describe`, or one that skips without the engine's test server. */
  describe: typeof describe;
  /** Whether the data outlives the storage: a reopened one finds it. */
  persistent: boolean;
  /** Whether it reports `storeStats`. */
  countsAppends: boolean;
  open(): Promise<TestStorage>;
}

export const STORAGE_ENGINES: readonly StorageEngine[] = [
  {
    name: 'MemoryStorage',
    describe,
    persistent: false,
    countsAppends: false,
    async open() {
      const storage = new MemoryStorage();
      return {
        storage,
        reopen: () => Promise.reject(new Error('MemoryStorage keeps nothing after it is closed')),
        dispose: () => storage.close(),
      };
    },
  },
  {
    name: 'SqliteStorage',
    describe,
    persistent: true,
    countsAppends: true,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'kompas-storage-'));
      const opened = [new SqliteStorage(dir)];
      return {
        storage: opened[0] as Storage,
        async reopen() {
          const storage = new SqliteStorage(dir);
          opened.push(storage);
          return storage;
        },
        async dispose() {
          await Promise.all(opened.map((storage) => storage.close()));
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'PgStorage',
    describe: describePg,
    persistent: true,
    countsAppends: true,
    async open() {
      const database = await freshDatabase();
      const opened = [await PgStorage.open(database.pool())];
      return {
        storage: opened[0] as Storage,
        async reopen() {
          const storage = await PgStorage.open(database.pool());
          opened.push(storage);
          return storage;
        },
        async dispose() {
          await Promise.all(opened.map((storage) => storage.close()));
          await database.drop();
        },
      };
    },
  },
];
