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
import * as Y from 'yjs';
import { personOfActor } from './actors.ts';
import type { Logger } from './logger.ts';
import type { IndexedUpdate, ReplayStore, StoredFrame, WriterActivity } from './replay-store.ts';

/*
 * How the server makes its replay index, on either engine (the store keeps what the index derives; the index
 * reads the logs from the relay's storage, whichever engine that is):
 *
 *   // SQLite, in the server's file, on a connection of its own that commits without a sync of the disk:
 *   const replayDb = new Database(storage.file);
 *   replayDb.pragma('synchronous = NORMAL');
 *   replayDb.pragma('wal_autocheckpoint = 0');
 *   const replay = new ReplayIndex(new SqliteReplayStore(replayDb), storage, options);
 *   // ...and at shutdown: await replay.close(); then replayDb.close().
 *
 *   // PostgreSQL, shared by the servers of a cluster (the tables are migrated by `open`):
 *   const replay = new ReplayIndex(await PgReplayStore.open(pool), storage, options);
 *   // ...and at shutdown: await replay.close(); then the pool is ended with the server's other users of it.
 *
 * Either way the server follows its board rooms' writes (`followWrites: replay.follow`) and starts
 * `replay.catchUpAll(boardIds)` once it listens.
 */

/**
 * A full state is stored this many log positions after the one before, so a state at any time applies fewer
 * frames; on a board of more notes than this, that many positions after: a keyframe of a huge board costs
 * the event loop tens of milliseconds, and reading one costs about as much as that many frames.
 */
export const KEYFRAME_EVERY = 1000;
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
/**
 * How long a server leaves a board's indexing to another server it saw storing it (servers sharing one
 * database): longer than the pause between an indexing server's slices while its workshop goes on (see
 * `delayMs`), so the two do not take turns, each loading the board anew; short enough that a board whose
 * indexing server stopped or died is taken over soon.
 */
export const REPLAY_LEASE_MS = 3000;
/** How long after failing to store a board's followed writes its index tries again. */
const RETRY_MS = 5000;
/**
 * How long, after the log last filled a gap between a board's followed writes, its index keeps the board's
 * document current with them (see RoomWork.mixedUntil).
 */
const MIXED_MS = 30_000;
/** How often a replay waiting for another server to index a board looks at how far it got. */
const LEASE_POLL_MS = 50;

export interface ReplayIndexOptions {
  logger: Logger;
  /** How long after an update is logged the board's index takes it in (default 1 s): updates come in batches. */
  delayMs?: number;
  /**
   * A board nobody has open, whose index took nothing in for this long, lets go of its document
   * (default REPLAY_IDLE_MS).
   */
  idleMs?: number;
  /** How long a board another server was seen indexing is left to it (default REPLAY_LEASE_MS). */
  leaseMs?: number;
  /**
   * Whether the board's room is open (the relay holds it). Its index keeps its document meanwhile: loading it
   * again from the snapshot and log takes a noticeable moment on the event loop, for every quiet spell of
   * a workshop. Without it, every board counts as closed.
   */
  isOpen?: (room: string) => boolean;
  /** Told the board's title and task each time an indexed update changed them. */
  onMeta?: (room: string, meta: BoardMeta) => void;
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
  /** Until when the room is left to another server that indexes it (0: none is known to; see REPLAY_LEASE_MS). */
  leasedUntil: number;
  /** The room's indexed position when the other server was last seen getting further. */
  leasedAt: number;
  /** Whether the index stored followed writes of the room. */
  told: boolean;
  /**
   * Until when followed writes are also applied to the room's document. Where people of one board write on
   * several servers, each room tells only its own server's writes, and the log fills the gaps between them:
   * keeping the document current costs less than loading it again from the snapshot for every gap.
   */
  mixedUntil: number;
}

/** One logged update as indexed, with the board's title and task when it changed them. */
interface IndexedWrite extends IndexedUpdate {
  meta: BoardMeta | null;
}

/**
 * The board rooms' recordings as frames (what each logged update changed, as plain values), stored next to
 * the logs (see ReplayStore) and kept current as updates are logged. A replay then opens and seeks without
 * reading a room's log or loading its Yjs state, however long the session: the state at any time is the
 * nearest stored keyframe plus fewer than KEYFRAME_EVERY frames (or than the board has notes), read by position.
 *
 * The board's room tells the index what each write changed, read from the room's document as it applied it
 * (see follow), and its position once it is logged: the index then only stores it, a moment later, in
 * slices that give the event loop back, so workshops on the server never wait for it. What the room did
 * not tell (updates logged by others, by another server, by an older server, or before a restart) is taken in
 * from the log: each logged update replayed once, in order, into a document of the index's own. A replay
 * asking for a board first takes in what is not indexed yet; a server that starts with boards logged but not
 * indexed (an older database) indexes them in the background.
 *
 * Servers sharing a database index each board once: a slice is stored only by the one server storing for the
 * board at that moment, and only where the board's index ends (see ReplayStore.store). A server whose slice
 * was refused leaves the board to the other while that one gets further (REPLAY_LEASE_MS); a replay on it
 * waits until the index reaches the end the log had when it asked, whoever indexes.
 */
export class ReplayIndex {
  private readonly rooms = new Map<string, RoomWork>();
  private readonly delayMs: number;
  private readonly idleMs: number;
  private readonly leaseMs: number;
  private closed = false;

  constructor(
    private readonly store: ReplayStore,
    private readonly storage: Storage,
    private readonly options: ReplayIndexOptions,
  ) {
    this.delayMs = options.delayMs ?? 1000;
    this.idleMs = options.idleMs ?? REPLAY_IDLE_MS;
    this.leaseMs = options.leaseMs ?? REPLAY_LEASE_MS;
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

  /**
   * Takes in everything logged so far for the room, or, while another server indexes it, waits until that one
   * did; calls while one runs share it.
   */
  catchUp(room: string): Promise<void> {
    return this.run(room, true);
  }

  /** Indexes, one after another in the background, the rooms whose logs go further than their index. */
  async catchUpAll(rooms: readonly string[]): Promise<void> {
    for (const room of rooms) {
      if (this.closed) return;
      const [next] = await this.storage.readLog(room, { after: await this.indexedSeq(room), limit: 1 });
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
  async indexedSeq(room: string): Promise<number> {
    return (await this.store.lastFrame(room))?.seq ?? 0;
  }

  async span(room: string): Promise<BoardSpan> {
    const [start, last] = await Promise.all([this.store.firstFrameAt(room), this.store.lastFrame(room)]);
    return { start, end: last?.at ?? null, endSeq: last?.seq ?? 0 };
  }

  /** The room at time `t` (after every update logged at or before it) and that update's position. */
  async stateAt(room: string, t: number): Promise<{ seq: number; state: BoardState }> {
    const seq = await this.store.seqAt(room, t);
    if (seq === 0) return { seq: 0, state: emptyBoardState() };
    return { seq, state: (await this.stateAtSeq(room, seq)).state };
  }

  /** The room after everything indexed so far. */
  async latestState(room: string): Promise<BoardState> {
    return (await this.stateAtSeq(room, await this.indexedSeq(room))).state;
  }

  /** Frames after log position `after`, at most `limit`, oldest first. */
  async framesAfter(room: string, after: number, limit: number): Promise<BoardFrame[]> {
    return (await this.store.frames(room, { after, limit })).map(frameFromRow);
  }

  /** Notes added and votes placed, in log order. */
  async events(room: string): Promise<BoardEvent[]> {
    return (await this.store.events(room)).map((event) => JSON.parse(event) as BoardEvent);
  }

  /** How many notes each writer edited and moved in the room. */
  activity(room: string): Promise<WriterActivity[]> {
    return this.store.activity(room);
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
    this.runLater(room, work, this.delayMs);
  }

  /** Indexes the room's followed writes in `ms`, unless that is planned already. */
  private runLater(room: string, work: RoomWork, ms: number): void {
    work.delay ??= setTimeout(() => {
      work.delay = null;
      this.run(room, false).catch((error: unknown) => {
        this.options.logger.warn('replay indexing failed', { room, error: String(error) });
        // The index's database may be out of reach a moment; the writes stay in the log meanwhile.
        if (!this.closed && work.followed.length > 0) this.runLater(room, work, RETRY_MS);
      });
    }, ms);
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
      work = {
        live: null,
        followed: [],
        running: null,
        delay: null,
        idle: null,
        leasedUntil: 0,
        leasedAt: 0,
        told: false,
        mixedUntil: 0,
      };
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
  private async liveAt(room: string, seq: number, doc: Y.Doc | null): Promise<LiveRoom> {
    const { state, keyframe } = await this.stateAtSeq(room, seq);
    return { doc, state, seq, nextKeyframe: nextKeyframe(keyframe, state) };
  }

  /** The room's plain state at `seq`, and the position of the keyframe it was built from (0: none). */
  private async stateAtSeq(room: string, seq: number): Promise<{ state: BoardState; keyframe: number }> {
    const keyframe = await this.store.keyframeAtOrBefore(room, seq);
    const state = keyframe ? (JSON.parse(keyframe.state) as BoardState) : emptyBoardState();
    for (const row of await this.store.frames(room, { after: keyframe?.seq ?? 0, upTo: seq })) {
      applyFrame(state, frameFromRow(row));
    }
    return { state, keyframe: keyframe?.seq ?? 0 };
  }

  /**
   * Takes in the room's followed writes, and what the log holds that they do not: the updates before the first
   * of them, or with `fromLog` after the last. One slice at a time, each stored in one transaction. While
   * another server indexes the room, followed writes wait (that server takes them in from the log, or this
   * one once it stopped), and with `fromLog` the run waits until the index reaches the log's end.
   */
  private async indexNew(room: string, work: RoomWork, fromLog: boolean): Promise<void> {
    /** The log's end when this run found the room indexed elsewhere. */
    let end: number | null = null;
    for (;;) {
      if (this.closed) return;
      const after = await this.indexedSeq(room);
      const skip = work.followed.findIndex((update) => update.seq > after);
      work.followed.splice(0, skip === -1 ? work.followed.length : skip);
      if (end !== null && after >= end) return;
      if (this.indexedElsewhere(work, after)) {
        if (!fromLog) {
          if (work.followed.length > 0) this.runLater(room, work, work.leasedUntil - Date.now());
          return;
        }
        end ??= await logEnd(this.storage, room, after);
        if (after < end) await sleep(LEASE_POLL_MS);
        continue;
      }
      const next = work.followed[0];
      if (next?.seq === after + 1) {
        const live = await this.liveState(room, work, after);
        const { doc } = live;
        const count = await this.indexSlice(room, work, after, consecutive(work.followed), (update) => {
          if (doc) Y.applyUpdate(doc, update.update);
          return indexUpdate(live, update, () => update.changes, this.options.logger, room);
        });
        work.followed.splice(0, count);
        work.told ||= count > 0;
      } else {
        if (next === undefined && !fromLog) return;
        if (next !== undefined && work.told) work.mixedUntil = Date.now() + MIXED_MS;
        const limit = next ? Math.min(READ_PAGE, next.seq - 1 - after) : READ_PAGE;
        const entries = await this.storage.readLog(room, { after, limit });
        if (entries.length === 0 || this.closed) return;
        const { live, doc } = await this.liveDocument(room, work, after);
        for (let start = 0; start < entries.length; ) {
          if (this.closed) return;
          const count = await this.indexSlice(room, work, live.seq, entries.slice(start), (entry) =>
            indexUpdate(live, entry, () => replay(doc, entry.update), this.options.logger, room),
          );
          if (count === 0) break;
          start += count;
          if (start < entries.length) await nextTurn();
        }
      }
      await nextTurn();
    }
  }

  /**
   * Whether another server indexes the room: one refused this server's slice less than a lease ago, or got
   * further since. Once it stops getting further for that long, this server indexes the room again.
   */
  private indexedElsewhere(work: RoomWork, indexed: number): boolean {
    if (work.leasedUntil === 0) return false;
    if (indexed > work.leasedAt) {
      work.leasedAt = indexed;
      work.leasedUntil = Date.now() + this.leaseMs;
    }
    if (Date.now() < work.leasedUntil) return true;
    work.leasedUntil = 0;
    return false;
  }

  /**
   * The room's plain state at `seq`, kept from the last slice or read from the index. Its document, needed
   * only to take updates in from the log, goes, unless the log fills gaps between the room's writes now and
   * then (see RoomWork.mixedUntil): the room's writes come with their changes.
   */
  private async liveState(room: string, work: RoomWork, seq: number): Promise<LiveRoom> {
    if (work.live?.seq !== seq) {
      work.live?.doc?.destroy();
      work.live = await this.liveAt(room, seq, null);
    }
    if (Date.now() >= work.mixedUntil) {
      work.live.doc?.destroy();
      work.live.doc = null;
    }
    return work.live;
  }

  /**
   * Indexes and stores a first part of `updates`, as many as fit in a slice, after position `after`; returns
   * how many. None when the store refused them: another server stored first, and what this one holds of the
   * room is behind.
   */
  private async indexSlice<T>(
    room: string,
    work: RoomWork,
    after: number,
    updates: readonly T[],
    index: (update: T) => IndexedWrite,
  ): Promise<number> {
    const started = performance.now();
    const indexed: IndexedWrite[] = [];
    for (const update of updates) {
      indexed.push(index(update));
      if (indexed.length >= SLICE || performance.now() - started >= SLICE_MS) break;
    }
    if (!(await this.store.store(room, after, indexed))) {
      work.live?.doc?.destroy();
      work.live = null;
      work.leasedAt = after;
      work.leasedUntil = Date.now() + this.leaseMs;
      return 0;
    }
    const meta = indexed.findLast((update) => update.meta)?.meta;
    if (meta) this.options.onMeta?.(room, meta);
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
    return { ...(await this.liveAt(room, seq, doc)), doc };
  }
}

/**
 * The position of the room's last logged update, `from` or later: galloping from `from`, then halving, in
 * about 2·log2 of the distance single-entry reads.
 */
async function logEnd(storage: Storage, room: string, from: number): Promise<number> {
  const logged = async (seq: number) =>
    (await storage.readLog(room, { after: seq - 1, limit: 1 })).length > 0;
  let low = from;
  let step = 1;
  while (await logged(low + step)) {
    low += step;
    step *= 2;
  }
  let high = low + step;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await logged(middle)) low = middle;
    else high = middle;
  }
  return low;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function frameFromRow(row: StoredFrame): BoardFrame {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    ...(JSON.parse(row.changes) as Omit<BoardFrame, 'seq' | 'at' | 'actor'>),
  };
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
): IndexedWrite {
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
