import { CloseCode } from '@kompas/protocol';
import type { Connection } from '../connection.ts';
import type { WriteOrigin } from '../origins.ts';
import type { PresenceEntry } from '../presence-entries.ts';
import type { Room, RoomLink } from '../room.ts';
import { STREAM_START } from './bus.ts';
import type { Cluster } from './cluster.ts';
import { ForwardedWriter } from './forwarded-writer.ts';
import {
  decodeForwardedWrite,
  decodeLogMessage,
  decodePresenceMessage,
  encodeForwardedWrite,
  encodeLogMessage,
  encodePresenceMessage,
  type ForwardedWrite,
  type LogMessage,
  type Outcome,
  streamsOf,
  type WriteSource,
} from './messages.ts';

/** Entries a room's log stream keeps (about): a server that falls further behind reads the log instead. */
export const LOG_STREAM_LENGTH = 5000;
/** Forwarded writes a room's inbox keeps: an owner that falls further behind has them forwarded again. */
export const INBOX_STREAM_LENGTH = 5000;
/** Presence changes a room's presence stream keeps: a server loading the room reads them all. */
export const PRESENCE_STREAM_LENGTH = 500;
/** Larger updates travel as their log position only; every server reads them from the log. */
export const MAX_BUS_UPDATE_BYTES = 64 * 1024;
/** A follower takes a room when nobody held its lease at this many ticks in a row. */
const CLAIM_AFTER_TICKS = 3;
/** Log entries read at once while catching up. */
const CATCH_UP_PAGE = 1000;

/**
 * - starting: loaded, finding out how far the log goes and who owns the room;
 * - following: another server owns it (or nobody, for a moment): writes go to the owner, logged ones come back;
 * - taking: this server holds the lease and catches up with the log before it applies writes;
 * - owning: this server applies, checks, stores and publishes the room's writes.
 */
type Role = 'starting' | 'following' | 'taking' | 'owning' | 'closed';

interface PendingWrite {
  connection: Connection;
  update: Uint8Array;
  /** When it was last sent to an owner (Date.now()), or null while there is none to send it to. */
  sentAt: number | null;
}

/**
 * One room on one server of a cluster (see RoomLink). Its document holds only what the log holds, in log
 * order: the owner's by applying and storing writes, a follower's by applying what the owner published
 * (or, where the bus lost some, what it reads from the log). Everything that changes the role or the
 * document runs in one queue, in order.
 */
export class ClusterRoom implements RoomLink {
  private role: Role = 'starting';
  /** The server that owns the room, as far as this one knows. */
  private owner: string | null = null;
  /** The log position the room's document holds. */
  private known = 0;
  /** This server's clients' writes forwarded to the owner and not answered yet, by forward number. */
  private readonly pending = new Map<number, PendingWrite>();
  /** Numbers for the writers this server's messages name, and back. */
  private readonly sourceIds = new Map<WriteOrigin, number>();
  private readonly connectionsById = new Map<number, Connection>();
  private queue: Promise<void> = Promise.resolve();
  private readonly stopFollowing: (() => void)[] = [];
  private stopInbox: (() => void) | null = null;
  /** Whether `start` is queued or running: one that failed (storage or bus) is tried again at the next tick. */
  private starting = false;
  /** Ticks in a row at which nobody held the lease: a follower takes the room at CLAIM_AFTER_TICKS. */
  private ownerMissing = 0;
  /** A renewal or a look at the lease is on its way: while the bus is away, ticks do not pile more up. */
  private asking = false;
  private readonly streams: ReturnType<typeof streamsOf>;

  constructor(
    private readonly room: Room,
    private readonly cluster: Cluster,
  ) {
    this.streams = streamsOf(room.name);
    room.presence.share((entry) => this.publishPresence(entry));
  }

  /** Read through a getter: the role changes while a step awaits. */
  private get closed(): boolean {
    return this.role === 'closed';
  }

  get owning(): boolean {
    return this.role === 'owning';
  }

  get following(): boolean {
    return this.role === 'following';
  }

  loaded(seq: number): void {
    this.known = seq;
    this.restart();
  }

  forward(update: Uint8Array, connection: Connection): void {
    const forward = this.cluster.nextForward();
    const write: PendingWrite = { connection, update, sentAt: null };
    this.pending.set(forward, write);
    if (this.role === 'following' && this.owner !== null) this.send(forward, write);
  }

  logged(seq: number, update: Uint8Array, origin: WriteOrigin): void {
    if (seq === this.known + 1) {
      this.known = seq;
    } else if (seq > this.known) {
      // Another server wrote to the log meanwhile (it took the room while this one was cut off from the bus,
      // on a storage without fencing): what it wrote is read from the log, and this server steps down.
      this.serially(async () => {
        if (this.role === 'owning') this.stepDown('another server wrote to the log');
        await this.catchUp(false);
      });
    }
    const source: WriteSource =
      origin instanceof ForwardedWriter
        ? origin.source
        : { server: this.cluster.serverId, connection: this.sourceId(origin) };
    this.publishUpdate(seq, update, source);
  }

  left(connection: Connection): void {
    const id = this.sourceIds.get(connection);
    if (id !== undefined) this.connectionsById.delete(id);
    this.sourceIds.delete(connection);
    // Its client sends them again, with everything else it has, when it connects anywhere.
    for (const [forward, write] of this.pending) {
      if (write.connection === connection) this.pending.delete(forward);
    }
  }

  close(): void {
    if (this.role === 'closed') return;
    const owned = this.role === 'owning' || this.role === 'taking';
    this.role = 'closed';
    this.stopInbox?.();
    for (const stop of this.stopFollowing.splice(0)) stop();
    this.pending.clear();
    this.cluster.forget(this);
    if (!owned) return;
    const { bus } = this.cluster;
    this.cluster.track(
      (async () => {
        // A server that lost the room to another (a storage conflict) has nothing to hand over.
        if (!(await bus.release(this.streams.lease))) return;
        await bus.append(
          this.streams.log,
          encodeLogMessage({ type: 'released', server: bus.serverId }),
          LOG_STREAM_LENGTH,
        );
      })(),
    );
  }

  /**
   * Called every tick: the owner renews its lease; a follower takes the room when nobody held the lease for
   * CLAIM_AFTER_TICKS ticks (after a Redis restart, the owner renews within a tick: it keeps its room), and
   * sends again what went unanswered.
   */
  tick(now: number, resendAfterMs: number): void {
    if (this.role === 'starting' && !this.starting) this.restart();
    if (this.role === 'owning' || this.role === 'taking') this.renew();
    if (this.role !== 'following') return;
    if (!this.asking) {
      this.asking = true;
      this.serially(() => this.checkOwner().finally(() => (this.asking = false)));
    }
    if (this.owner === null) return;
    for (const [forward, write] of this.pending) {
      if (write.sentAt !== null && now - write.sentAt >= resendAfterMs) this.send(forward, write);
    }
  }

  /**
   * The owner (or a server taking the room over, which may wait long for a storage that is away) keeps its
   * lease, or steps down when another server took it.
   */
  private renew(): void {
    if ((this.role !== 'owning' && this.role !== 'taking') || this.asking) return;
    this.asking = true;
    this.cluster.bus
      .renew(this.streams.lease, this.cluster.leaseTtlMs)
      .then(
        (kept) => {
          if (kept) return;
          if (this.role === 'taking') {
            // The takeover sees this once the storage answers, and gives up.
            this.role = 'following';
            this.owner = null;
            return;
          }
          this.serially(async () => {
            if (this.role === 'owning') this.stepDown('another server holds the lease');
          });
        },
        (error: unknown) =>
          this.cluster.logger.warn('lease not renewed', { room: this.room.name, error: String(error) }),
      )
      .finally(() => {
        this.asking = false;
      });
  }

  /** The bus is back after an outage: what it lost is read from the log, and unanswered writes sent again. */
  reconnected(): void {
    if (this.role === 'starting' || this.closed) return;
    this.serially(async () => {
      if (this.role === 'following') await this.catchUp(false);
    });
    this.renew();
    this.resendPending();
  }

  /** What became of a write this server forwarded. */
  answered(forward: number, outcome: Outcome): void {
    const write = this.pending.get(forward);
    if (!write) return;
    this.pending.delete(forward);
    deliver(write.connection, outcome);
  }

  /** The servers whose connections' presence the room shows. */
  remoteServers(): Set<string> {
    return this.room.presence.remoteServers();
  }

  dropServer(server: string): void {
    this.room.presence.dropServer(server);
  }

  /**
   * Follows the log stream from its current end, then reads the log after what the document holds (so
   * nothing logged in between is missed, and what arrives twice is skipped by its position), then the
   * presence of the other servers' connections, then tries to take the room.
   */
  private restart(): void {
    this.starting = true;
    this.serially(async () => {
      try {
        await this.start();
      } finally {
        this.starting = false;
      }
    });
  }

  private async start(): Promise<void> {
    const { bus } = this.cluster;
    for (const stop of this.stopFollowing.splice(0)) stop();
    const tail = await bus.tail(this.streams.log);
    if (this.closed) return;
    this.stopFollowing.push(
      bus.follow(this.streams.log, tail, (entry) => {
        const message = decodeLogMessage(entry.message);
        this.serially(() => this.onLogMessage(message));
      }),
    );
    await this.catchUp(false);
    if (this.closed) return;
    this.stopFollowing.push(
      bus.follow(this.streams.presence, STREAM_START, (entry) => {
        const { server, ...presence } = decodePresenceMessage(entry.message);
        if (server !== bus.serverId) this.room.presence.applyRemote(server, presence);
      }),
    );
    this.role = 'following';
    await this.claim();
  }

  private async onLogMessage(message: LogMessage): Promise<void> {
    if (this.closed) return;
    const { serverId } = this.cluster;
    if (message.type === 'released') {
      if (message.server === serverId || this.role !== 'following') return;
      this.owner = null;
      await this.claim();
      return;
    }
    if (message.type === 'owner') {
      if (message.server === serverId) return;
      if (this.role === 'owning') this.stepDown(`${message.server} took the room`);
      this.setOwner(message.server);
      return;
    }
    this.cluster.noteLag(message.at);
    if (message.seq <= this.known) return;
    if (this.role === 'owning') this.stepDown('another server logged a write');
    if (this.role === 'starting') return;
    if (message.seq === this.known + 1 && message.update !== null) {
      this.cluster.counters.updatesReceived += 1;
      this.apply(message.seq, message.update, message.source);
      return;
    }
    // Positions the bus lost (or an update too large for it): the log has them.
    if (message.seq > this.known + 1) this.cluster.counters.gapsFilled += 1;
    await this.catchUp(false, message.seq);
  }

  /** Applies what the log holds after the document, up to `until` when given; republishes it when asked. */
  private async catchUp(republish: boolean, until = Number.POSITIVE_INFINITY): Promise<void> {
    const { storage } = this.cluster;
    while (this.known < until && !this.closed) {
      const limit = Math.min(CATCH_UP_PAGE, until - this.known);
      const entries = await storage.readLog(this.room.name, { after: this.known, limit });
      for (const entry of entries) {
        if (entry.seq !== this.known + 1 || this.closed) return;
        this.apply(entry.seq, entry.update, NO_SOURCE);
        if (!republish) continue;
        this.cluster.counters.republished += 1;
        this.publishUpdate(entry.seq, entry.update, NO_SOURCE);
      }
      if (entries.length < limit) return;
    }
  }

  private apply(seq: number, update: Uint8Array, source: WriteSource): void {
    const except =
      source.server === this.cluster.serverId ? this.connectionsById.get(source.connection) : undefined;
    this.room.applyLogged(update, except);
    this.known = seq;
  }

  private async checkOwner(): Promise<void> {
    if (this.role !== 'following') return;
    const holder = await this.cluster.bus.holder(this.streams.lease);
    if (holder === null) {
      this.ownerMissing += 1;
      if (this.ownerMissing >= CLAIM_AFTER_TICKS) await this.claim();
      return;
    }
    this.ownerMissing = 0;
    // Taken by this server in a takeover that failed: let go, so that any server may take it again.
    if (holder === this.cluster.serverId) await this.cluster.bus.release(this.streams.lease);
    else this.setOwner(holder);
  }

  /** Takes the lease when nobody holds it; else notes who does. */
  private async claim(): Promise<void> {
    if (this.role !== 'following' || this.room.hasFailed) return;
    const { bus } = this.cluster;
    const claim = await bus.claim(this.streams.lease, this.cluster.leaseTtlMs, this.streams.inbox);
    if (this.role !== 'following') {
      // Closed meanwhile: a lease just taken goes back at once.
      if (claim.inboxTail !== undefined) await bus.release(this.streams.lease);
      return;
    }
    if (claim.inboxTail === undefined) {
      this.setOwner(claim.owner);
      return;
    }
    await this.takeOver(claim.inboxTail);
  }

  /**
   * Before applying writes, the new owner reads the log to its end (the previous owner may have died between
   * storing an update and publishing it: those are published again) and has the storage load the room,
   * which makes a storage shared by servers learn where the log ends. Then it takes the writes forwarded
   * since the lease was taken, and applies its own clients' that were waiting.
   */
  private async takeOver(inboxTail: string): Promise<void> {
    this.role = 'taking';
    this.owner = this.cluster.serverId;
    this.cluster.counters.leaseChanges += 1;
    const { bus, storage, logger } = this.cluster;
    let sinceSnapshot: number;
    try {
      ({ sinceSnapshot } = await storage.load(this.room.name));
      await this.catchUp(true);
    } catch (error) {
      logger.warn('room not taken over: storage failed', { room: this.room.name, error: String(error) });
      this.role = 'following';
      this.owner = null;
      await bus.release(this.streams.lease);
      return;
    }
    if (this.role !== 'taking') return;
    this.room.own(this.known, sinceSnapshot);
    this.role = 'owning';
    logger.info('room taken over', { room: this.room.name, seq: this.known });
    this.publish({ type: 'owner', server: bus.serverId, seq: this.known });
    this.stopInbox = bus.follow(this.streams.inbox, inboxTail, (entry) => {
      this.applyForwarded(decodeForwardedWrite(entry.message));
    });
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { connection, update } of waiting) applyOwn(this.room, connection, update);
  }

  private stepDown(why: string): void {
    this.cluster.logger.warn('room no longer owned here', { room: this.room.name, why });
    this.role = 'following';
    this.owner = null;
    this.stopInbox?.();
    this.stopInbox = null;
    this.room.disown();
    this.cluster.counters.leaseChanges += 1;
  }

  private setOwner(owner: string): void {
    if (this.owner === owner) return;
    this.owner = owner;
    // Writes that went to a previous owner may be lost with it; the same updates again change nothing.
    this.resendPending();
  }

  private resendPending(): void {
    if (this.role !== 'following' || this.owner === null) return;
    for (const [forward, write] of this.pending) this.send(forward, write);
  }

  private send(forward: number, write: PendingWrite): void {
    write.sentAt = Date.now();
    this.cluster.counters.writesForwarded += 1;
    const { connection, update } = write;
    const message: ForwardedWrite = {
      source: { server: this.cluster.serverId, connection: this.sourceId(connection) },
      forward,
      actor: connection.actor,
      writer: connection.writer,
      update,
    };
    this.cluster.bus
      .append(this.streams.inbox, encodeForwardedWrite(message), INBOX_STREAM_LENGTH)
      .catch((error: unknown) =>
        this.cluster.logger.warn('write not forwarded', { room: this.room.name, error: String(error) }),
      );
  }

  /** A write forwarded by another server: applied as a local one, its outcome sent back once it is durable. */
  private applyForwarded(write: ForwardedWrite): void {
    if (this.role !== 'owning' || this.room.hasFailed) return;
    const answer = (outcome: Outcome) =>
      this.cluster.answer(write.source.server, { room: this.room.name, forward: write.forward, outcome });
    let problem: ReturnType<Room['applyWrite']>;
    try {
      problem = this.room.applyWrite(write.update, new ForwardedWriter(write, answer));
    } catch {
      answer({ malformed: true });
      return;
    }
    if (problem !== null) answer({ refused: problem });
    else this.room.inOrder(() => answer({ accepted: true }));
  }

  private publishUpdate(seq: number, update: Uint8Array, source: WriteSource): void {
    const small = update.byteLength <= MAX_BUS_UPDATE_BYTES;
    this.publish({ type: 'update', seq, source, at: Date.now(), update: small ? update : null });
  }

  private publish(message: LogMessage): void {
    this.cluster.bus
      .append(this.streams.log, encodeLogMessage(message), LOG_STREAM_LENGTH)
      .catch((error: unknown) =>
        this.cluster.logger.warn('log message not published', { room: this.room.name, error: String(error) }),
      );
  }

  private publishPresence(entry: PresenceEntry): void {
    if (this.closed) return;
    const message = encodePresenceMessage({ server: this.cluster.serverId, ...entry });
    this.cluster.bus
      .append(this.streams.presence, message, PRESENCE_STREAM_LENGTH)
      .catch((error: unknown) =>
        this.cluster.logger.warn('presence not published', { room: this.room.name, error: String(error) }),
      );
  }

  private sourceId(origin: WriteOrigin): number {
    let id = this.sourceIds.get(origin);
    if (id === undefined) {
      id = this.cluster.nextSourceId();
      this.sourceIds.set(origin, id);
      this.connectionsById.set(id, origin as Connection);
    }
    return id;
  }

  /** Runs `task` after everything queued before it; a failure is logged, and the queue goes on. */
  private serially(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.cluster.logger.error('cluster room failed a step', { room: this.room.name, error: String(error) });
    });
  }
}

/** An update read from the log: its writer is not known, so every connection is sent it. */
const NO_SOURCE: WriteSource = { server: '', connection: 0 };

/** What a write's outcome does to the connection that made it: what a local refusal would. */
function deliver(connection: Connection, outcome: Outcome): void {
  if ('refused' in outcome) connection.refuse(outcome.refused);
  else if ('overBudget' in outcome) connection.closeOverBudget(outcome.overBudget);
  else if ('malformed' in outcome) connection.close(CloseCode.malformed, 'invalid update');
}

/** A write this server's client made while the room had no owner, applied now that this server owns it. */
function applyOwn(room: Room, connection: Connection, update: Uint8Array): void {
  let problem: ReturnType<Room['applyWrite']>;
  try {
    problem = room.applyWrite(update, connection);
  } catch {
    connection.close(CloseCode.malformed, 'invalid update');
    return;
  }
  if (problem !== null) connection.refuse(problem);
}
