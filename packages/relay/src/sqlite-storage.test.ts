import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CHECKPOINT_QUIET_MS, SQLITE_FILE_NAME, SqliteStorage } from './sqlite-storage.ts';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kompas-sqlite-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function textUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getText('text').insert(i, `${i % 10}`);
  return updates;
}

const meta = { actor: 'facilitator:1', at: 1_700_000_000_000 };

describe('SqliteStorage', () => {
  it('puts the database in the data directory, in WAL mode, with one table per concept', async () => {
    const storage = new SqliteStorage(join(dataDir, 'nested'));
    expect(storage.file).toBe(join(dataDir, 'nested', SQLITE_FILE_NAME));
    await storage.append('room', textUpdates(1)[0] as Uint8Array, meta);
    const other = new Database(storage.file, { readonly: true });
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
      const columns = (table: string) =>
        other
          .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
          .all()
          .map((column) => column.name);
      expect(columns('updates')).toEqual(['room', 'seq', 'at', 'actor', 'data']);
      expect(columns('snapshots')).toEqual(['room', 'seq', 'data']);
      expect(columns('presence')).toEqual(['room', 'at', 'client', 'state']);
    } finally {
      other.close();
      await storage.close();
    }
  });

  it('accepts a file path as well', async () => {
    const file = join(dataDir, 'boards.db');
    const storage = new SqliteStorage(file);
    await storage.close();
    expect(storage.file).toBe(file);
    expect(existsSync(file)).toBe(true);
  });

  it('commits the appends of one tick together, and resolves them only once committed', async () => {
    const storage = new SqliteStorage(dataDir);
    const other = new Database(storage.file, { readonly: true });
    const count = other.prepare<[], number>('SELECT count(*) FROM updates').pluck();
    try {
      const updates = textUpdates(100);
      const appended = updates.map((update) => storage.append('room', update, meta));
      expect(count.get()).toBe(0);
      const visibleWhenFirstResolved = await appended[0]?.then(() => count.get());
      expect(visibleWhenFirstResolved).toBe(100);
      expect(await Promise.all(appended)).toEqual(updates.map((_update, index) => index + 1));
    } finally {
      other.close();
      await storage.close();
    }
  });

  it('brings a database of the first schema up to date, keeping its log', async () => {
    const file = join(dataDir, 'first.sqlite');
    const old = new SqliteStorage(file);
    await old.append('room', textUpdates(1)[0] as Uint8Array, meta);
    await old.close();
    const db = new Database(file);
    db.exec('DROP TABLE presence; DROP TABLE presence_clients; DROP TABLE presence_counts');
    db.pragma('user_version = 1');
    db.close();

    const storage = new SqliteStorage(file);
    try {
      expect((await storage.readLog('room')).length).toBe(1);
      await storage.appendPresence('room', [{ at: 1, client: 1, state: null }]);
      expect(await storage.readPresence('room')).toEqual([{ at: 1, client: 1, state: null }]);
    } finally {
      await storage.close();
    }
  });

  it('brings a database of the second schema up to date, finding its recorded presence per client', async () => {
    const file = join(dataDir, 'second.sqlite');
    const db = new Database(file);
    db.exec(`
      CREATE TABLE updates (room TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL, actor TEXT NOT NULL,
        data BLOB NOT NULL, PRIMARY KEY (room, seq));
      CREATE TABLE snapshots (room TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (room, seq));
      CREATE TABLE presence (room TEXT NOT NULL, at INTEGER NOT NULL, client INTEGER NOT NULL, state TEXT);
      CREATE INDEX presence_by_time ON presence (room, at);
      INSERT INTO presence VALUES ('room', 100, 7, '{"user":{"id":"ada"}}'), ('room', 200, 7, '{"user":{"id":"ada","name":"Ada"}}'),
        ('room', 300, 7, NULL), ('room', 150, 8, '{"user":{"id":"bo"}}');
    `);
    db.pragma('user_version = 2');
    db.close();

    const storage = new SqliteStorage(file);
    try {
      expect(await storage.readPresenceClients('room')).toEqual([
        { at: 200, client: 7, state: { user: { id: 'ada', name: 'Ada' } } },
        { at: 150, client: 8, state: { user: { id: 'bo' } } },
      ]);
      expect(await storage.readLatestPresence('room', { from: 0, to: 350 })).toEqual([
        { at: 300, client: 7, state: null },
        { at: 150, client: 8, state: { user: { id: 'bo' } } },
      ]);
      // Samples recorded after the upgrade keep the per-client record current.
      await storage.appendPresence('room', [
        { at: 400, client: 8, state: { user: { id: 'bo', name: 'Bo' } } },
      ]);
      expect((await storage.readPresenceClients('room')).at(-1)).toEqual({
        at: 400,
        client: 8,
        state: { user: { id: 'bo', name: 'Bo' } },
      });
    } finally {
      await storage.close();
    }
  });

  it('brings a database of the third schema up to date, counting its recorded presence per person', async () => {
    const file = join(dataDir, 'third.sqlite');
    const old = new SqliteStorage(file);
    await old.appendPresence('room', [
      { at: 100, client: 7, state: { user: { id: 'ada', name: 'Ada' } } },
      { at: 200, client: 7, state: { user: { id: 'ada', name: 'Ada' }, cursor: { x: 1, y: 1 } } },
      { at: 300, client: 7, state: null },
      { at: 400, client: 8, state: { user: { id: 'bo', name: 'Bo' } } },
    ]);
    await old.close();
    const db = new Database(file);
    db.exec('DROP TABLE presence_counts');
    db.pragma('user_version = 3');
    db.close();

    const storage = new SqliteStorage(file);
    try {
      // A sample without a user (a leaving) counts in the room's total only.
      expect(await storage.countPresence('room')).toEqual({
        samples: 4,
        byPerson: new Map([
          ['ada', 2],
          ['bo', 1],
        ]),
      });
      await storage.appendPresence('room', [{ at: 500, client: 8, state: null, person: 'bo' }]);
      expect((await storage.countPresence('room')).byPerson.get('bo')).toBe(2);
    } finally {
      await storage.close();
    }
  });

  it('checkpoints the log into the database file once quiet, not inside a commit', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const storage = new SqliteStorage(dataDir);
    try {
      const fileBytes = () => statSync(storage.file).size;
      const emptyBytes = fileBytes();
      // Over a thousand pages of log: SQLite's own checkpoint would have run inside this commit.
      const appends = Array.from({ length: 600 }, (_, i) =>
        storage.append('room', new Uint8Array(8 * 1024).fill(i % 256), meta),
      );
      await Promise.all(appends);
      expect(fileBytes()).toBe(emptyBytes);

      vi.advanceTimersByTime(CHECKPOINT_QUIET_MS);
      expect(fileBytes()).toBeGreaterThan(600 * 8 * 1024);
      expect((await storage.readLog('room')).length).toBe(600);
    } finally {
      vi.useRealTimers();
      await storage.close();
    }
  });

  it('refuses a database written by a newer schema', async () => {
    const file = join(dataDir, 'newer.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => new SqliteStorage(file)).toThrow(/newer than this relay understands/);
  });
});
