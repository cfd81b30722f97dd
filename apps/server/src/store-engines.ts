import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { describe } from 'vitest';
import { describePg, freshDatabase } from '../../../packages/relay/src/pg-test-support.ts';
import type { BoardStore } from './boards.ts';
import type { PeopleStore } from './people.ts';
import { PgBoardStore } from './pg-boards.ts';
import { PgPeopleStore } from './pg-people.ts';
import { SqliteBoardStore } from './sqlite-boards.ts';
import { SqlitePeopleStore } from './sqlite-people.ts';

/** Shared by the stores' tests: each runs against SQLite and, with a test database, PostgreSQL. */

/** A connection to a database, as one server opens it. */
export type Connection = { engine: 'sqlite'; db: Database.Database } | { engine: 'pg'; pool: pg.Pool };

/** One database several connections open, as the servers of a cluster share one. */
export interface SharedDatabase {
  connect(): Connection;
  /** Closes every connection and removes the database. */
  drop(): Promise<void>;
}

export interface Engine {
  name: string;
  /** `describe`, or for PostgreSQL `describePg`, which skips without a test database. */
  describe: typeof describe;
  open(): Promise<SharedDatabase>;
}

export const ENGINES: readonly Engine[] = [
  {
    name: 'SQLite',
    describe,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'kompas-stores-'));
      const connections: Database.Database[] = [];
      return {
        connect() {
          const db = new Database(join(dir, 'kompas.sqlite'));
          db.pragma('journal_mode = WAL');
          connections.push(db);
          return { engine: 'sqlite', db };
        },
        async drop() {
          for (const db of connections) db.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    describe: describePg,
    async open() {
      const database = await freshDatabase();
      return { connect: () => ({ engine: 'pg', pool: database.pool() }), drop: () => database.drop() };
    },
  },
];

export async function openBoardStore(connection: Connection): Promise<BoardStore> {
  return connection.engine === 'sqlite'
    ? new SqliteBoardStore(connection.db)
    : PgBoardStore.open(connection.pool);
}

export async function openPeopleStore(connection: Connection): Promise<PeopleStore> {
  return connection.engine === 'sqlite'
    ? new SqlitePeopleStore(connection.db)
    : PgPeopleStore.open(connection.pool);
}
