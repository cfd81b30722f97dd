import { MemoryStorage, PgStorage, type Storage } from '@kompas/relay';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describePg, freshDatabase, type TestDatabase } from '../../../packages/relay/src/pg-test-support.ts';
import { silentLogger } from './logger.ts';
import { PgReplayStore } from './pg-replay-store.ts';
import { KEYFRAME_EVERY, ReplayIndex, type ReplayIndexOptions } from './replay-index.ts';
import { RecordedRoom, ROOM } from './replay-test-support.ts';
import { SqliteReplayStore } from './sqlite-replay-store.ts';
import { waitFor } from './test-support.ts';

describePg('ReplayIndex on servers sharing one PostgreSQL database', () => {
  let database: TestDatabase;
  let indexes: ReplayIndex[];

  beforeEach(async () => {
    database = await freshDatabase();
    indexes = [];
  });

  afterEach(async () => {
    await Promise.all(indexes.map((index) => index.close()));
    await database.drop();
  });

  /** A server's index: a pool of its own on the shared database. */
  async function serverIndex(storage: Storage, options: Partial<ReplayIndexOptions> = {}) {
    const index = new ReplayIndex(await PgReplayStore.open(database.pool()), storage, {
      logger: silentLogger,
      ...options,
    });
    indexes.push(index);
    return index;
  }

  /** The room as one index alone takes it in from the log, on an engine of its own. */
  async function indexedFromLog(storage: Storage) {
    const db = new Database(':memory:');
    const index = new ReplayIndex(new SqliteReplayStore(db), storage, { logger: silentLogger });
    try {
      await index.catchUp(ROOM);
      return await everything(index);
    } finally {
      await index.close();
      db.close();
    }
  }

  async function everything(index: ReplayIndex) {
    const end = await index.indexedSeq(ROOM);
    return {
      frames: await index.framesAfter(ROOM, 0, end + 1),
      events: await index.events(ROOM),
      activity: await index.activity(ROOM),
      states: await Promise.all([1, 999, KEYFRAME_EVERY, end].map((seq) => index.stateAt(ROOM, seq * 10))),
    };
  }

  /** How many frames, positions and keyframes the shared database holds for the room. */
  async function storedRows(pool: pg.Pool) {
    const { rows } = await pool.query<{ frames: string; positions: string; keyframes: string }>(
      `SELECT (SELECT count(*) FROM replay_frames WHERE room = $1) AS frames,
              (SELECT count(DISTINCT seq) FROM replay_frames WHERE room = $1) AS positions,
              (SELECT count(*) FROM replay_keyframes WHERE room = $1) AS keyframes`,
      [ROOM],
    );
    const row = rows[0];
    return {
      frames: Number(row?.frames),
      positions: Number(row?.positions),
      keyframes: Number(row?.keyframes),
    };
  }

  it('refuses a slice while another server stores one of the same room', async () => {
    const store = await PgReplayStore.open(database.pool());
    const slice = [
      { seq: 1, at: 10, actor: 'participant:1', changes: '{}', events: [], activity: null, keyframe: null },
    ];
    const other = await database.pool().connect();
    try {
      await other.query('BEGIN');
      await other.query("SELECT pg_advisory_xact_lock(hashtext('kompas:replay:' || $1))", [ROOM]);
      expect(await store.store(ROOM, 0, slice)).toBe(false);
      expect(await store.store('another-board', 0, slice)).toBe(true);
      await other.query('COMMIT');
    } finally {
      other.release();
    }
    expect(await store.store(ROOM, 0, slice)).toBe(true);
    expect(await store.lastFrame(ROOM)).toEqual({ seq: 1, at: 10 });
  });

  it('stores each frame once when two servers index a room from its log at once, as one alone would', async () => {
    const room = new RecordedRoom(new MemoryStorage());
    await room.write(2 * KEYFRAME_EVERY + 321);
    const [one, two] = [await serverIndex(room.storage), await serverIndex(room.storage)];

    await Promise.all([one.catchUp(ROOM), two.catchUp(ROOM)]);

    const alone = await indexedFromLog(room.storage);
    expect(await everything(one)).toEqual(alone);
    expect(await everything(two)).toEqual(alone);
    expect(await storedRows(database.pool())).toEqual({
      frames: room.seq,
      positions: room.seq,
      keyframes: 2,
    });
  });

  it('indexes a room logged in the same database once, each server reading the log through its own storage', async () => {
    const room = new RecordedRoom(new MemoryStorage());
    await room.write(KEYFRAME_EVERY + 600);
    const logged = await PgStorage.open(database.pool(), { logger: silentLogger });
    for (const { update, actor, at, seq } of await room.storage.readLog(ROOM)) {
      await logged.append(ROOM, update, { actor, at });
      if (seq % 500 === 0) await logged.snapshot(ROOM);
    }
    const storages = [await PgStorage.open(database.pool()), await PgStorage.open(database.pool())];
    const servers = [];
    for (const storage of storages) servers.push(await serverIndex(storage));

    await Promise.all(servers.map((index) => index.catchUp(ROOM)));

    const alone = await indexedFromLog(room.storage);
    for (const index of servers) expect(await everything(index)).toEqual(alone);
    expect(await storedRows(database.pool())).toEqual({
      frames: room.seq,
      positions: room.seq,
      keyframes: 1,
    });
    await Promise.all([logged, ...storages].map((storage) => storage.close()));
  });

  it('indexes a room written on two servers once, whichever server took each write in', async () => {
    const storage = new MemoryStorage();
    const writer = new RecordedRoom(new MemoryStorage());
    const options = { delayMs: 0, leaseMs: 100 };
    const servers = [await serverIndex(storage, options), await serverIndex(storage, options)];
    // Each server's room holds the whole board; each tells its index only of the writes its own people made.
    const rooms = servers.map(() => new Y.Doc());
    const follows = servers.map((index, n) => index.follow(ROOM, rooms[n] as Y.Doc));
    let at = 0;
    let logged = Promise.resolve();
    writer.doc.on('update', (update: Uint8Array) => {
      at += 10;
      const meta = { actor: 'participant:1', at };
      const madeOn = Math.floor(at / 70) % 2;
      const told = rooms.map((room, n) => {
        let follower: ((seq: number) => void) | undefined;
        const tell = (_: Uint8Array, _origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => {
          if (n === madeOn) follower = follows[n]?.({ doc, transaction, update, ...meta });
        };
        room.once('update', tell);
        Y.applyUpdate(room, update, 'client');
        return follower;
      });
      // Logged in order, as a room's log is.
      logged = logged.then(async () => {
        const seq = await storage.append(ROOM, update, meta);
        for (const follower of told) follower?.(seq);
      });
    });
    await writer.write(KEYFRAME_EVERY + 300);
    await logged;

    await Promise.all(servers.map((index) => index.catchUp(ROOM)));

    const alone = await indexedFromLog(storage);
    for (const index of servers) expect(await everything(index)).toEqual(alone);
    const stored = await storedRows(database.pool());
    expect(stored.frames).toBe(writer.seq);
    expect(stored.positions).toBe(writer.seq);
  });

  it('leaves a room to another server when the one indexing it stops halfway', async () => {
    const room = new RecordedRoom(new MemoryStorage());
    await room.write(2 * KEYFRAME_EVERY + 321);
    const options = { leaseMs: 100 };
    const [stopping, staying] = [
      await serverIndex(room.storage, options),
      await serverIndex(room.storage, options),
    ];

    const first = stopping.catchUp(ROOM);
    const second = staying.catchUp(ROOM);
    await waitFor(async () => (await stopping.indexedSeq(ROOM)) > 0, 'indexing to begin');
    await stopping.close();
    await Promise.all([first, second]);

    expect(await staying.indexedSeq(ROOM)).toBe(room.seq);
    expect(await everything(staying)).toEqual(await indexedFromLog(room.storage));
    expect(await storedRows(database.pool())).toEqual({
      frames: room.seq,
      positions: room.seq,
      keyframes: 2,
    });
  });
});
