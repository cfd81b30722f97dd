import {
  applyFrame,
  type BoardEvent,
  type BoardFrame,
  type BoardMeta,
  type BoardState,
  defineFrameTypes,
  emptyBoardState,
  type FrameChanges,
  frameChangesOf,
  frameEvents,
  type Note,
} from '@kompas/model';
import type { LogEntry, Storage, WriteFollower } from '@kompas/relay';
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { personOfActor } from './actors.ts';
import type { Logger } from './logger.ts';

/**
 * A full state is stored this many log positions after the one before, so a state at any time applies fewer
 * frames; on a board of more notes than this, that many positions after: a keyframe of a huge board costs
 * the event loop tens of milliseconds, and reading one costs about as much as that many frames.
 */
export const KEYFRAME_EVERY = 1000;
/** The form of the stored frames; a database holding another form is indexed anew from the logs. */
const INDEX_VERSION = 2;
/** Log entries read per storage call while indexing. */
const READ_PAGE = 2000;
/** Most entries indexed and stored in one transaction, between two turns of the event loop. */
const SLICE = 250;
/**
 * Milliseconds of indexing after which a slice ends early: applying a large board's updates from the log takes
 * long enough per entry that 250 of them held every room of the server up for tens of milliseconds.
 */
const SLICE_MS = 4;
/**
 * How long the index keeps the document of a board nobody has open any more: long enough for a page reload
 * or a dropped connection to come back without a reload of the document, short enough that a server that
 * saw many boards today holds only those in use.
 */
export const REPLAY_IDLE_MS = 30_000;

export interface ReplayIndexOptions {
  logger: Logger;
  /** How long after an update is logged the board's index takes it in (default 1 s): updates come in batches. */
  delayMs?: number;
  /**
   * A board nobody has open, whose index took nothing in for this long, lets go of its document
   * (default REPLAY_IDLE_MS).
   */
  idleMs?: number;
  /**
   * Whether the board's room is open (the relay holds it). Its index keeps its document meanwhile: loading it
   * again from the snapshot and log takes a noticeable moment on the event loop, for every quiet spell of
   * a workshop. Without it, every board counts as closed.
   */
  isOpen?: (room: string) => boolean;
  /** Told the board's title and task each time an indexed update changed them. */
  onMeta?: (room: string, meta: BoardMeta) => void;
}

/**
 * How many notes each writer edited and moved. A writer is the person the log's actor names (the server
 * stamps it from the person token), or, in logs from before people existed, `client:<Yjs client id>`, which
 * is also that browser's presence id.
 */
export interface WriterActivity {
  writer: string;
  edits: number;
  moves: number;
}

/** The writer of a logged update in a log from before people existed: its main Yjs client. */
export function clientWriter(client: number): string {
  return `client:${client}`;
}

export interface BoardSpan {
  /** The board room's first and last logged times (null while nothing is logged) and last position. */
  start: number | null;
  end: number | null;
  endSeq: number;
}

/**
 * A board room's plain state at the index's position, kept while its workshop goes on, and its document
 * while the index takes updates in from the log (the room's writes come with their changes read already).
 */
interface LiveRoom {
  doc: Y.Doc | null;
  state: BoardState;
  seq: number;
  /** Where the next keyframe is stored (see KEYFRAME_EVERY). */
  nextKeyframe: number;
}

/** A board room's logged update with what it changed, as the room read it when it applied it. */
interface FollowedUpdate extends LogEntry {
  changes: FrameChanges;
}

/** Indexing under way for a room, and whether it reads the log to its end. */
interface IndexRun {
  done: Promise<void>;
  fromLog: boolean;
}

interface RoomWork {
  live: LiveRoom | null;
  /** The room's logged writes not indexed yet, in log order. */
  followed: FollowedUpdate[];
  running: IndexRun | null;
  delay: ReturnType<typeof setTimeout> | null;
  idle: ReturnType<typeof setTimeout> | null;
}

/**
 * The board rooms' recordings as frames (what each logged update changed, as plain values), stored next to
 * the logs and kept current as updates are logged. A replay then opens and seeks without reading a room's
 * log or loading its Yjs state, however long the session: the state at any time is the nearest stored
 * keyframe plus fewer than KEYFRAME_EVERY frames (or than the board has notes), read by position.
 *
 * The board's room tells the index what each write changed, read from the room's document as it applied it
 * (see follow), and its position once it is logged: the index then only stores it, a moment later, in
 * slices that give the event loop back, so workshops on the server never wait for it. What the room did
 * not tell (updates logged by others, by an older server, or before a restart) is taken in from the log:
 * each logged update replayed once, in order, into a document of the index's own. A replay asking for a
 * board first takes in what is not indexed yet; a server that starts with boards logged but not indexed (an
 * older database) indexes them in the background.
 */
export class ReplayIndex {
  private readonly rooms = new Map<string, RoomWork>();
  private readonly delayMs: number;
  private readonly idleMs: number;
  private closed = false;
  private readonly statements: ReturnType<typeof prepare>;

  constructor(
    private readonly db: Database.Database,
    private readonly storage: Storage,
    private readonly options: ReplayIndexOptions,
  ) {
    migrate(db);
    this.statements = prepare(db);
    this.delayMs = options.delayMs ?? 1000;
    this.idleMs = options.idleMs ?? REPLAY_IDLE_MS;
  }

  /**
   * Follows a board room's writes (for the relay, see WriteFollower): what each changed is read while the
   * room's document holds it, and taken in a moment after the write is logged. A write whose changes cannot
   * be read is left to the log, where indexing finds it missing.
   */
  follow(room: string, doc: Y.Doc): WriteFollower {
    defineFrameTypes(doc);
    return (write) => {
      if (this.closed) return undefined;
      let changes: FrameChanges;
      try {
        changes = frameChangesOf(write.doc, write.transaction);
      } catch (error) {
        this.options.logger.warn('replay index left a write to its log', { room, error: String(error) });
        return undefined;
      }
      // Only what is logged is kept, not the transaction, until the write is durable.
      const { at, actor, update } = write;
      return (seq) => this.followed(room, { seq, at, actor, update, changes });
    };
  }

  /** Takes in everything logged so far for the room; calls while one runs share it. */
  catchUp(room: string): Promise<void> {
    return this.run(room, true);
  }

  /** Indexes, one after another in the background, the rooms whose logs go further than their index. */
  async catchUpAll(rooms: readonly string[]): Promise<void> {
    for (const room of rooms) {
      if (this.closed) return;
      const [next] = await this.storage.readLog(room, { after: this.indexedSeq(room), limit: 1 });
      if (!next) continue;
      await this.catchUp(room);
      // Its document is kept only for a workshop going on; a board indexed at start may be long over.
      const work = this.rooms.get(room);
      if (work && !work.delay && !work.running) this.forget(room, work);
    }
  }

  /** How many boards' states the index holds in memory: those open, and those closed moments ago. */
  get heldDocuments(): number {
    return [...this.rooms.values()].filter((work) => work.live !== null).length;
  }

  /** The log position indexed so far (0: none). */
  indexedSeq(room: string): number {
    return this.statements.lastFrame.get(room)?.seq ?? 0;
  }

  span(room: string): BoardSpan {
    const first = this.statements.firstFrame.get(room);
    const last = this.statements.lastFrame.get(room);
    return { start: first?.at ?? null, end: last?.at ?? null, endSeq: last?.seq ?? 0 };
  }

  /** The room at time `t` (after every update logged at or before it) and that update's position. */
  stateAt(room: string, t: number): { seq: number; state: BoardState } {
    const found = this.statements.frameAt.get(room, t);
    if (!found) return { seq: 0, state: emptyBoardState() };
    return { seq: found.seq, state: this.stateAtSeq(room, found.seq) };
  }

  /** The room after everything indexed so far. */
  latestState(room: string): BoardState {
    return this.stateAtSeq(room, this.indexedSeq(room));
  }

  /** Frames after log position `after`, at most `limit`, oldest first. */
  framesAfter(room: string, after: number, limit: number): BoardFrame[] {
    return this.statements.framesAfter.all(room, after, limit).map(frameFromRow);
  }

  /** Notes added and votes placed, in log order. */
  events(room: string): BoardEvent[] {
    return this.statements.events.all(room).map((row) => JSON.parse(row.event) as BoardEvent);
  }

  /** How many notes each writer edited and moved in the room. */
  activity(room: string): WriterActivity[] {
    return this.statements.activity.all(room);
  }

  /** Stops indexing; resolves once a slice being stored is done. */
  async close(): Promise<void> {
    this.closed = true;
    const running: Promise<void>[] = [];
    for (const work of this.rooms.values()) {
      if (work.delay) clearTimeout(work.delay);
      if (work.idle) clearTimeout(work.idle);
      if (work.running) running.push(work.running.done.catch(() => {}));
    }
    await Promise.all(running);
    for (const work of this.rooms.values()) work.live?.doc?.destroy();
    this.rooms.clear();
  }

  private followed(room: string, update: FollowedUpdate): void {
    if (this.closed) return;
    const work = this.work(room);
    work.followed.push(update);
    work.delay ??= setTimeout(() => {
      work.delay = null;
      this.run(room, false).catch((error: unknown) => {
        this.options.logger.warn('replay indexing failed', { room, error: String(error) });
      });
    }, this.delayMs);
    work.delay.unref();
  }

  /**
   * Indexes what the room told, and with `fromLog` everything logged. A call while a run goes on shares it, or,
   * to read the log when that run does not, follows it.
   */
  private run(room: string, fromLog: boolean): Promise<void> {
    const work = this.work(room);
    if (work.running && (work.running.fromLog || !fromLog)) return work.running.done;
    const before = work.running?.done.catch(() => {}) ?? Promise.resolve();
    const running: IndexRun = {
      fromLog,
      done: before
        .then(() => this.indexNew(room, work, fromLog))
        .finally(() => {
          if (work.running !== running) return;
          work.running = null;
          this.forgetWhenIdle(room, work);
        }),
    };
    work.running = running;
    return running.done;
  }

  private work(room: string): RoomWork {
    let work = this.rooms.get(room);
    if (!work) {
      work = { live: null, followed: [], running: null, delay: null, idle: null };
      this.rooms.set(room, work);
    }
    return work;
  }

  private forgetWhenIdle(room: string, work: RoomWork): void {
    if (work.idle) clearTimeout(work.idle);
    work.idle = setTimeout(() => {
      // Indexing that is waiting or running sets this again when it is done.
      if (work.running || work.delay) return;
      if (this.options.isOpen?.(room)) this.forgetWhenIdle(room, work);
      else this.forget(room, work);
    }, this.idleMs);
    work.idle.unref();
  }

  /** Lets go of the room's document; indexing it again loads it from the stored snapshot and log. */
  private forget(room: string, work: RoomWork): void {
    if (work.idle) clearTimeout(work.idle);
    work.live?.doc?.destroy();
    if (this.rooms.get(room) === work) this.rooms.delete(room);
  }

  /** The room's plain state at `seq`, for indexing on from there. */
  private liveAt(room: string, seq: number, doc: Y.Doc | null): LiveRoom {
    const state = this.stateAtSeq(room, seq);
    const keyframe = this.statements.keyframeSeqAtOrBefore.get(room, seq) ?? 0;
    return { doc, state, seq, nextKeyframe: nextKeyframe(keyframe, state) };
  }

  private stateAtSeq(room: string, seq: number): BoardState {
    const keyframe = this.statements.keyframeAtOrBefore.get(room, seq);
    const state = keyframe ? (JSON.parse(keyframe.state) as BoardState) : emptyBoardState();
    for (const row of this.statements.framesBetween.all(room, keyframe?.seq ?? 0, seq)) {
      applyFrame(state, frameFromRow(row));
    }
    return state;
  }

  /**
   * Takes in the room's followed writes, and what the log holds that they do not: the updates before the first
   * of them, or with `fromLog` after the last. One slice at a time, each stored in one transaction.
   */
  private async indexNew(room: string, work: RoomWork, fromLog: boolean): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const after = this.indexedSeq(room);
      const skip = work.followed.findIndex((update) => update.seq > after);
      work.followed.splice(0, skip === -1 ? work.followed.length : skip);
      const next = work.followed[0];
      if (next?.seq === after + 1) {
        const live = this.liveState(room, work, after);
        const count = this.indexSlice(room, consecutive(work.followed), (update) =>
          indexUpdate(live, update, () => update.changes, this.options.logger, room),
        );
        work.followed.splice(0, count);
      } else {
        if (next === undefined && !fromLog) return;
        const limit = next ? Math.min(READ_PAGE, next.seq - 1 - after) : READ_PAGE;
        const entries = await this.storage.readLog(room, { after, limit });
        if (entries.length === 0 || this.closed) return;
        const { live, doc } = await this.liveDocument(room, work, after);
        for (let start = 0; start < entries.length; ) {
          if (this.closed) return;
          start += this.indexSlice(room, entries.slice(start), (entry) =>
            indexUpdate(live, entry, () => replay(doc, entry.update), this.options.logger, room),
          );
          if (start < entries.length) await nextTurn();
        }
      }
      await nextTurn();
    }
  }

  /**
   * The room's plain state at `seq`, kept from the last slice or read from the index. Its document, needed
   * only to take updates in from the log, goes: the room's writes come with their changes.
   */
  private liveState(room: string, work: RoomWork, seq: number): LiveRoom {
    if (work.live?.seq !== seq) {
      work.live?.doc?.destroy();
      work.live = this.liveAt(room, seq, null);
    }
    work.live.doc?.destroy();
    work.live.doc = null;
    return work.live;
  }

  /** Indexes and stores a first part of `updates`, as many as fit in a slice; returns how many. */
  private indexSlice<T>(room: string, updates: readonly T[], index: (update: T) => IndexedUpdate): number {
    const started = performance.now();
    const indexed: IndexedUpdate[] = [];
    for (const update of updates) {
      indexed.push(index(update));
      if (indexed.length >= SLICE || performance.now() - started >= SLICE_MS) break;
    }
    this.store(room, indexed);
    return indexed.length;
  }

  /** The room's plain state and document at log position `seq`: kept from the last slice, or loaded. */
  private async liveDocument(
    room: string,
    work: RoomWork,
    seq: number,
  ): Promise<{ live: LiveRoom; doc: Y.Doc }> {
    const kept = work.live;
    if (kept?.seq === seq && kept.doc) return { live: kept, doc: kept.doc };
    kept?.doc?.destroy();
    const live = await this.loadLive(room, seq);
    work.live = live;
    return { live, doc: live.doc };
  }

  /** The room's document and plain state at log position `seq`, from the stored snapshot and index. */
  private async loadLive(room: string, seq: number): Promise<LiveRoom & { doc: Y.Doc }> {
    const doc = new Y.Doc();
    defineFrameTypes(doc);
    const snapshot = seq > 0 ? await this.storage.readSnapshotAt(room, seq) : null;
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    let at = snapshot?.seq ?? 0;
    while (at < seq) {
      const entries = await this.storage.readLog(room, { after: at, limit: Math.min(READ_PAGE, seq - at) });
      if (entries.length === 0) break;
      for (const entry of entries) Y.applyUpdate(doc, entry.update);
      at = entries.at(-1)?.seq ?? seq;
    }
    return { ...this.liveAt(room, seq, doc), doc };
  }

  private store(room: string, indexed: readonly IndexedUpdate[]): void {
    const { insertFrame, insertEvent, insertKeyframe, addActivity } = this.statements;
    this.db.transaction(() => {
      for (const { seq, at, actor, changes, events, activity, keyframe } of indexed) {
        insertFrame.run(room, seq, at, actor, changes);
        for (const event of events) insertEvent.run(room, seq, event);
        if (activity && (activity.edits > 0 || activity.moves > 0)) {
          addActivity.run(room, activity.writer, activity.edits, activity.moves);
        }
        if (keyframe !== null) insertKeyframe.run(room, seq, keyframe);
      }
    })();
    const meta = indexed.findLast((update) => update.meta)?.meta;
    if (meta) this.options.onMeta?.(room, meta);
  }
}

/** One logged update as the index stores it: what it changed and its events as JSON. */
interface IndexedUpdate {
  seq: number;
  at: number;
  actor: string;
  /** The frame without its position, time and actor. */
  changes: string;
  events: string[];
  activity: WriterActivity | null;
  /** The state after the update, at a keyframe position. */
  keyframe: string | null;
  /** The board's title and task, when the update changed them. */
  meta: BoardMeta | null;
}

/** What one update changed, taken in and serialised, but not yet applied to the room's plain state. */
interface TakenUpdate {
  frame: BoardFrame;
  changes: string;
  events: string[];
  activity: WriterActivity | null;
}

const NO_CHANGES = JSON.stringify({ notes: {}, votes: {} });

/**
 * Takes one logged update, and what `read` says it changed, into the live room's plain state. An update it
 * cannot take in is kept as a frame without changes, with a log line: left unindexed, it would be tried again
 * and fail on every report and replay of the board, also after a restart.
 */
function indexUpdate(
  live: LiveRoom,
  entry: LogEntry,
  read: () => FrameChanges,
  logger: Logger,
  room: string,
): IndexedUpdate {
  const { seq, at, actor } = entry;
  let taken: TakenUpdate;
  try {
    taken = takeIn(live, entry, read());
  } catch (error) {
    logger.warn('replay index skipped an update it cannot store', { room, seq, error: String(error) });
    taken = {
      frame: { seq, at, actor, notes: {}, votes: {} },
      changes: NO_CHANGES,
      events: [],
      activity: null,
    };
  }
  // Only what serialised is applied, so the state, and so every keyframe, serialises too.
  applyFrame(live.state, taken.frame);
  live.seq = seq;
  const keyframe = seq >= live.nextKeyframe ? JSON.stringify(live.state) : null;
  if (keyframe !== null) live.nextKeyframe = nextKeyframe(seq, live.state);
  const { changes, events, activity } = taken;
  return { seq, at, actor, changes, events, activity, keyframe, meta: taken.frame.meta ?? null };
}

/** Notes, as JSON, what one logged update changed, and its events and activity against the live state. */
function takeIn(live: LiveRoom, { seq, at, actor, update }: LogEntry, changes: FrameChanges): TakenUpdate {
  const frame: BoardFrame = { seq, at, actor, ...changes };
  return {
    frame,
    // Without position, time and actor, which have columns of their own; an absent meta is left out.
    changes: JSON.stringify({ notes: frame.notes, votes: frame.votes, meta: frame.meta }),
    events: frameEvents(live.state, frame).map((event) => JSON.stringify(event)),
    activity: writerActivity(live.state, frame, actor, update),
  };
}

/** Applies a logged update to the index's own document of the room and reads what it changed. */
function replay(doc: Y.Doc, update: Uint8Array): FrameChanges {
  let changes: FrameChanges = { notes: {}, votes: {} };
  let failure: unknown = null;
  // Read while the transaction's events can still tell what changed; a throw here would break the document.
  const read = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    try {
      changes = frameChangesOf(doc, transaction);
    } catch (error) {
      failure = error;
    }
  };
  doc.on('update', read);
  try {
    Y.applyUpdate(doc, update);
  } finally {
    doc.off('update', read);
  }
  if (failure !== null) throw failure;
  return changes;
}

/** Where the keyframe after one at `seq` goes, given the state there. */
function nextKeyframe(seq: number, state: BoardState): number {
  return seq + Math.max(KEYFRAME_EVERY, Object.keys(state.notes).length);
}

/** The first of `updates` whose positions follow one another. */
function consecutive<T extends { seq: number }>(updates: readonly T[]): T[] {
  const first = updates[0]?.seq ?? 0;
  const end = updates.findIndex((update, index) => update.seq !== first + index);
  return end === -1 ? [...updates] : updates.slice(0, end);
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The notes the update edited (text or colour) and moved, counted for the person who wrote it. */
function writerActivity(
  before: BoardState,
  frame: BoardFrame,
  actor: string,
  update: Uint8Array,
): WriterActivity | null {
  let edits = 0;
  let moves = 0;
  for (const [id, note] of Object.entries(frame.notes)) {
    const old: Note | undefined = before.notes[id];
    if (!note || !old) continue;
    if (note.text !== old.text || note.color !== old.color) edits++;
    if (note.step !== old.step || note.pos.r !== old.pos.r || note.pos.t !== old.pos.t) moves++;
  }
  if (edits === 0 && moves === 0) return null;
  const person = personOfActor(actor);
  if (person !== undefined) return { writer: person, edits, moves };
  const client = mainWriter(update);
  return client === null ? null : { writer: clientWriter(client), edits, moves };
}

/** The Yjs client that wrote most of the update's items; null for an update that only deletes. */
function mainWriter(update: Uint8Array): number | null {
  const counts = new Map<number, number>();
  for (const struct of Y.decodeUpdate(update).structs) {
    counts.set(struct.id.client, (counts.get(struct.id.client) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [client, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = client;
  return best;
}

interface FrameRow {
  seq: number;
  at: number;
  actor: string;
  changes: string;
}

function frameFromRow(row: FrameRow): BoardFrame {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    ...(JSON.parse(row.changes) as Omit<BoardFrame, 'seq' | 'at' | 'actor'>),
  };
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
    framesAfter: db.prepare<[string, number, number], FrameRow>(
      'SELECT seq, at, actor, changes FROM replay_frames WHERE room = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    framesBetween: db.prepare<[string, number, number], FrameRow>(
      'SELECT seq, at, actor, changes FROM replay_frames WHERE room = ? AND seq > ? AND seq <= ? ORDER BY seq',
    ),
    keyframeSeqAtOrBefore: db
      .prepare<[string, number], number>(
        'SELECT seq FROM replay_keyframes WHERE room = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
      )
      .pluck(),
    keyframeAtOrBefore: db.prepare<[string, number], { seq: number; state: string }>(
      'SELECT seq, state FROM replay_keyframes WHERE room = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
    ),
    events: db.prepare<[string], { event: string }>(
      'SELECT event FROM replay_events WHERE room = ? ORDER BY seq, rowid',
    ),
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
