import { type BusEntry, type Claim, type ClusterBus, idAfter, STREAM_START } from './bus.ts';

interface Lease {
  owner: string;
  expires: number;
}

interface Following {
  stream: string;
  after: string;
  onEntry: (entry: BusEntry) => void;
}

/**
 * A cluster bus in one process, for tests: several relays share one MemoryBus, each through its own
 * `server(id)`, as servers share one Redis. Deliveries come a turn later, as from a network. A server's bus
 * can be cut off (calls wait until it is back, as ioredis queues them) or killed (nothing it sends arrives
 * any more, and its lease and heartbeat expire), to play outages and crashes.
 */
export class MemoryBus {
  private readonly streams = new Map<string, BusEntry[]>();
  private readonly leases = new Map<string, Lease>();
  private readonly heartbeats = new Map<string, number>();
  private readonly servers = new Set<MemoryBusServer>();
  private lastId = 0;

  /** This server's view of the bus. */
  server(serverId: string): MemoryBusServer {
    const server = new MemoryBusServer(this, serverId);
    this.servers.add(server);
    return server;
  }

  /** Forgets every stream, lease and heartbeat, as a Redis restart without persistence does. */
  restart(): void {
    this.streams.clear();
    this.leases.clear();
    this.heartbeats.clear();
  }

  /** @internal */
  append(stream: string, message: Uint8Array, maxLength: number): string {
    this.lastId += 1;
    const id = `${this.lastId}-0`;
    const entries = this.streams.get(stream) ?? [];
    entries.push({ id, message: message.slice() });
    if (entries.length > maxLength) entries.splice(0, entries.length - maxLength);
    this.streams.set(stream, entries);
    for (const server of this.servers) server.deliverSoon();
    return id;
  }

  /** @internal */
  tail(stream: string): string {
    return this.streams.get(stream)?.at(-1)?.id ?? STREAM_START;
  }

  /** @internal */
  range(stream: string, after: string, count: number): BusEntry[] {
    const entries = this.streams.get(stream) ?? [];
    return entries.filter((entry) => idAfter(entry.id, after)).slice(0, count);
  }

  /** @internal */
  lease(name: string): Lease | undefined {
    const lease = this.leases.get(name);
    if (lease && lease.expires <= Date.now()) {
      this.leases.delete(name);
      return undefined;
    }
    return lease;
  }

  /** @internal */
  setLease(name: string, lease: Lease | null): void {
    if (lease) this.leases.set(name, lease);
    else this.leases.delete(name);
  }

  /** @internal */
  beat(server: string, ttlMs: number): void {
    this.heartbeats.set(server, Date.now() + ttlMs);
  }

  /** @internal */
  isAlive(server: string): boolean {
    return (this.heartbeats.get(server) ?? 0) > Date.now();
  }
}

/** One server's connection to a MemoryBus. */
export class MemoryBusServer implements ClusterBus {
  connected = true;
  private killed = false;
  private closed = false;
  private readonly listeners: ((connected: boolean) => void)[] = [];
  private readonly following = new Set<Following>();
  private waiting: (() => void)[] = [];
  private delivering = false;

  constructor(
    private readonly bus: MemoryBus,
    readonly serverId: string,
  ) {}

  /** Cuts the server off: its calls wait, and nothing is delivered to it, until `reconnect`. */
  disconnect(): void {
    this.setConnected(false);
  }

  reconnect(): void {
    this.setConnected(true);
    for (const resume of this.waiting.splice(0)) resume();
    this.deliverSoon();
  }

  /** The server died: nothing it sends arrives any more, nothing reaches it, its lease and heartbeat lapse. */
  kill(): void {
    this.killed = true;
    this.connected = false;
    this.following.clear();
    this.waiting = [];
  }

  onConnection(listener: (connected: boolean) => void): void {
    this.listeners.push(listener);
  }

  async append(stream: string, message: Uint8Array, maxLength: number): Promise<string> {
    await this.reachable();
    return this.bus.append(stream, message, maxLength);
  }

  async tail(stream: string): Promise<string> {
    await this.reachable();
    return this.bus.tail(stream);
  }

  async range(stream: string, after: string, count: number): Promise<BusEntry[]> {
    await this.reachable();
    return this.bus.range(stream, after, count);
  }

  follow(stream: string, after: string, onEntry: (entry: BusEntry) => void): () => void {
    const following = { stream, after, onEntry };
    if (!this.killed) this.following.add(following);
    this.deliverSoon();
    return () => this.following.delete(following);
  }

  async claim(lease: string, ttlMs: number, inbox: string): Promise<Claim> {
    await this.reachable();
    const held = this.bus.lease(lease);
    if (held) return { owner: held.owner };
    this.bus.setLease(lease, { owner: this.serverId, expires: Date.now() + ttlMs });
    return { owner: this.serverId, inboxTail: this.bus.tail(inbox) };
  }

  async holder(lease: string): Promise<string | null> {
    await this.reachable();
    return this.bus.lease(lease)?.owner ?? null;
  }

  async renew(lease: string, ttlMs: number): Promise<boolean> {
    await this.reachable();
    const held = this.bus.lease(lease);
    if (held && held.owner !== this.serverId) return false;
    this.bus.setLease(lease, { owner: this.serverId, expires: Date.now() + ttlMs });
    return true;
  }

  async release(lease: string): Promise<boolean> {
    await this.reachable();
    if (this.bus.lease(lease)?.owner !== this.serverId) return false;
    this.bus.setLease(lease, null);
    return true;
  }

  async beat(ttlMs: number): Promise<void> {
    await this.reachable();
    this.bus.beat(this.serverId, ttlMs);
  }

  async alive(servers: readonly string[]): Promise<Set<string>> {
    await this.reachable();
    return new Set(servers.filter((server) => this.bus.isAlive(server)));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.following.clear();
  }

  /** @internal Delivers, a turn later, what the streams followed hold after each position. */
  deliverSoon(): void {
    if (this.delivering) return;
    this.delivering = true;
    setImmediate(() => {
      this.delivering = false;
      if (!this.connected || this.closed) return;
      for (const following of this.following) {
        for (const entry of this.bus.range(following.stream, following.after, Number.POSITIVE_INFINITY)) {
          if (!this.following.has(following)) break;
          following.after = entry.id;
          following.onEntry(entry);
        }
      }
    });
  }

  /** Resolves once the bus answers; never for a killed server. */
  private reachable(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => {
      if (!this.killed) this.waiting.push(resolve);
    });
  }

  private setConnected(connected: boolean): void {
    if (this.killed || this.connected === connected) return;
    this.connected = connected;
    for (const listener of this.listeners) listener(connected);
  }
}
