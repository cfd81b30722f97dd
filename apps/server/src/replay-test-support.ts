import { join } from 'node:path';
import {
  type BoardState,
  createNote,
  deleteNote,
  editNote,
  listNotes,
  moveNote,
  type Note,
  STEPS,
} from '@kompas/model';
import type { MemoryStorage } from '@kompas/relay';
import Database from 'better-sqlite3';
import * as prng from 'lib0/prng';
import type pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import * as Y from 'yjs';
import { describePg, freshDatabase, type TestDatabase } from '../../../packages/relay/src/pg-test-support.ts';
import { PgReplayStore } from './pg-replay-store.ts';
import type { ReplayStore } from './replay-store.ts';
import { SqliteReplayStore } from './sqlite-replay-store.ts';
import { removeDir, tempDir } from './test-support.ts';

export const ROOM = 'board';
export const ansAuthor = { id: 'ans', name: 'Ans' };
const pimAuthor = { id: 'pim', name: 'Pim' };

/** Deterministic, so every run writes the same session. */
function random(seed: number): () => number {
  const gen = prng.create(seed);
  return () => prng.real53(gen);
}

/**
 * A board room written update by update into `storage`, each logged 10 ms after the one before, with a
 * snapshot every 500 as the relay takes them. Returns the notes as they were after each position.
 */
export class RecordedRoom {
  readonly doc = new Y.Doc();
  /** Log position → the room's notes after it. */
  readonly notesAt = new Map<number, Note[]>();
  seq = 0;
  private readonly rand = random(11);
  private readonly pending: Promise<unknown>[] = [];

  constructor(readonly storage: MemoryStorage) {
    this.doc.on('update', (update: Uint8Array) => {
      this.seq += 1;
      this.pending.push(this.storage.append(ROOM, update, { actor: 'participant:1', at: this.seq * 10 }));
      if (this.seq % 500 === 0) this.pending.push(this.storage.snapshot(ROOM));
      this.notesAt.set(this.seq, listNotes(this.doc));
    });
  }

  /** Writes `count` updates: notes added, moved, edited and now and then removed. */
  async write(count: number): Promise<void> {
    const target = this.seq + count;
    while (this.seq < target) {
      const notes = listNotes(this.doc);
      const roll = this.rand();
      const note = notes[Math.floor(this.rand() * notes.length)];
      const step = STEPS[Math.floor(this.rand() * STEPS.length)]?.id ?? 'verkennen.opgave';
      const author = this.seq % 2 === 0 ? ansAuthor : pimAuthor;
      if (!note || notes.length < 10 || roll < 0.05) {
        createNote(this.doc, { text: `Idea ${this.seq}`, step, author }, { now: this.seq });
      } else if (roll < 0.08) {
        deleteNote(this.doc, note.id);
      } else if (roll < 0.3) {
        editNote(this.doc, note.id, `Idea, refined at ${this.seq}`, { now: this.seq });
      } else {
        moveNote(this.doc, note.id, step, { r: 0.2 + this.rand() * 0.6, t: 0.5 }, { now: this.seq });
      }
    }
    await Promise.all(this.pending);
  }
}

export function sortedNotes(state: BoardState): Note[] {
  return Object.values(state.notes).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function expectedNotes(room: RecordedRoom, seq: number): Note[] {
  return [...(room.notesAt.get(seq) ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * Replay index stores on one engine, for one test: each named database (default `index`) is new and empty at
 * the start of the test and gone after it.
 */
export interface ReplayStores {
  /** A store on the named database; another call opens another connection to it, as another server would. */
  open(name?: string): Promise<ReplayStore>;
  /** Closes the connections to the named database, as a server stopping does. */
  close(name?: string): Promise<void>;
  /** Where the named database holds the room's keyframes. */
  keyframeSeqs(room: string, name?: string): Promise<number[]>;
}

export interface ReplayEngine {
  name: string;
  describe: typeof describe;
  /** Stores for each test of the calling `describe` (registers its hooks). */
  stores(): ReplayStores;
}

export const sqliteEngine: ReplayEngine = {
  name: 'SQLite',
  describe,
  stores() {
    let dir = '';
    let open: { name: string; db: Database.Database }[] = [];
    const file = (name: string) => join(dir, `${name}.sqlite`);
    beforeEach(async () => {
      dir = await tempDir('kompas-replay-index-');
    });
    afterEach(async () => {
      for (const { db } of open.splice(0)) if (db.open) db.close();
      await removeDir(dir);
    });
    return {
      async open(name = 'index') {
        const db = new Database(file(name));
        open.push({ name, db });
        return new SqliteReplayStore(db);
      },
      async close(name = 'index') {
        for (const entry of open) if (entry.name === name) entry.db.close();
        open = open.filter((entry) => entry.name !== name);
      },
      async keyframeSeqs(room, name = 'index') {
        const db = new Database(file(name), { readonly: true });
        try {
          return db
            .prepare<[string], number>('SELECT seq FROM replay_keyframes WHERE room = ? ORDER BY seq')
            .pluck()
            .all(room);
        } finally {
          db.close();
        }
      },
    };
  },
};

export const pgEngine: ReplayEngine = {
  name: 'PostgreSQL',
  describe: describePg,
  stores() {
    const databases = new Map<string, { database: TestDatabase; pools: pg.Pool[] }>();
    const databaseOf = async (name: string) => {
      let entry = databases.get(name);
      if (!entry) {
        entry = { database: await freshDatabase(), pools: [] };
        databases.set(name, entry);
      }
      return entry;
    };
    afterEach(async () => {
      await Promise.all([...databases.values()].map(({ database }) => database.drop()));
      databases.clear();
    });
    return {
      async open(name = 'index') {
        const entry = await databaseOf(name);
        const pool = entry.database.pool();
        entry.pools.push(pool);
        return PgReplayStore.open(pool);
      },
      async close(name = 'index') {
        const pools = databases.get(name)?.pools.splice(0) ?? [];
        await Promise.all(pools.map((pool) => pool.end()));
      },
      async keyframeSeqs(room, name = 'index') {
        const pool = (await databaseOf(name)).database.pool();
        const { rows } = await pool.query<{ seq: string }>(
          'SELECT seq FROM replay_keyframes WHERE room = $1 ORDER BY seq',
          [room],
        );
        await pool.end();
        return rows.map((row) => Number(row.seq));
      },
    };
  },
};

export const REPLAY_ENGINES: readonly ReplayEngine[] = [sqliteEngine, pgEngine];
