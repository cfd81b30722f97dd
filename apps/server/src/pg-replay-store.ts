import { migratePg } from '@kompas/relay';
import type pg from 'pg';
import {
  activityOf,
  type IndexedUpdate,
  type ReplayStore,
  type StoredFrame,
  type StoredKeyframe,
  type WriterActivity,
} from './replay-store.ts';

/**
 * The replay index's tables, step by step (see migratePg). Another form of frames is a new step that empties
 * them: the index is then built anew from the logs.
 */
export const REPLAY_SCHEMA_STEPS: readonly string[] = [
  `CREATE TABLE replay_frames (
     room TEXT NOT NULL, seq BIGINT NOT NULL, at BIGINT NOT NULL, actor TEXT NOT NULL, changes TEXT NOT NULL,
     PRIMARY KEY (room, seq)
   );
   CREATE INDEX replay_frames_at ON replay_frames (room, at, seq);
   CREATE TABLE replay_keyframes (room TEXT NOT NULL, seq BIGINT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (room, seq));
   CREATE TABLE replay_events (
     room TEXT NOT NULL, seq BIGINT NOT NULL, n INTEGER NOT NULL, event TEXT NOT NULL, PRIMARY KEY (room, seq, n)
   );
   CREATE TABLE replay_activity (
     room TEXT NOT NULL, writer TEXT NOT NULL, edits BIGINT NOT NULL, moves BIGINT NOT NULL,
     PRIMARY KEY (room, writer)
   );`,
];

/**
 * The replay index in PostgreSQL, shared by every server of a cluster. One server at a time stores a room's
 * slice: it holds the room's advisory lock for the transaction (others are refused at once rather than
 * queued), and stores only if the room's index is still where its slice starts, so no frame is stored twice or
 * out of order, and no edit is counted twice.
 */
export class PgReplayStore implements ReplayStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** A store on the pool's database, its tables brought up to date first. The pool stays the caller's. */
  static async open(pool: pg.Pool): Promise<PgReplayStore> {
    await migratePg(pool, 'replay', REPLAY_SCHEMA_STEPS);
    return new PgReplayStore(pool);
  }

  async lastFrame(room: string): Promise<{ seq: number; at: number } | null> {
    const { rows } = await this.pool.query<{ seq: string; at: string }>(
      'SELECT seq, at FROM replay_frames WHERE room = $1 ORDER BY seq DESC LIMIT 1',
      [room],
    );
    const row = rows[0];
    return row ? { seq: Number(row.seq), at: Number(row.at) } : null;
  }

  async firstFrameAt(room: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: string }>(
      'SELECT at FROM replay_frames WHERE room = $1 ORDER BY seq LIMIT 1',
      [room],
    );
    return rows[0] ? Number(rows[0].at) : null;
  }

  async seqAt(room: string, t: number): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string }>(
      'SELECT seq FROM replay_frames WHERE room = $1 AND at <= $2 ORDER BY at DESC, seq DESC LIMIT 1',
      [room, t],
    );
    return rows[0] ? Number(rows[0].seq) : 0;
  }

  async frames(
    room: string,
    { after, upTo, limit }: { after: number; upTo?: number; limit?: number },
  ): Promise<StoredFrame[]> {
    const { rows } = await this.pool.query<{ seq: string; at: string; actor: string; changes: string }>(
      `SELECT seq, at, actor, changes FROM replay_frames
       WHERE room = $1 AND seq > $2 AND ($3::bigint IS NULL OR seq <= $3) ORDER BY seq LIMIT $4`,
      [room, after, upTo ?? null, limit ?? null],
    );
    return rows.map(({ seq, at, actor, changes }) => ({ seq: Number(seq), at: Number(at), actor, changes }));
  }

  async keyframeAtOrBefore(room: string, seq: number): Promise<StoredKeyframe | null> {
    const { rows } = await this.pool.query<{ seq: string; state: string }>(
      'SELECT seq, state FROM replay_keyframes WHERE room = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1',
      [room, seq],
    );
    const row = rows[0];
    return row ? { seq: Number(row.seq), state: row.state } : null;
  }

  async events(room: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ event: string }>(
      'SELECT event FROM replay_events WHERE room = $1 ORDER BY seq, n',
      [room],
    );
    return rows.map((row) => row.event);
  }

  async activity(room: string): Promise<WriterActivity[]> {
    const { rows } = await this.pool.query<{ writer: string; edits: string; moves: string }>(
      // Sorted as SQLite sorts text (by code point), whatever the database's collation.
      'SELECT writer, edits, moves FROM replay_activity WHERE room = $1 ORDER BY writer COLLATE "C"',
      [room],
    );
    return rows.map(({ writer, edits, moves }) => ({ writer, edits: Number(edits), moves: Number(moves) }));
  }

  async store(room: string, after: number, indexed: readonly IndexedUpdate[]): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const stored = await storeSlice(client, room, after, indexed);
        await client.query(stored ? 'COMMIT' : 'ROLLBACK');
        return stored;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    } finally {
      client.release();
    }
  }
}

/** In a transaction: stores the slice if this server holds the room's lock and the index is at `after`. */
async function storeSlice(
  client: pg.PoolClient,
  room: string,
  after: number,
  indexed: readonly IndexedUpdate[],
): Promise<boolean> {
  const lock = await client.query<{ locked: boolean }>(
    "SELECT pg_try_advisory_xact_lock(hashtext('kompas:replay:' || $1)) AS locked",
    [room],
  );
  if (!lock.rows[0]?.locked) return false;
  // Read once the lock is held, so it sees whatever the lock's previous holder committed.
  const last = await client.query<{ seq: string }>(
    'SELECT seq FROM replay_frames WHERE room = $1 ORDER BY seq DESC LIMIT 1',
    [room],
  );
  if (Number(last.rows[0]?.seq ?? 0) !== after) return false;
  await client.query(
    `INSERT INTO replay_frames (room, seq, at, actor, changes)
     SELECT $1, * FROM UNNEST($2::bigint[], $3::bigint[], $4::text[], $5::text[])
     ON CONFLICT DO NOTHING`,
    [
      room,
      indexed.map((update) => update.seq),
      indexed.map((update) => update.at),
      indexed.map((update) => update.actor),
      indexed.map((update) => update.changes),
    ],
  );
  const events = indexed.flatMap(({ seq, events }) => events.map((event, n) => ({ seq, n, event })));
  if (events.length > 0) {
    await client.query(
      `INSERT INTO replay_events (room, seq, n, event)
       SELECT $1, * FROM UNNEST($2::bigint[], $3::integer[], $4::text[])
       ON CONFLICT DO NOTHING`,
      [
        room,
        events.map((event) => event.seq),
        events.map((event) => event.n),
        events.map((event) => event.event),
      ],
    );
  }
  const keyframes = indexed.filter((update) => update.keyframe !== null);
  if (keyframes.length > 0) {
    await client.query(
      `INSERT INTO replay_keyframes (room, seq, state)
       SELECT $1, * FROM UNNEST($2::bigint[], $3::text[])
       ON CONFLICT DO NOTHING`,
      [room, keyframes.map((update) => update.seq), keyframes.map((update) => update.keyframe)],
    );
  }
  const activity = activityOf(indexed);
  if (activity.length > 0) {
    // Counts are added, not set: only the position check above keeps a slice from being counted twice.
    await client.query(
      `INSERT INTO replay_activity (room, writer, edits, moves)
       SELECT $1, * FROM UNNEST($2::text[], $3::bigint[], $4::bigint[])
       ON CONFLICT (room, writer) DO UPDATE
       SET edits = replay_activity.edits + EXCLUDED.edits, moves = replay_activity.moves + EXCLUDED.moves`,
      [
        room,
        activity.map((sum) => sum.writer),
        activity.map((sum) => sum.edits),
        activity.map((sum) => sum.moves),
      ],
    );
  }
  return true;
}
