import type { RelayLogger } from '../logger.ts';
import type { Room } from '../room.ts';
import type { Storage } from '../storage.ts';
import { type ClusterBus, STREAM_START } from './bus.ts';
import { ClusterRoom } from './cluster-room.ts';
import { decodeVerdict, encodeVerdict, type Verdict, verdictStream } from './messages.ts';
import { within } from './within.ts';

/** Turns a relay into one server of a cluster (see RelayOptions.cluster). */
export interface ClusterOptions {
  /** What the servers share: Redis (createRedisBus) or, in tests, a MemoryBus. The relay closes it. */
  bus: ClusterBus;
  /**
   * How long a room's owner holds it without renewing (default 10 000 ms; at least three ticks): after an
   * owner dies, its rooms take writes again once this and two ticks have passed.
   */
  leaseTtlMs?: number;
  /**
   * How often (default 1000 ms) owners renew their leases, followers look for rooms nobody owns and send
   * again writes not answered for a few ticks, and the server says it is alive and drops the presence of
   * servers that stopped saying so.
   */
  tickMs?: number;
}

export const DEFAULT_LEASE_TTL_MS = 10_000;
export const DEFAULT_CLUSTER_TICK_MS = 1000;
/** A forwarded write not answered within this many ticks is sent again (Yjs updates are idempotent). */
const RESEND_AFTER_TICKS = 5;
/** The bus lag's maximum is over this window (and the one before it). */
const LAG_WINDOW_MS = 10_000;
/** How long closing waits for the leases of the rooms to be released. */
const RELEASE_WAIT_MS = 2000;
/** Verdicts a server's verdict stream keeps. */
const VERDICT_STREAM_LENGTH = 5000;

export interface ClusterStats {
  /** Whether the bus answers: readiness. */
  busConnected: boolean;
  roomsOwned: number;
  roomsFollowed: number;
  /** Since the relay started: writes sent to another server's room (again, when unanswered), */
  writesForwarded: number;
  /** logged updates applied from the bus, */
  updatesReceived: number;
  /** gaps in what the bus delivered, filled from the log, */
  gapsFilled: number;
  /** logged updates published again by a new owner, */
  republished: number;
  /** and rooms taken over or given up. */
  leaseChanges: number;
  /** Milliseconds from publishing a logged update to its arrival here: the last one, */
  busLagMs: number;
  /** and the most over the last 10 to 20 seconds. */
  busLagMaxMs: number;
}

/** Counters the rooms keep up to date. */
export interface ClusterCounters {
  writesForwarded: number;
  updatesReceived: number;
  gapsFilled: number;
  republished: number;
  leaseChanges: number;
}

/**
 * The cluster side of one relay: links its rooms to the other servers (ClusterRoom), keeps their leases and
 * this server's heartbeat, routes the verdicts on writes it forwarded, and drops the presence of servers that
 * stopped.
 */
export class Cluster {
  readonly bus: ClusterBus;
  readonly serverId: string;
  readonly leaseTtlMs: number;
  readonly counters: ClusterCounters = {
    writesForwarded: 0,
    updatesReceived: 0,
    gapsFilled: 0,
    republished: 0,
    leaseChanges: 0,
  };
  private readonly rooms = new Map<string, ClusterRoom>();
  private readonly tickMs: number;
  private readonly ticker: NodeJS.Timeout;
  private readonly stopVerdicts: () => void;
  /** Bus calls to finish before the bus closes (leases released). */
  private readonly closing = new Set<Promise<void>>();
  private forwards = 0;
  private sourceIds = 0;
  private lag = { last: 0, max: 0, previousMax: 0, windowStart: Date.now() };

  constructor(
    options: ClusterOptions,
    readonly storage: Storage,
    readonly logger: RelayLogger,
  ) {
    this.bus = options.bus;
    this.serverId = options.bus.serverId;
    this.leaseTtlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
    this.tickMs = options.tickMs ?? DEFAULT_CLUSTER_TICK_MS;
    if (this.leaseTtlMs < 3 * this.tickMs) {
      throw new RangeError(
        `leaseTtlMs (${this.leaseTtlMs}) must be at least three ticks (${this.tickMs} ms each)`,
      );
    }
    this.stopVerdicts = this.bus.follow(verdictStream(this.serverId), STREAM_START, (entry) => {
      const { room, forward, outcome } = decodeVerdict(entry.message);
      this.rooms.get(room)?.answered(forward, outcome);
    });
    this.bus.onConnection((connected) => {
      if (!connected) return;
      logger.info('cluster bus connected');
      for (const room of this.rooms.values()) room.reconnected();
    });
    this.ticker = setInterval(() => this.tick(), this.tickMs);
    this.ticker.unref();
    this.beat();
  }

  /** The link of a room of this server to the others. */
  link(room: Room): ClusterRoom {
    const link = new ClusterRoom(room, this);
    this.rooms.set(room.name, link);
    return link;
  }

  /** @internal The room is unloaded. */
  forget(link: ClusterRoom): void {
    for (const [name, held] of this.rooms) if (held === link) this.rooms.delete(name);
  }

  /** @internal Keeps the bus open until `call` settles. */
  track(call: Promise<void>): void {
    const settled = call.catch((error: unknown) => {
      this.logger.warn('cluster bus call failed', { error: String(error) });
    });
    this.closing.add(settled);
    void settled.then(() => this.closing.delete(settled));
  }

  nextForward(): number {
    this.forwards += 1;
    return this.forwards;
  }

  nextSourceId(): number {
    this.sourceIds += 1;
    return this.sourceIds;
  }

  /** Sends the outcome of a write another server forwarded back to it. */
  answer(server: string, verdict: Verdict): void {
    this.bus
      .append(verdictStream(server), encodeVerdict(verdict), VERDICT_STREAM_LENGTH)
      .catch((error: unknown) => {
        this.logger.warn('verdict not sent', { room: verdict.room, error: String(error) });
      });
  }

  /** A logged update published at `at` (Date.now() there) arrived. */
  noteLag(at: number): void {
    const now = Date.now();
    this.rollLagWindow(now);
    this.lag.last = Math.max(0, now - at);
    this.lag.max = Math.max(this.lag.max, this.lag.last);
  }

  stats(): ClusterStats {
    this.rollLagWindow(Date.now());
    let roomsOwned = 0;
    let roomsFollowed = 0;
    for (const room of this.rooms.values()) {
      if (room.owning) roomsOwned += 1;
      else if (room.following) roomsFollowed += 1;
    }
    return {
      busConnected: this.bus.connected,
      roomsOwned,
      roomsFollowed,
      ...this.counters,
      busLagMs: this.lag.last,
      busLagMaxMs: Math.max(this.lag.max, this.lag.previousMax),
    };
  }

  /** The lag's maximum counts the current window and the one before it: what came in the last 10 to 20 s. */
  private rollLagWindow(now: number): void {
    const windows = Math.floor((now - this.lag.windowStart) / LAG_WINDOW_MS);
    if (windows === 0) return;
    const previousMax = windows === 1 ? this.lag.max : 0;
    this.lag = { last: this.lag.last, max: 0, previousMax, windowStart: now };
  }

  /**
   * Once every room is unloaded: stops, and closes the bus once the leases are released (a bus that does not
   * answer is waited for a few seconds at most: the leases lapse by themselves).
   */
  async close(): Promise<void> {
    clearInterval(this.ticker);
    this.stopVerdicts();
    await within(RELEASE_WAIT_MS, Promise.all(this.closing));
    await this.bus.close();
  }

  private tick(): void {
    const now = Date.now();
    for (const room of this.rooms.values()) room.tick(now, RESEND_AFTER_TICKS * this.tickMs);
    this.beat();
    void this.dropStoppedServers();
  }

  private beat(): void {
    // Beats come every tick: a server's presence outlives a missed beat or two, not its death for long.
    this.bus.beat(Math.max(this.leaseTtlMs, 3 * this.tickMs)).catch(() => {});
  }

  /** Drops the presence of the connections of servers that stopped saying they are alive. */
  private async dropStoppedServers(): Promise<void> {
    const servers = new Set<string>();
    for (const room of this.rooms.values()) for (const server of room.remoteServers()) servers.add(server);
    if (servers.size === 0) return;
    let alive: Set<string>;
    try {
      alive = await this.bus.alive([...servers]);
    } catch {
      return;
    }
    for (const server of servers) {
      if (alive.has(server)) continue;
      for (const room of this.rooms.values()) room.dropServer(server);
    }
  }
}
