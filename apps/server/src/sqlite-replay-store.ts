import type Database from 'better-sqlite3';
import {
  activityOf,
  type IndexedUpdate,
  type ReplayStore,
  type StoredFrame,
  type StoredKeyframe,
  type WriterActivity,
} from './replay-store.ts';

/** The form of the stored frames; a database holding another form is indexed anew from the logs. */
const INDEX_VERSION = 2;

/**
 * The replay index in the server's SQLite file, on a connection of its own: the index is derived from the logs,
 * so that connection may commit without waiting for a sync of the disk (`synchronous = NORMAL`); what a power
 * loss takes is indexed again from the logs at the next start. One server writes the file, so a slice is
 * refused only when the index is not where the caller thinks it is.
 */
export class SqliteReplayStore implements ReplayStore {
  private readonly statements: ReturnType<typeof prepare>;

  constructor(private readonly db: Database.Database) {
    migrate(db);
    this.statements = prepare(db);
  }

  async lastFrame(room: string): Promise<{ seq: number; at: number } | null> {
    return this.statements.lastFrame.get(room) ?? null;
  }

  async firstFrameAt(room: string): Promise<number | null> {
    return this.statements.firstFrame.get(room)?.at ?? null;
  }

  async seqAt(room: string, t: number): Promise<number> {
    return this.statements.frameAt.get(room, t)?.seq ?? 0;
  }

  async frames(
    room: string,
    { after, upTo = Number.MAX_SAFE_INTEGER, limit = -1 }: { after: number; upTo?: number; limit?: number },
  ): Promise<StoredFrame[]> {
    return this.statements.frames.all(room, after, upTo, limit);
  }

  async keyframeAtOrBefore(room: string, seq: number): Promise<StoredKeyframe | null> {
    return this.statements.keyframeAtOrBefore.get(room, seq) ?? null;
  }

  async events(room: string): Promise<string[]> {
    return this.statements.events.all(room);
  }

  async activity(room: string): Promise<WriterActivity[]> {
    return this.statements.activity.all(room);
  }

  async store(room: string, after: number, indexed: readonly IndexedUpdate[]): Promise<boolean> {
    const { lastFrame, insertFrame, insertEvent, insertKeyframe, addActivity } = this.statements;
    return this.db.transaction(() => {
      if ((lastFrame.get(room)?.seq ?? 0) !== after) return false;
      for (const { seq, at, actor, changes, events, keyframe } of indexed) {
        insertFrame.run(room, seq, at, actor, changes);
        for (const event of events) insertEvent.run(room, seq, event);
        if (keyframe !== null) insertKeyframe.run(room, seq, keyframe);
      }
      for (const { writer, edits, moves } of activityOf(indexed)) addActivity.run(room, writer, edits, moves);
      return true;
    })();
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS replay_index_version (version INTEGER NOT NULL) STRICT');
  const stored = db.prepare<[], { version: number }>('SELECT version FROM replay_index_version').get();
  if (stored?.version === INDEX_VERSION) return;
  db.transaction(() => {
    db.exec(`
      DROP TABLE IF EXISTS replay_frames;
      DROP TABLE IF EXISTS replay_keyframes;
      DROP TABLE IF EXISTS replay_events;
      DROP TABLE IF EXISTS replay_activity;
      CREATE TABLE replay_frames (
        room TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL, actor TEXT NOT NULL, changes TEXT NOT NULL,
        PRIMARY KEY (room, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX replay_frames_at ON replay_frames (room, at, seq);
      CREATE TABLE replay_keyframes (
        room TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL, PRIMARY KEY (room, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE replay_events (room TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL) STRICT;
      CREATE INDEX replay_events_room ON replay_events (room, seq);
      CREATE TABLE replay_activity (
        room TEXT NOT NULL, writer TEXT NOT NULL, edits INTEGER NOT NULL, moves INTEGER NOT NULL,
        PRIMARY KEY (room, writer)
      ) STRICT, WITHOUT ROWID;
      DELETE FROM replay_index_version;
    `);
    db.prepare('INSERT INTO replay_index_version (version) VALUES (?)').run(INDEX_VERSION);
  })();
}

function prepare(db: Database.Database) {
  return {
    firstFrame: db.prepare<[string], { at: number }>(
      'SELECT at FROM replay_frames WHERE room = ? ORDER BY seq LIMIT 1',
    ),
    lastFrame: db.prepare<[string], { seq: number; at: number }>(
      'SELECT seq, at FROM replay_frames WHERE room = ? ORDER BY seq DESC LIMIT 1',
    ),
    frameAt: db.prepare<[string, number], { seq: number }>(
      'SELECT seq FROM replay_frames WHERE room = ? AND at <= ? ORDER BY at DESC, seq DESC LIMIT 1',
    ),
    frames: db.prepare<[string, number, number, number], StoredFrame>(
      `SELECT seq, at, actor, changes FROM replay_frames WHERE room = ? AND seq > ? AND seq <= ?
       ORDER BY seq LIMIT ?`,
    ),
    keyframeAtOrBefore: db.prepare<[string, number], StoredKeyframe>(
      'SELECT seq, state FROM replay_keyframes WHERE room = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
    ),
    events: db
      .prepare<[string], string>('SELECT event FROM replay_events WHERE room = ? ORDER BY seq, rowid')
      .pluck(),
    activity: db.prepare<[string], WriterActivity>(
      'SELECT writer, edits, moves FROM replay_activity WHERE room = ? ORDER BY writer',
    ),
    insertFrame: db.prepare<[string, number, number, string, string]>(
      'INSERT INTO replay_frames (room, seq, at, actor, changes) VALUES (?, ?, ?, ?, ?)',
    ),
    insertEvent: db.prepare<[string, number, string]>(
      'INSERT INTO replay_events (room, seq, event) VALUES (?, ?, ?)',
    ),
    insertKeyframe: db.prepare<[string, number, string]>(
      'INSERT INTO replay_keyframes (room, seq, state) VALUES (?, ?, ?)',
    ),
    addActivity: db.prepare<[string, string, number, number]>(
      `INSERT INTO replay_activity (room, writer, edits, moves) VALUES (?, ?, ?, ?)
       ON CONFLICT (room, writer) DO UPDATE SET edits = edits + excluded.edits, moves = moves + excluded.moves`,
    ),
  };
}
