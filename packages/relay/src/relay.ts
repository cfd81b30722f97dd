import { CloseCode } from '@kompas/protocol';
import { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { BUDGET_REASONS, type Budget, budgetCounts } from './budgets.ts';
import { Cluster, type ClusterOptions, type ClusterStats } from './cluster/cluster.ts';
import { Connection, type ConnectionSettings } from './connection.ts';
import { ConnectionLimits } from './connection-limits.ts';
import { defaultLogger, type RelayLogger } from './logger.ts';
import { pendingBytes } from './pending.ts';
import type { PresenceCheck } from './presence-entries.ts';
import { DEFAULT_PRESENCE_UPDATES_PER_SECOND } from './presence-throttle.ts';
import { RefusedWrites } from './refused-writes.ts';
import { Room, type WriteFollower } from './room.ts';
import type { Storage } from './storage.ts';
import { type BudgetGroup, StoredBytes } from './stored-bytes.ts';
import type { ChangeValidator, UpdatePrecheck, Writer } from './write-check.ts';

export interface RelayOptions {
  storage: Storage;
  logger?: RelayLogger;
  /**
   * Snapshot a room after this many updates (default 500), so loading stays fast; a large board waits until
   * the log since its last snapshot holds half that snapshot's bytes (see Room).
   */
  snapshotEvery?: number;
  /** Milliseconds between pings (default 30 000); a connection that did not pong by the next ping is closed. */
  pingInterval?: number;
  /**
   * Largest frame accepted, in bytes (default 1 MiB); larger ones close the connection with 1009. Give the
   * WebSocket server the same `maxPayload`, so ws refuses a larger frame from its header, before buffering it.
   */
  maxFrameBytes?: number;
  /**
   * Bytes a second one connection may keep sending (default 1 MiB), and how many it may send at once
   * (`burstBytes`, default 4 MiB; at least `maxFrameBytes`, or the largest frames could never pass). A client
   * that sends more is closed with 4429. Infinity: no limit.
   */
  bytesPerSecond?: number;
  burstBytes?: number;
  /**
   * Milliseconds a client may take to finish a frame (or a fragmented message) it has started (default
   * 15 000); past it the connection is closed with 4429, so half-sent frames cannot hold memory for long.
   * Infinity: no deadline.
   */
  frameDeadlineMs?: number;
  /**
   * Connections one client address may hold open at once (default 128), and one room (default 256); the
   * server tells the address to `admit`. Infinity: no limit.
   */
  maxConnectionsPerAddress?: number;
  maxConnectionsPerRoom?: number;
  /**
   * Writes a room's checks refused (4422, or a budget they keep) that one client address may have in a minute
   * (default 10) before it may open no room until they age out (4429): a refusal of the validator costs the
   * room a rebuild of its document. Infinity: no limit.
   */
  maxRefusedWritesPerMinute?: number;
  /**
   * Bytes a room's document may hold waiting for missing parts (default 2 MiB): a write that takes it past
   * this closes its writer with 4429 and the room drops what is pending. What is still pending after a ping
   * interval is dropped too. Infinity: no limit (what is stale is still dropped).
   */
  maxPendingBytes?: number;
  /**
   * Bytes the logs of a budget group (see `budgetGroup`) may hold (default 256 MiB): a write that would take
   * them past it is refused, and its writer closed with 4429. Infinity: no limit.
   */
  maxStoredBytes?: number;
  /** The rooms whose logs share a room's stored-bytes budget, e.g. a board's rooms; by default each room alone. */
  budgetGroup?: (room: string) => BudgetGroup;
  /**
   * Most bytes waiting to be sent to one client (default 16 MiB). A client that reads slower than its room
   * changes is cut off past this, rather than the server holding an ever-growing backlog for it; it
   * reconnects and catches up through sync, which sends only what it misses.
   */
  maxBufferedBytes?: number;
  /**
   * The validator for a room's writes, or undefined to accept every well-formed update. A write it refuses is
   * neither applied, stored nor relayed, and closes its sender's connection with 4422.
   */
  validator?: (room: string) => ChangeValidator | undefined;
  /**
   * The check a room's presence states go through, or undefined to keep any state that fits in
   * MAX_PRESENCE_STATE_BYTES. The check is given the state and who publishes it, and returns the state to
   * keep and relay (its clean copy), or null: then the update is dropped and counted, never relayed or stored.
   */
  presenceCheck?: (room: string) => PresenceCheck | undefined;
  /**
   * Most presence updates passed on per connection and second (default 20). One that comes sooner is held,
   * the latest replacing it, and passed on when its time comes.
   */
  presenceUpdatesPerSecond?: number;
  /** Whether a room's presence (names, cursors) is recorded for replays; none is by default. */
  recordPresence?: (room: string) => boolean;
  /**
   * Most presence samples recorded of one person in a room, counting those stored before (default
   * DEFAULT_MAX_PRESENCE_SAMPLES_PER_PERSON: eight hours at the recording rate); past it theirs are not stored.
   */
  maxPresenceSamplesPerPerson?: number;
  /**
   * Most presence samples recorded of a room, counting those stored before (default
   * DEFAULT_MAX_PRESENCE_SAMPLES_PER_ROOM: ten people's ceilings); past it none are stored.
   */
  maxPresenceSamplesPerRoom?: number;
  /**
   * What follows a room's writes into something kept beside its log, e.g. an index (see WriteFollower); given
   * the room's document before anything is loaded into it.
   */
  followWrites?: (room: string, doc: Y.Doc) => WriteFollower | undefined;
  /**
   * A check of a room's writes from the update alone, run before the validator: what it refuses (4422) is never
   * applied, so costs no rebuild of the room's document. Undefined: none.
   */
  precheck?: (room: string) => UpdatePrecheck | undefined;
  /**
   * The room whose document a room's validator reads beside the room's own (a board's facilitation state, for
   * the rules on its notes), or undefined. It is loaded first and stays loaded while the room is.
   */
  companion?: (room: string) => string | undefined;
  /**
   * Makes the relay one of several servers sharing the storage and a bus (Redis): each room is owned by one
   * server at a time, which checks, stores and snapshots its writes; the others pass their clients' writes on
   * to it and relay what it logged (see cluster/). Without it, the relay is the only server of its rooms.
   */
  cluster?: ClusterOptions;
}

/** Decided by the server at the upgrade (token, role); the relay only enforces it. */
export interface ConnectionParams {
  room: string;
  /** Document writes are dropped and counted; the connection still receives everything and has presence. */
  readOnly: boolean;
  /**
   * The connection writes but never reads: it receives nothing of the room (no document, no updates, no
   * presence), and its presence is not passed on. For drafts that only their author and the facilitators
   * may see: each author adds to a room that only facilitators read.
   */
  writeOnly?: boolean;
  /** Recorded with every update the connection makes: role and a connection id, never a secret. */
  actor: string;
  /** Who writes, for the room's validator; defaults to the actor, with no role. */
  writer?: Writer;
}

export interface RelayStats {
  /** Rooms in memory. */
  rooms: number;
  connections: number;
  /** Document writes dropped from read-only connections since the relay started. */
  droppedWrites: number;
  /** Document writes refused by a room's validator since the relay started. */
  rejectedWrites: number;
  /** Clients refused or closed since the relay started, per budget they passed. */
  overBudget: Record<Budget, number>;
  /** Presence updates dropped since the relay started: for another client, too large, or refused by the check. */
  droppedPresence: number;
  /** When the relay is a server of a cluster. */
  cluster?: ClusterStats;
}

/** Where a connection comes from, to count it against the connection budgets before it is handed over. */
export interface Admission {
  room: string;
  /** The client's address, as the server keys it (e.g. an IPv6 client by its /64 network). */
  address: string;
}

export interface RoomStats {
  connections: number;
  /** Document writes dropped from read-only connections since the room was loaded. */
  droppedWrites: number;
  /** Document writes refused by the room's validator since the room was loaded. */
  rejectedWrites: number;
  /** Bytes the room's document holds waiting for missing parts. */
  pendingBytes: number;
  /** Times the room's whole state was encoded to answer sync requests (once per version at most). */
  stateEncodings: number;
  /** Times the room's document was rebuilt to take out a refused write. */
  rebuilds: number;
  /** Presence updates dropped since the room was loaded. */
  droppedPresence: number;
}

export const DEFAULT_SNAPSHOT_EVERY = 500;
export const DEFAULT_PING_INTERVAL = 30_000;
export const DEFAULT_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/**
 * A sync message holds a whole change; a client's first sync holds all it has that the room lacks. 1 MiB is
 * a board of over a thousand full notes, and the most a client can make the server buffer at once.
 */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
/**
 * A person typing, dragging and moving a cursor sends a few kilobytes a second; 1 MiB a second sustained and
 * 4 MiB at once (four of the largest frames: a first sync and what follows it) is far above that, and stops a
 * client that writes as fast as it can (which would grow the database by the same amount) within seconds.
 */
export const DEFAULT_BYTES_PER_SECOND = 1024 * 1024;
export const DEFAULT_BURST_BYTES = 4 * 1024 * 1024;
/** The largest frame takes 8.4 s at 1 Mbit/s, a poor mobile uplink; the deadline leaves room for that. */
export const DEFAULT_FRAME_DEADLINE_MS = 15_000;
/** Forty people behind one office address, each with a board's three rooms open, and some spare tabs. */
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 128;
/** A large workshop (a hundred people) with a second tab each, and then some. */
export const DEFAULT_MAX_CONNECTIONS_PER_ROOM = 256;
/** Honest clients leave at most a few updates waiting for a moment; two of the largest frames fit. */
export const DEFAULT_MAX_PENDING_BYTES = 2 * 1024 * 1024;
/** An honest browser is refused once, then asks its person what to do: ten a minute is already hostile. */
export const DEFAULT_MAX_REFUSED_WRITES_PER_MINUTE = 10;
/** Thousands of times what a day-long workshop writes, yet a full disk needs many boards, each made by someone. */
export const DEFAULT_MAX_STORED_BYTES = 256 * 1024 * 1024;

/**
 * Rooms keyed by name, loaded on the first connection and unloaded (flushed, document destroyed) when the
 * last one leaves. Speaks the standard y-websocket protocol, so the official client works unchanged.
 */
export class Relay {
  private readonly storage: Storage;
  private readonly logger: RelayLogger;
  private readonly snapshotEvery: number;
  private readonly maxFrameBytes: number;
  private readonly maxBufferedBytes: number;
  private readonly rooms = new Map<string, Room>();
  private readonly connections = new Set<Connection>();
  private readonly validatorFor: RelayOptions['validator'];
  private readonly recordPresenceFor: RelayOptions['recordPresence'];
  private readonly presenceCeilings: Pick<
    RelayOptions,
    'maxPresenceSamplesPerPerson' | 'maxPresenceSamplesPerRoom'
  >;
  private readonly followWritesOf: RelayOptions['followWrites'];
  private readonly companionOf: RelayOptions['companion'];
  private readonly precheckFor: RelayOptions['precheck'];
  private readonly overBudget = budgetCounts();
  /** What every connection is given to keep to its budgets. */
  private readonly connectionBudgets: Pick<
    ConnectionSettings,
    'bytesPerSecond' | 'burstBytes' | 'frameDeadlineMs' | 'onOverBudget'
  >;
  private readonly connectionLimits: ConnectionLimits;
  private readonly refusedWrites: RefusedWrites;
  /** The address each admitted socket came from, for counting its refused writes. */
  private readonly addresses = new WeakMap<WebSocket, string>();
  private readonly maxPendingBytes: number;
  private readonly storedBytes: StoredBytes | null;
  private readonly counters = { droppedWrites: 0, rejectedWrites: 0, droppedPresence: 0 };
  private readonly presenceCheckFor: RelayOptions['presenceCheck'];
  private readonly presenceIntervalMs: number;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly cluster: Cluster | null;
  private closing: Promise<void> | null = null;

  constructor(options: RelayOptions) {
    this.storage = options.storage;
    this.logger = options.logger ?? defaultLogger;
    this.snapshotEvery = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.validatorFor = options.validator;
    this.recordPresenceFor = options.recordPresence;
    this.presenceCheckFor = options.presenceCheck;
    this.presenceIntervalMs =
      1000 / (options.presenceUpdatesPerSecond ?? DEFAULT_PRESENCE_UPDATES_PER_SECOND);
    this.presenceCeilings = {
      maxPresenceSamplesPerPerson: options.maxPresenceSamplesPerPerson,
      maxPresenceSamplesPerRoom: options.maxPresenceSamplesPerRoom,
    };
    this.followWritesOf = options.followWrites;
    this.companionOf = options.companion;
    this.precheckFor = options.precheck;
    this.connectionBudgets = {
      bytesPerSecond: options.bytesPerSecond ?? DEFAULT_BYTES_PER_SECOND,
      burstBytes: options.burstBytes ?? Math.max(DEFAULT_BURST_BYTES, this.maxFrameBytes),
      frameDeadlineMs: options.frameDeadlineMs ?? DEFAULT_FRAME_DEADLINE_MS,
      onOverBudget: (budget) => {
        this.overBudget[budget] += 1;
      },
    };
    if (this.connectionBudgets.burstBytes < this.maxFrameBytes) {
      throw new RangeError(
        `burstBytes (${this.connectionBudgets.burstBytes}) must be at least maxFrameBytes (${this.maxFrameBytes})`,
      );
    }
    this.connectionLimits = new ConnectionLimits({
      perAddress: options.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
      perRoom: options.maxConnectionsPerRoom ?? DEFAULT_MAX_CONNECTIONS_PER_ROOM,
    });
    this.maxPendingBytes = options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES;
    this.refusedWrites = new RefusedWrites(
      options.maxRefusedWritesPerMinute ?? DEFAULT_MAX_REFUSED_WRITES_PER_MINUTE,
    );
    const maxStoredBytes = options.maxStoredBytes ?? DEFAULT_MAX_STORED_BYTES;
    const budgetGroup = options.budgetGroup ?? ((room: string) => ({ id: room, rooms: [room] }));
    this.storedBytes = Number.isFinite(maxStoredBytes)
      ? new StoredBytes(this.storage, maxStoredBytes, budgetGroup)
      : null;
    this.cluster = options.cluster ? new Cluster(options.cluster, this.storage, this.logger) : null;
    const pingInterval = options.pingInterval ?? DEFAULT_PING_INTERVAL;
    this.pingTimer = setInterval(() => {
      for (const connection of Array.from(this.connections)) connection.heartbeat();
      for (const room of this.rooms.values()) room.dropStalePending(pingInterval);
    }, pingInterval);
    // The relay alone should not keep a process alive; the server's listening socket does that.
    this.pingTimer.unref();
  }

  /** Takes over an open WebSocket whose upgrade the server has already authorised. */
  handleConnection(
    ws: WebSocket,
    {
      room: name,
      readOnly,
      writeOnly = false,
      actor,
      writer = { person: actor, role: '' },
    }: ConnectionParams,
  ): void {
    if (this.closing) {
      ws.close(CloseCode.goingAway, 'server shutting down');
      return;
    }
    if (ws.readyState !== WebSocket.OPEN) return;
    const room = this.openRoom(name);
    const connection = new Connection(ws, room, {
      writer,
      readOnly,
      writeOnly,
      actor,
      maxFrameBytes: this.maxFrameBytes,
      maxBufferedBytes: this.maxBufferedBytes,
      ...this.connectionBudgets,
      presenceIntervalMs: this.presenceIntervalMs,
      onRefused: () => {
        const address = this.addresses.get(ws);
        if (address !== undefined) this.refusedWrites.record(address);
      },
      logger: this.logger,
      onClose: () => this.onConnectionClosed(connection, room),
    });
    this.connections.add(connection);
    room.join(connection);
    void room.ready.then(() => connection.start());
  }

  /**
   * Counts a new WebSocket against the connection budgets (per address, per room), before it is handed to
   * `handleConnection`; it is counted until it closes. Past a budget it is closed with 4429 and false returned.
   */
  admit(ws: WebSocket, { room, address }: Admission): boolean {
    const passed = this.refusedWrites.allows(address)
      ? this.connectionLimits.take(address, room)
      : 'refusedWrites';
    if (passed !== null) {
      this.overBudget[passed] += 1;
      this.logger.warn('client over budget, refused', { room, budget: passed });
      ws.on('error', () => ws.terminate()); // nobody else listens to this socket
      ws.close(CloseCode.overBudget, BUDGET_REASONS[passed]);
      return false;
    }
    this.addresses.set(ws, address);
    ws.once('close', () => this.connectionLimits.release(address, room));
    return true;
  }

  stats(): RelayStats {
    return {
      rooms: this.rooms.size,
      connections: this.connections.size,
      ...this.counters,
      overBudget: { ...this.overBudget },
      ...(this.cluster && { cluster: this.cluster.stats() }),
    };
  }

  /** Undefined when the room is not in memory. */
  roomStats(name: string): RoomStats | undefined {
    const room = this.rooms.get(name);
    return (
      room && {
        connections: room.connections.size,
        droppedWrites: room.droppedWrites,
        rejectedWrites: room.rejectedWrites,
        pendingBytes: pendingBytes(room.doc),
        stateEncodings: room.syncAnswers.encodings,
        rebuilds: room.rebuilds,
        droppedPresence: room.droppedPresence,
      }
    );
  }

  /** Resolves once every update received so far is durable and relayed. */
  async flush(): Promise<void> {
    await Promise.all(Array.from(this.rooms.values(), (room) => room.flush()));
    await this.storage.flush();
  }

  /** Closes every connection (1001), flushes and unloads every room, then closes the storage. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    clearInterval(this.pingTimer);
    for (const connection of Array.from(this.connections)) {
      connection.close(CloseCode.goingAway, 'server shutting down');
    }
    await Promise.all(Array.from(this.rooms.values(), (room) => this.unloadWhenEmpty(room)));
    // Companions whose holders unloaded meanwhile.
    await Promise.all(Array.from(this.rooms.values(), (room) => this.unloadWhenEmpty(room)));
    await this.cluster?.close();
    await this.storage.close();
  }

  private openRoom(name: string): Room {
    let room = this.rooms.get(name);
    if (!room) {
      const companionName = this.companionOf?.(name);
      const companion = companionName && companionName !== name ? this.openRoom(companionName) : undefined;
      if (companion) companion.holders += 1;
      const { cluster } = this;
      room = new Room(name, {
        companion,
        storage: this.storage,
        logger: this.logger,
        snapshotEvery: this.snapshotEvery,
        counters: this.counters,
        validator: this.validatorFor?.(name),
        precheck: this.precheckFor?.(name),
        presenceCheck: this.presenceCheckFor?.(name),
        recordPresence: this.recordPresenceFor?.(name) ?? false,
        ...this.presenceCeilings,
        followWrites: (doc) => this.followWritesOf?.(name, doc),
        maxPendingBytes: this.maxPendingBytes,
        ...(this.storedBytes && { storedBytes: this.storedBytes.share(name) }),
        onFailed: (failed) => this.forget(failed),
        ...(cluster && { cluster: (linked: Room) => cluster.link(linked) }),
      });
      this.rooms.set(name, room);
    }
    return room;
  }

  private onConnectionClosed(connection: Connection, room: Room): void {
    this.connections.delete(connection);
    room.leave(connection);
    if (room.connections.size === 0) void this.unloadWhenEmpty(room);
  }

  /**
   * Flushes the room, then unloads it unless someone joined meanwhile. The room stays findable while it
   * flushes, so a client that joins then reuses it instead of loading state that is not durable yet.
   */
  private unloadWhenEmpty(room: Room): Promise<void> {
    room.unloading ??= room.flush().then((settled) => {
      room.unloading = null;
      if (room.connections.size > 0 || room.holders > 0) return;
      // A client joined, wrote and left while we flushed: flush that too.
      if (!settled) return this.unloadWhenEmpty(room);
      this.forget(room);
      room.destroy();
      this.logger.info('room unloaded', { room: room.name });
      const { companion } = room;
      if (!companion) return;
      companion.holders -= 1;
      if (companion.connections.size === 0) return this.unloadWhenEmpty(companion);
    });
    return room.unloading;
  }

  private forget(room: Room): void {
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
  }
}

export function createRelay(options: RelayOptions): Relay {
  return new Relay(options);
}
