import { CloseCode } from '@kompas/protocol';
import * as Y from 'yjs';
import { AcceptedWrites } from './accepted-writes.ts';
import type { Connection } from './connection.ts';
import type { RelayLogger } from './logger.ts';
import { LOGGED_ORIGIN, type RelayOrigin, STORAGE_ORIGIN, type WriteOrigin } from './origins.ts';
import { dropPending, pendingBytes } from './pending.ts';
import type { PresenceCheck } from './presence-entries.ts';
import { PresenceRecorder } from './presence-recorder.ts';
import { EMPTY_DOC, encodeSyncStep1, encodeUpdate } from './protocol.ts';
import { RoomPresence } from './room-presence.ts';
import type { Storage, StoredSnapshot } from './storage.ts';
import type { StoredBytesShare } from './stored-bytes.ts';
import { SyncAnswers } from './sync-answers.ts';
import {
  type ChangeValidator,
  checkChange,
  isStackOverflow,
  MISSING_PARTS,
  type Refusal,
  TOO_DEEP,
  type UpdatePrecheck,
} from './write-check.ts';

/**
 * How long a room goes without writes before a snapshot that is due is taken: encoding a large board's state
 * holds the event loop for tens of milliseconds, better spent when nobody waits for an update.
 */
export const SNAPSHOT_QUIET_MS = 1000;

/** A write as the room's document just applied it, for whoever keeps something derived from the log. */
export interface AppliedWrite {
  /** The room's document, holding this write and nothing applied after it. */
  readonly doc: Y.Doc;
  /** What the write changed in it (its events and changed types). */
  readonly transaction: Y.Transaction;
  /** The update as it is logged, and the actor and time logged with it. */
  readonly update: Uint8Array;
  readonly actor: string;
  readonly at: number;
}

/**
 * Reads a write right after the room's document applied it (later writes would change what the document
 * shows), and returns what to call with the write's log position once it is durable, or nothing. Those calls
 * come in log order. An index kept beside the log reads each change where it already is, instead of applying
 * the logged update again to a document of its own.
 */
export type WriteFollower = (write: AppliedWrite) => ((seq: number) => void) | undefined;

export interface RoomOptions {
  storage: Storage;
  logger: RelayLogger;
  snapshotEvery: number;
  /** Counts shared by every room of the relay, so they survive unloading. */
  counters: { droppedWrites: number; rejectedWrites: number; droppedPresence: number };
  /** When given, every write is checked against it first and refused when it returns a reason. */
  validator?: ChangeValidator;
  /** When given, every write is first checked against it alone, before it is applied. */
  precheck?: UpdatePrecheck;
  /** When given, every presence state is checked against it, and kept and relayed as it returns it. */
  presenceCheck?: PresenceCheck;
  /** Record the clients' names and cursors for replays. */
  recordPresence?: boolean;
  /** Ceilings of recorded presence samples (see PresenceRecorder); the recorder's defaults when undefined. */
  maxPresenceSamplesPerPerson?: number;
  maxPresenceSamplesPerRoom?: number;
  /**
   * Given the room's document before anything is loaded into it, returns what is told of every write the room
   * applies, and of its log position once it is durable (see WriteFollower). Called again with the new
   * document when a refused write makes the room rebuild it.
   */
  followWrites?: (doc: Y.Doc) => WriteFollower | undefined;
  /** Bytes the document may hold waiting for missing parts (Infinity: no limit); see applyWrite. */
  maxPendingBytes: number;
  /** The room's share of its budget group's stored bytes; none: the room's log may grow without limit. */
  storedBytes?: StoredBytesShare;
  /** The room can no longer guarantee durability: the relay forgets it (clients reconnect to a fresh load). */
  onFailed: (room: Room) => void;
  /** A room whose document the validator reads beside this one's; it is loaded before this room is ready. */
  companion?: Room;
  /** When the relay is one server of a cluster: links the room to the others (see RoomLink). */
  cluster?: (room: Room) => RoomLink;
}

/**
 * What a room of a cluster asks of, and tells, the other servers (see cluster/). One server owns the room and
 * applies, checks, stores and snapshots its writes as a single server does; the others pass their clients'
 * writes on to it and apply what it logged.
 */
export interface RoomLink {
  /** Whether this server owns the room: otherwise its clients' writes go to the owner. */
  readonly owning: boolean;
  /** The room's document holds the log up to `seq`. */
  loaded(seq: number): void;
  /** A client's write, on a server that does not own the room: for the owner. */
  forward(update: Uint8Array, writer: Connection): void;
  /** The owner's write is durable at `seq`: for the other servers. */
  logged(seq: number, update: Uint8Array, origin: WriteOrigin): void;
  /** A connection left the room. */
  left(connection: Connection): void;
  /** The room is unloaded, or failed. */
  close(): void;
}

/**
 * One y-websocket room: its document, its presence and its connections.
 *
 * Every update a writer sends is applied to the document at once (checked there, see applyWrite), appended
 * to storage, and relayed only once storage says it is durable. Anything sent to a client that depends on the
 * document (relayed updates, answers to sync step 1) goes through one ordered outbox behind the appends it
 * depends on, so no client ever sees a change that a crash could lose.
 */
export class Room {
  readonly connections = new Set<Connection>();
  readonly presence: RoomPresence;
  /** Resolves once the stored state is in the document (or the load failed and the room closed). */
  readonly ready: Promise<void>;
  /** Set while the relay flushes the room to unload it. */
  unloading: Promise<void> | null = null;
  /** Times the document was rebuilt to take out a refused write: what refusals cost. */
  rebuilds = 0;
  /** Answers to sync step 1, kept per version of the document. */
  readonly syncAnswers: SyncAnswers;
  /** How many loaded rooms have this one as their companion: it stays loaded while any does. */
  holders = 0;
  readonly companion: Room | undefined;
  droppedWrites = 0;
  rejectedWrites = 0;
  /** Presence updates refused: for another client, or a state that is too large or fails the check. */
  droppedPresence = 0;
  /** The room's document; a new one replaces it when a refused write is taken out (see rebuild). */
  private current: Y.Doc;
  /** What the document holds, to rebuild it from; only for a room with a validator, once loaded. */
  private accepted: AcceptedWrites | null = null;
  /** While a write is checked: the verdict so far, and what the document's updates for it changed. */
  private checking: Checking | null = null;
  private outbox: Promise<void> = Promise.resolve();
  /** Updates logged since the last snapshot, their bytes, and the bytes of that snapshot (see takeSnapshot). */
  private sinceSnapshot = 0;
  private bytesSinceSnapshot = 0;
  private snapshotBytes = 0;
  /** Runs once the room has been quiet for SNAPSHOT_QUIET_MS while a snapshot is due. */
  private quietSnapshot: NodeJS.Timeout | null = null;
  /** The log position of the last write, once durable. */
  private lastStored: Promise<number> = Promise.resolve(0);
  private failed = false;
  /** When the document last went from holding nothing pending to holding some (performance.now()). */
  private pendingSince: number | null = null;
  private readonly presenceRecorder: PresenceRecorder | null;
  private followWrite: WriteFollower | undefined;
  private readonly link: RoomLink | undefined;

  constructor(
    readonly name: string,
    private readonly options: RoomOptions,
  ) {
    this.presenceRecorder = options.recordPresence
      ? new PresenceRecorder({
          room: name,
          storage: options.storage,
          logger: options.logger,
          maxSamplesPerPerson: options.maxPresenceSamplesPerPerson,
          maxSamplesPerRoom: options.maxPresenceSamplesPerRoom,
        })
      : null;
    this.presence = new RoomPresence(this.connections, this.presenceRecorder);
    this.current = this.newDoc();
    this.syncAnswers = new SyncAnswers(this.current);
    this.companion = options.companion;
    this.link = options.cluster?.(this);
    this.ready = Promise.all([this.load(), this.companion?.ready, this.presenceRecorder?.ready]).then(
      () => {},
    );
  }

  /** The room's document: read it here each time, as a refused write makes the room replace it. */
  get doc(): Y.Doc {
    return this.current;
  }

  join(connection: Connection): void {
    this.connections.add(connection);
  }

  /**
   * First messages to a connection once the room is loaded: our state vector, then who is present. A
   * write-only connection gets an empty state vector, so its client sends all it has (its own drafts).
   */
  greet(connection: Connection): void {
    if (connection.writeOnly) {
      connection.send(encodeSyncStep1(EMPTY_DOC));
      return;
    }
    connection.send(encodeSyncStep1(this.doc));
    this.presence.greet(connection);
  }

  /** The connection's presence goes with it; its client id is free again, for the same tab reconnecting. */
  leave(connection: Connection): void {
    this.connections.delete(connection);
    this.presence.leave(connection);
    this.link?.left(connection);
  }

  /** The presence check of the room, if it has one. */
  get presenceCheck(): PresenceCheck | undefined {
    return this.options.presenceCheck;
  }

  countDroppedPresence(): void {
    this.droppedPresence += 1;
    this.options.counters.droppedPresence += 1;
  }

  /** Sends `message` after every update applied before it is durable: for answers built from the document. */
  sendInOrder(connection: Connection, message: Uint8Array): void {
    this.enqueue(() => connection.send(message));
  }

  /**
   * A client's update: applied here (see applyWrite), or on a server of a cluster that does not own the room,
   * passed on to the owner, which applies it the same way; its verdict comes back later (then null now).
   */
  write(update: Uint8Array, writer: Connection): string | Refusal | null {
    if (!this.link || this.link.owning) return this.applyWrite(update, writer);
    this.link.forward(update, writer);
    return null;
  }

  /**
   * Applies a writer's update, once, to the document; when the room has a validator, the change is checked
   * there before anything else sees it. Returns why it was refused (then nothing of it is stored or relayed,
   * and the document is rebuilt without it), or null once applied. Throws when Yjs cannot read the update.
   *
   * Past a budget the room closes the writer itself (4429) and returns null, as there is nothing left to do:
   * a write that would take the board's stored bytes past its budget is not applied; one that leaves the
   * document of a room without a validator holding more than its pending budget keeps the part that
   * integrated (stored and relayed as usual) and the room drops everything pending.
   */
  applyWrite(update: Uint8Array, writer: WriteOrigin): string | Refusal | null {
    if (this.options.storedBytes?.wouldPass(update.byteLength)) {
      writer.closeOverBudget('storedBytes');
      return null;
    }
    const problem = this.precheck(update, writer) ?? this.applyChecked(update, writer);
    if (problem !== null) {
      this.rejectedWrites += 1;
      this.options.counters.rejectedWrites += 1;
      return problem;
    }
    this.checkPending(writer);
    return null;
  }

  /**
   * Applies the update, checking its transaction while it is open (see ChangeValidator). What the document's
   * update for it would store and relay is held meanwhile (its follower has read it already, while the
   * transaction was open), and let go once the write is accepted; a refused one is only undone: a change that
   * reached the document makes the room rebuild it, what the update left waiting for missing parts is
   * dropped. One nested too deeply to read is refused as invalid data.
   */
  private applyChecked(update: Uint8Array, writer: WriteOrigin): string | Refusal | null {
    const validate = this.options.validator;
    if (!validate || !this.accepted) {
      Y.applyUpdate(this.doc, update, writer);
      return null;
    }
    const doc = this.doc;
    const attempt = { writer: writer.writer, companion: this.companion?.doc ?? null };
    const checking: Checking = { problem: null, changed: false, held: [] };
    // Reading the document may open transactions of its own, nested in the write's: the first refusal stands.
    const check = (transaction: Y.Transaction) => {
      checking.problem ??=
        pendingBytes(doc) > 0 ? MISSING_PARTS : checkChange(validate, doc, transaction, attempt);
    };
    this.checking = checking;
    doc.on('afterTransaction', check);
    try {
      Y.applyUpdate(doc, update, writer);
    } catch (error) {
      this.undo(checking);
      if (isStackOverflow(error)) return TOO_DEEP;
      throw error;
    } finally {
      doc.off('afterTransaction', check);
      this.checking = null;
    }
    if (checking.problem !== null) {
      this.undo(checking);
      return checking.problem;
    }
    for (const write of checking.held) this.store(write);
    return null;
  }

  /** Takes a refused write out of the document: nothing of it was stored or relayed. */
  private undo(checking: Checking): void {
    if (checking.changed) this.rebuild();
    else this.dropPending();
  }

  /**
   * Replaces the document with one built from what the room accepted, for everything that reads the room's
   * document: its sync answers, its write follower, its companions' validators (all read `doc` each time).
   */
  private rebuild(): void {
    const stale = this.current;
    stale.off('update', this.onDocUpdate);
    this.current = this.newDoc((doc) => this.accepted?.applyTo(doc));
    this.syncAnswers.follow(this.current);
    stale.destroy();
    this.rebuilds += 1;
  }

  /**
   * A document for the room, followed before anything is loaded into it, holding what `fill` puts in it. The
   * room listens to it only then: nothing takes what was filled in for a write, and Yjs encodes no update of it.
   */
  private newDoc(fill?: (doc: Y.Doc) => void): Y.Doc {
    const doc = new Y.Doc();
    this.followWrite = this.options.followWrites?.(doc);
    fill?.(doc);
    doc.on('update', this.onDocUpdate);
    return doc;
  }

  /**
   * Drops what the document has held pending for at least `ms`: what it waits for is not coming, and nothing
   * should hold memory for good. The relay calls this every ping interval.
   */
  dropStalePending(ms: number): void {
    if (this.pendingSince !== null && performance.now() - this.pendingSince >= ms) this.dropPending();
  }

  private checkPending(writer: WriteOrigin): void {
    const pending = pendingBytes(this.doc);
    if (pending > this.options.maxPendingBytes) {
      this.dropPending();
      writer.closeOverBudget('pendingBytes');
    } else if (pending === 0) {
      this.pendingSince = null;
    } else {
      this.pendingSince ??= performance.now();
    }
  }

  private dropPending(): void {
    dropPending(this.doc);
    this.pendingSince = null;
  }

  /** The room's check of an update alone; an update nested too deeply for Yjs to read is refused as invalid. */
  private precheck(update: Uint8Array, writer: WriteOrigin): string | Refusal | null {
    try {
      return this.options.precheck?.(update, writer.writer, this.doc, this.companion?.doc ?? null) ?? null;
    } catch (error) {
      if (isStackOverflow(error)) return TOO_DEEP;
      throw error;
    }
  }

  countDroppedWrite(): void {
    this.droppedWrites += 1;
    this.options.counters.droppedWrites += 1;
  }

  /** Runs `task` once every update applied before it is durable (and relayed), in order. */
  inOrder(task: () => void): void {
    this.enqueue(task);
  }

  /**
   * An update another server of the cluster logged, applied in log order: it is stored and was checked, so it
   * is only relayed, to every connection but `except` (the one that wrote it). It still counts towards the
   * room's stored bytes and its next snapshot, for when this server comes to own the room.
   */
  applyLogged(update: Uint8Array, except: Connection | undefined): void {
    Y.applyUpdate(this.doc, update, LOGGED_ORIGIN);
    this.options.storedBytes?.add(update.byteLength);
    this.sinceSnapshot += 1;
    this.bytesSinceSnapshot += update.byteLength;
    const message = encodeUpdate(update);
    this.enqueue(() => {
      for (const connection of this.connections) {
        if (connection !== except && !connection.writeOnly) connection.send(message);
      }
    });
  }

  /**
   * This server now owns the room, its document holding the log up to `seq`, `sinceSnapshot` of it after the
   * latest snapshot: writes are applied here from now on, and refused ones taken out by rebuilding from it.
   */
  own(seq: number, sinceSnapshot: number): void {
    this.lastStored = Promise.resolve(seq);
    this.sinceSnapshot = sinceSnapshot;
    if (this.options.validator) this.accepted = new AcceptedWrites(Y.encodeStateAsUpdate(this.doc));
  }

  /**
   * Another server owns the room now: it takes the snapshots, and what this one kept to rebuild its document
   * is not needed.
   */
  disown(): void {
    this.accepted = null;
    if (this.quietSnapshot) clearTimeout(this.quietSnapshot);
    this.quietSnapshot = null;
  }

  get hasFailed(): boolean {
    return this.failed;
  }

  /** Waits until everything queued so far is durable and delivered; true when nothing was queued meanwhile. */
  async flush(): Promise<boolean> {
    await this.ready;
    const outbox = this.outbox;
    await outbox;
    return outbox === this.outbox;
  }

  destroy(): void {
    this.link?.close();
    this.presenceRecorder?.close();
    if (this.quietSnapshot) clearTimeout(this.quietSnapshot);
    this.options.storedBytes?.release();
    this.doc.off('update', this.onDocUpdate);
    this.presence.destroy();
    this.doc.destroy();
  }

  private async load(): Promise<void> {
    try {
      await this.options.storedBytes?.ready;
      const stored = await this.options.storage.load(this.name);
      if (stored.state) Y.applyUpdate(this.doc, stored.state, STORAGE_ORIGIN);
      this.sinceSnapshot = stored.sinceSnapshot;
      this.snapshotBytes = stored.state?.byteLength ?? 0;
      if (this.options.validator) this.accepted = new AcceptedWrites(stored.state);
      this.options.logger.info('room loaded', { room: this.name, seq: stored.seq });
      this.link?.loaded(stored.seq);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Runs on every change of the document, with the update holding only what was new to it. */
  private readonly onDocUpdate = (
    update: Uint8Array,
    origin: RelayOrigin,
    doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    this.syncAnswers.changed();
    if (origin.kind !== 'client') return;
    const { checking } = this;
    if (checking) {
      checking.changed = true;
      // A refused write is taken out again: nothing reads it.
      if (checking.problem !== null) return;
    }
    const meta = { actor: origin.actor, at: Date.now() };
    const logged = this.followWrite?.({ doc, transaction, update, ...meta });
    const write = { update, origin: origin as WriteOrigin, meta, logged };
    if (checking) checking.held.push(write);
    else this.store(write);
  };

  /** Stores a write the document applied, and relays it once it is durable. */
  private store({ update, origin, meta, logged }: AppliedUpdate): void {
    this.accepted?.add(update);
    this.options.storedBytes?.add(update.byteLength);
    const stored = started(() => this.options.storage.append(this.name, update, meta));
    this.lastStored = stored;
    this.sinceSnapshot += 1;
    this.bytesSinceSnapshot += update.byteLength;
    const snapshot = this.snapshotOverdue() ? this.takeSnapshot() : null;
    if (!snapshot && this.snapshotDue()) this.snapshotWhenQuiet();
    const message = encodeUpdate(update);
    this.enqueue(async () => {
      const seq = await stored;
      logged?.(seq);
      this.link?.logged(seq, update, origin);
      for (const connection of this.connections) {
        if (connection !== origin && !connection.writeOnly) connection.send(message);
      }
      if (snapshot) await this.snapshot(snapshot.state && { seq, state: snapshot.state });
    });
  }

  /**
   * The document's state right after an update was applied is what the log holds up to that update: encoding
   * it spares the storage rebuilding it from the log (which cost the event loop tens of milliseconds per
   * snapshot of a large board). It is stored once the update is durable, so a snapshot never holds what the
   * log could lose. Updates waiting for missing parts are in the document's encoding but not in the log: then
   * the state is null, and the storage merges the log instead.
   */
  private takeSnapshot(): { state: Uint8Array | null } {
    this.sinceSnapshot = 0;
    this.bytesSinceSnapshot = 0;
    const state = pendingBytes(this.doc) === 0 ? Y.encodeStateAsUpdate(this.doc) : null;
    if (state) {
      this.snapshotBytes = state.byteLength;
      this.accepted?.restart(state);
    }
    return { state };
  }

  /**
   * After `snapshotEvery` updates, once the log since the last snapshot holds half that snapshot's bytes: a
   * large board's state is written again only after half its size came in as updates, so snapshots write
   * about twice what the log does at most, and loading replays about half a snapshot's worth of log. A due
   * snapshot waits for a quiet moment (snapshotWhenQuiet), unless writes go on until it is overdue.
   */
  private snapshotDue(): boolean {
    return (
      this.sinceSnapshot >= this.options.snapshotEvery && this.bytesSinceSnapshot * 2 >= this.snapshotBytes
    );
  }

  /**
   * Twice the updates and four times the bytes that make a snapshot due: a room written without a pause still
   * loads in bounded time.
   */
  private snapshotOverdue(): boolean {
    return (
      this.sinceSnapshot >= 2 * this.options.snapshotEvery &&
      this.bytesSinceSnapshot >= 2 * this.snapshotBytes
    );
  }

  /**
   * Takes the due snapshot once no write came for SNAPSHOT_QUIET_MS. The state then holds every write so
   * far, so it is stored at the last one's position, once that is durable.
   */
  private snapshotWhenQuiet(): void {
    if (this.quietSnapshot) {
      this.quietSnapshot.refresh();
      return;
    }
    this.quietSnapshot = setTimeout(() => {
      this.quietSnapshot = null;
      if (!this.snapshotDue()) return;
      const { state } = this.takeSnapshot();
      const stored = this.lastStored;
      this.enqueue(async () => {
        const seq = await stored;
        await this.snapshot(state && { seq, state });
      });
    }, SNAPSHOT_QUIET_MS);
    this.quietSnapshot.unref();
  }

  /** A failed snapshot costs load time, not data (the log is complete), so it is logged, not fatal. */
  private async snapshot(at: StoredSnapshot | null): Promise<void> {
    try {
      await this.options.storage.snapshot(this.name, at ?? undefined);
    } catch (error) {
      this.options.logger.warn('snapshot failed', { room: this.name, error: String(error) });
    }
  }

  private enqueue(task: () => void | Promise<void>): void {
    this.outbox = this.outbox.then(async () => {
      if (this.failed) return;
      try {
        await task();
      } catch (error) {
        this.fail(error);
      }
    });
  }

  /**
   * Storage failed, so durability can no longer be promised: close every connection. Their clients keep
   * their changes and send them again when they reconnect to a freshly loaded room.
   */
  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.link?.close();
    this.options.logger.error('room storage failed, closing its connections', {
      room: this.name,
      error: String(error),
    });
    this.options.onFailed(this);
    for (const connection of Array.from(this.connections)) {
      connection.close(CloseCode.internalError, 'storage failure');
    }
  }
}

/** A client's update as the document applied it, with what its follower read of it. */
interface AppliedUpdate {
  readonly update: Uint8Array;
  readonly origin: WriteOrigin;
  readonly meta: { actor: string; at: number };
  readonly logged: ((seq: number) => void) | undefined;
}

/** A write being checked (see applyChecked). */
interface Checking {
  /** Why it is refused, once a check said so. */
  problem: string | Refusal | null;
  /** Whether it changed the document: a refusal then makes the room rebuild it. */
  changed: boolean;
  /** What is stored and relayed once the write is accepted. */
  held: AppliedUpdate[];
}

/**
 * Starts an async call whose result is awaited later, in outbox order. Marks it handled now, so a rejection
 * that comes before its turn is not reported as unhandled; a synchronous throw becomes a rejection.
 */
function started<T>(call: () => Promise<T>): Promise<T> {
  let promise: Promise<T>;
  try {
    promise = call();
  } catch (error) {
    promise = Promise.reject(error);
  }
  promise.catch(() => {});
  return promise;
}
