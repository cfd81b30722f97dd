import pg from 'pg';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { RelayLogger } from './logger.ts';
import { PG_STORAGE_STEPS, PgStorage } from './pg-storage.ts';
import { describePg, freshDatabase, type TestDatabase } from './pg-test-support.ts';
import { LogConflictError, StorageClosedError } from './storage.ts';
import { TcpProxy } from './tcp-proxy.ts';

const ROOM = 'board';

/** `count` updates of one text, each one character more. */
function textUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getText('text').insert(i, `${i % 10}`);
  return updates;
}

function textOf(state: Uint8Array | null): string {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getText('text').toString();
}

const meta = (actor: string) => ({ actor, at: 1_700_000_000_000 });

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function quietLogger(): RelayLogger {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

describePg('PgStorage', () => {
  let database: TestDatabase;
  const opened: PgStorage[] = [];

  beforeEach(async () => {
    database = await freshDatabase();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((storage) => storage.close()));
    await database.drop();
  });

  async function open(pool = database.pool(), options = {}): Promise<PgStorage> {
    const storage = await PgStorage.open(pool, { logger: quietLogger(), ...options });
    opened.push(storage);
    return storage;
  }

  /** The test database's address through a proxy the test can stop and start, as an outage. */
  async function behindProxy(): Promise<{ proxy: TcpProxy; url: string }> {
    const url = new URL(database.url);
    const proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.start();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    return { proxy, url: url.toString() };
  }

  /** Who wrote each position of the room's log, in order. */
  async function writers(storage: PgStorage): Promise<Array<[number, string]>> {
    return (await storage.readLog(ROOM)).map((entry) => [entry.seq, entry.actor]);
  }

  it('refuses an append at a position another server wrote, and appends at the end once it loaded the room', async () => {
    const updates = textUpdates(4);
    const stale = await open();
    const current = await open();
    await stale.load(ROOM);
    expect(await stale.append(ROOM, updates[0] as Uint8Array, meta('stale'))).toBe(1);
    // The room moved to the other server, which loaded it and wrote on.
    expect((await current.load(ROOM)).seq).toBe(1);
    expect(await current.append(ROOM, updates[1] as Uint8Array, meta('current'))).toBe(2);

    const refused = stale.append(ROOM, updates[2] as Uint8Array, meta('stale'));
    await expect(refused).rejects.toBeInstanceOf(LogConflictError);
    await expect(refused).rejects.toMatchObject({ room: ROOM, seq: 2 });
    // Never retried at another position: the room takes nothing more from it until it loads it again.
    await expect(stale.append(ROOM, updates[2] as Uint8Array, meta('stale'))).rejects.toBeInstanceOf(
      LogConflictError,
    );
    expect(await writers(current)).toEqual([
      [1, 'stale'],
      [2, 'current'],
    ]);
    expect((await current.readLog(ROOM))[1]?.update).toEqual(Buffer.from(updates[1] as Uint8Array));

    const loaded = await stale.load(ROOM);
    expect(loaded.seq).toBe(2);
    expect(await stale.append(ROOM, updates[2] as Uint8Array, meta('stale'))).toBe(3);
    expect(textOf((await current.load(ROOM)).state)).toBe('012');
  });

  it('fails every append queued behind a conflict, so none lands after the gap', async () => {
    const updates = textUpdates(5);
    const stale = await open();
    const current = await open();
    await stale.load(ROOM);
    await current.load(ROOM);
    await current.append(ROOM, updates[0] as Uint8Array, meta('current'));
    const results = await Promise.allSettled(
      updates.slice(1).map((update) => stale.append(ROOM, update, meta('stale'))),
    );
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    for (const result of results) {
      expect(result.status === 'rejected' && result.reason).toBeInstanceOf(LogConflictError);
    }
    expect(await writers(current)).toEqual([[1, 'current']]);
  });

  it('keeps the appends of a room in order while they queue, and rooms apart', async () => {
    const storage = await open(database.pool(), { maxAppendBatch: 7 });
    const updates = textUpdates(50);
    const other = textUpdates(3);
    const appended = updates.map((update, i) => storage.append(ROOM, update, meta(`writer:${i}`)));
    const elsewhere = other.map((update) => storage.append('other', update, meta('other')));
    expect(await Promise.all(appended)).toEqual(updates.map((_update, i) => i + 1));
    expect(await Promise.all(elsewhere)).toEqual([1, 2, 3]);
    expect((await writers(storage)).map(([, actor]) => actor)).toEqual(updates.map((_u, i) => `writer:${i}`));
    expect(textOf((await storage.load(ROOM)).state)).toBe(
      '01234567890123456789012345678901234567890123456789',
    );
  });

  it('brings the schema up once: a second server opening at the same time, or a reopening, runs nothing', async () => {
    const [first, second] = await Promise.all([open(), open()]);
    await first?.append(ROOM, textUpdates(1)[0] as Uint8Array, meta('first'));
    const pool = database.pool();
    const statements: string[] = [];
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (text: unknown, ...rest: unknown[]) => unknown;
      client.query = ((text: unknown, ...rest: unknown[]) => {
        statements.push(typeof text === 'string' ? text : String((text as { text?: string }).text));
        return query(text, ...rest);
      }) as typeof client.query;
    });
    const reopened = await open(pool);
    expect(statements.some((statement) => /CREATE TABLE updates/.test(statement))).toBe(false);
    expect(statements.some((statement) => /CREATE TABLE IF NOT EXISTS kompas_schema/.test(statement))).toBe(
      true,
    );
    const { rows } = await pool.query('SELECT version FROM kompas_schema WHERE part = $1', ['storage']);
    expect(rows).toEqual([{ version: PG_STORAGE_STEPS.length }]);
    expect(await writers(reopened)).toEqual([[1, 'first']]);
    expect(await second?.append(ROOM, textUpdates(2)[1] as Uint8Array, meta('second'))).toBe(2);
  });

  it('takes an insert whose answer was lost as landed when its retry finds its own rows there', async () => {
    const real = database.pool();
    const answers: { lose: number; failAfter: (() => Promise<unknown>) | null } = {
      lose: 0,
      failAfter: null,
    };
    // A pool whose connection breaks right after an insert of the log commits, or before one is sent.
    const pool = new Proxy(real, {
      get(target, property) {
        if (property !== 'query') {
          const value = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return async (text: string, params?: unknown[]) => {
          const inserting = /^INSERT INTO updates/.test(text);
          const failAfter = inserting ? answers.failAfter : null;
          if (failAfter) {
            answers.failAfter = null;
            await failAfter();
            throw new Error('Connection terminated unexpectedly');
          }
          const result = await target.query(text, params);
          if (inserting && answers.lose > 0) {
            answers.lose -= 1;
            throw new Error('Connection terminated unexpectedly');
          }
          return result;
        };
      },
    });
    const storage = await open(pool);
    const other = await open();
    const updates = textUpdates(3);
    await storage.load(ROOM);
    answers.lose = 1;
    expect(await storage.append(ROOM, updates[0] as Uint8Array, meta('this'))).toBe(1);

    // A retry that finds another server's rows at its position is a conflict, lost answer or not.
    await other.load(ROOM);
    answers.failAfter = () => other.append(ROOM, updates[2] as Uint8Array, meta('other'));
    await expect(storage.append(ROOM, updates[1] as Uint8Array, meta('this'))).rejects.toBeInstanceOf(
      LogConflictError,
    );
    expect(await writers(other)).toEqual([
      [1, 'this'],
      [2, 'other'],
    ]);
  });

  it('rides out a brief outage: appends made meanwhile land in order once the database is back', async () => {
    const { proxy, url } = await behindProxy();
    // No error listener of its own: the storage's keeps a connection cut while idle from crashing the process.
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const logger = quietLogger();
    try {
      const storage = await open(pool, { logger });
      const updates = textUpdates(9);
      await storage.load(ROOM);
      expect(await storage.append(ROOM, updates[0] as Uint8Array, meta('writer'))).toBe(1);
      expect(await storage.healthy()).toBe(true);

      await proxy.stop();
      // The pool's idle connection was cut: reported, not thrown.
      await vi.waitFor(() =>
        expect(logger.warn).toHaveBeenCalledWith('PostgreSQL connection lost', expect.anything()),
      );
      expect(await storage.healthy()).toBe(false);
      const appended: Promise<number>[] = [];
      for (const update of updates.slice(1)) {
        appended.push(storage.append(ROOM, update, meta('writer')));
        await sleep(150);
      }
      const presence = storage.appendPresence(ROOM, [{ at: 1, client: 7, state: { user: { id: 'ada' } } }]);
      await proxy.start();

      expect(await Promise.all(appended)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      await presence;
      expect(await storage.healthy()).toBe(true);
      expect(textOf((await storage.load(ROOM)).state)).toBe('012345678');
      expect(await storage.readPresence(ROOM)).toEqual([
        { at: 1, client: 7, state: { user: { id: 'ada' } } },
      ]);
      expect(logger.warn).toHaveBeenCalledWith('PostgreSQL is unreachable, retrying', expect.anything());
    } finally {
      await Promise.all(opened.splice(0).map((storage) => storage.close()));
      await pool.end();
      await proxy.stop();
    }
  });

  it('gives up after retryForMs, then takes appends again once the room is loaded', async () => {
    const { proxy, url } = await behindProxy();
    const pool = new pg.Pool({ connectionString: url });
    try {
      const storage = await open(pool, { retryForMs: 300 });
      const updates = textUpdates(3);
      await storage.load(ROOM);
      expect(await storage.append(ROOM, updates[0] as Uint8Array, meta('writer'))).toBe(1);

      await proxy.stop();
      const failed = storage.append(ROOM, updates[1] as Uint8Array, meta('writer'));
      await expect(failed).rejects.toThrow();
      await expect(failed).rejects.not.toBeInstanceOf(LogConflictError);
      await proxy.start();
      // Whether the last try landed is not known until the room is read again.
      await expect(storage.append(ROOM, updates[1] as Uint8Array, meta('writer'))).rejects.toThrow();

      expect((await storage.load(ROOM)).seq).toBe(1);
      expect(await storage.append(ROOM, updates[1] as Uint8Array, meta('writer'))).toBe(2);
      expect(await storage.append(ROOM, updates[2] as Uint8Array, meta('writer'))).toBe(3);
      expect(textOf((await storage.load(ROOM)).state)).toBe('012');
    } finally {
      await Promise.all(opened.splice(0).map((storage) => storage.close()));
      await pool.end();
      await proxy.stop();
    }
  });

  it('waits for its appends when closed, leaves the pool open, and refuses calls after', async () => {
    const pool = database.pool();
    const storage = await open(pool);
    const appended = textUpdates(20).map((update) => storage.append(ROOM, update, meta('writer')));
    await storage.close();
    expect((await Promise.all(appended)).at(-1)).toBe(20);
    await expect(storage.append(ROOM, new Uint8Array([0, 0]), meta('writer'))).rejects.toBeInstanceOf(
      StorageClosedError,
    );
    await expect(storage.healthy()).resolves.toBe(true);
    const { rows } = await pool.query('SELECT count(*)::int AS count FROM updates');
    expect(rows).toEqual([{ count: 20 }]);
  });
});
