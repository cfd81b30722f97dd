import {
  applyFrame,
  type BoardEvent,
  type BoardFrame,
  type BoardMeta,
  type BoardState,
  emptyBoardState,
  frameEvents,
  getBoardMeta,
  getNote,
  type Note,
  observeBoardMeta,
  observeNotes,
  readStoredVote,
  votesType,
} from '@kompas/model';
import type { LogEntry, Storage } from '@kompas/relay';
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { personOfActor } from './actors.ts';
import type { Logger } from './logger.ts';

/** A full state is stored at every log position that is a multiple of this, so a state at any time applies fewer frames. */
export const KEYFRAME_EVERY = 1000;
/** The form of the stored frames; a database holding another form is indexed anew from the logs. */
const INDEX_VERSION = 2;
/** Log entries read per storage call while indexing. */
const READ_PAGE = 2000;
/** Entries indexed and stored in one transaction, between two turns of the event loop (tens of milliseconds). */
const SLICE = 250;
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

/** A board room's document and plain state at the index's position, kept while its workshop goes on. */
interface LiveRoom {
  doc: Y.Doc;
  state: BoardState;
  seq: number;
}

interface RoomWork {
  live: LiveRoom | null;
  running: Promise<void> | null;
  delay: ReturnType<typeof setTimeout> | null;
  idle: ReturnType<typeof setTimeout> | null;
}

/**
 * The board rooms' recordings as frames (what each logged update changed, as plain values), stored next to
 * the logs and kept current as updates are logged. A replay then opens and seeks without reading a room's
 * log or loading its Yjs state, however long the session: the state at any time is the nearest stored
 * keyframe plus fewer than KEYFRAME_EVERY frames, read by position.
 *
 * Indexing replays each logged update once, in order, into a document of the index's own, noting after each
 * what it changed. It runs a moment after updates are logged, in slices that give the event loop back, so
 * workshops on the server never wait for it; a replay asking for a board first takes in what is not indexed
 * yet. A server that starts with boards logged but not indexed (an older database) indexes them in the
 * background.
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

  /** Called once an update of a board room is logged: the index takes it in a moment later. */
  logged(room: string): void {
    if (this.closed) return;
    const work = this.work(room);
    work.delay ??= setTimeout(() => {
      work.delay = null;
      this.catchUp(room).catch((error: unknown) => {
        this.options.logger.warn('replay indexing failed', { room, error: String(error) });
      });
    }, this.delayMs);
    work.delay.unref();
  }

  /** Takes in everything logged so far for the room; calls while one runs share it. */
  catchUp(room: string): Promise<void> {
    const work = this.work(room);
    work.running ??= this.indexNew(room, work).finally(() => {
      work.running = null;
      this.forgetWhenIdle(room, work);
    });
    return work.running;
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

  /** How many boards' documents the index holds in memory: those open, and those closed moments ago. */
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
      if (work.running) running.push(work.running.catch(() => {}));
    }
    await Promise.all(running);
    for (const work of this.rooms.values()) work.live?.doc.destroy();
    this.rooms.clear();
  }

  private work(room: string): RoomWork {
    let work = this.rooms.get(room);
    if (!work) {
      work = { live: null, running: null, delay: null, idle: null };
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
    work.live?.doc.destroy();
    if (this.rooms.get(room) === work) this.rooms.delete(room);
  }

  private stateAtSeq(room: string, seq: number): BoardState {
    const keyframe = this.statements.keyframeAtOrBefore.get(room, seq);
    const state = keyframe ? (JSON.parse(keyframe.state) as BoardState) : emptyBoardState();
    for (const row of this.statements.framesBetween.all(room, keyframe?.seq ?? 0, seq)) {
      applyFrame(state, frameFromRow(row));
    }
    return state;
  }

  private async indexNew(room: string, work: RoomWork): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const after = this.indexedSeq(room);
      const entries = await this.storage.readLog(room, { after, limit: READ_PAGE });
      if (entries.length === 0 || this.closed) return;
      if (work.live?.seq !== after) {
        work.live?.doc.destroy();
        work.live = await this.loadLive(room, after);
      }
      const live = work.live;
      for (let start = 0; start < entries.length; start += SLICE) {
        if (this.closed) return;
        const slice = entries.slice(start, start + SLICE);
        this.store(
          room,
          slice.map((entry) => indexUpdate(live, entry, this.options.logger, room)),
        );
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (entries.length < READ_PAGE) return;
    }
  }

  /** The room's document and plain state at log position `seq`, from the stored snapshot and index. */
  private async loadLive(room: string, seq: number): Promise<LiveRoom> {
    const doc = new Y.Doc();
    const snapshot = seq > 0 ? await this.storage.readSnapshotAt(room, seq) : null;
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    let at = snapshot?.seq ?? 0;
    while (at < seq) {
      const entries = await this.storage.readLog(room, { after: at, limit: Math.min(READ_PAGE, seq - at) });
      if (entries.length === 0) break;
      for (const entry of entries) Y.applyUpdate(doc, entry.update);
      at = entries.at(-1)?.seq ?? seq;
    }
    return { doc, state: this.stateAtSeq(room, seq), seq };
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
 * Takes one logged update into the live room and advances its plain state. An update it cannot take in is
 * kept as a frame without changes, with a log line: left unindexed, it would be tried again and fail on
 * every report and replay of the board, also after a restart.
 */
function indexUpdate(live: LiveRoom, entry: LogEntry, logger: Logger, room: string): IndexedUpdate {
  const { seq, at, actor } = entry;
  let taken: TakenUpdate;
  try {
    taken = takeIn(live, entry);
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
  const keyframe = seq % KEYFRAME_EVERY === 0 ? JSON.stringify(live.state) : null;
  const { changes, events, activity } = taken;
  return { seq, at, actor, changes, events, activity, keyframe, meta: taken.frame.meta ?? null };
}

/** Applies one logged update to the live room's document and notes, as JSON, what it changed. */
function takeIn(live: LiveRoom, { seq, at, actor, update }: LogEntry): TakenUpdate {
  const { doc } = live;
  const changedNotes = new Set<string>();
  const changedVotes = new Set<string>();
  let metaChanged = false;
  const stopNotes = observeNotes(doc, (ids) => {
    for (const id of ids) changedNotes.add(id);
  });
  const stopMeta = observeBoardMeta(doc, () => {
    metaChanged = true;
  });
  const votes = votesType(doc);
  const onVotes = (event: Y.YMapEvent<unknown>): void => {
    for (const key of event.keysChanged) changedVotes.add(key);
  };
  votes.observe(onVotes);
  try {
    Y.applyUpdate(doc, update);
  } finally {
    stopNotes();
    stopMeta();
    votes.unobserve(onVotes);
  }
  const frame: BoardFrame = { seq, at, actor, notes: {}, votes: {} };
  for (const id of changedNotes) frame.notes[id] = getNote(doc, id) ?? null;
  for (const id of changedVotes) {
    // Read as the board's readers read it: only the fields the model knows, whatever else is stored beside them.
    const vote = readStoredVote(doc, id);
    frame.votes[id] = vote ? { round: vote.round, voter: vote.voter, note: vote.note, at: vote.at } : null;
  }
  if (metaChanged) frame.meta = getBoardMeta(doc) ?? null;
  return {
    frame,
    // Without position, time and actor, which have columns of their own; an absent meta is left out.
    changes: JSON.stringify({ notes: frame.notes, votes: frame.votes, meta: frame.meta }),
    events: frameEvents(live.state, frame).map((event) => JSON.stringify(event)),
    activity: writerActivity(live.state, frame, actor, update),
  };
}

/**
 * A valid vote with only the fields the model reads: a client may store more beside them (a BigInt JSON
 * cannot hold, a long text) that no reader shows and the index need not keep.
 */
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
