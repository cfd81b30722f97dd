import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { RelayLogger } from '../logger.ts';
import { type BusEntry, type Claim, type ClusterBus, idAfter, STREAM_START } from './bus.ts';
import { within } from './within.ts';

export interface RedisBusOptions {
  /** redis://… */
  url: string;
  /** Unique in the cluster; by default the host name, the process id and a random part. */
  serverId?: string;
  /** Put in front of every key (default 'kompas:'): several clusters, or tests, can share one Redis. */
  prefix?: string;
  logger: RelayLogger;
}

/** How long one blocking read waits before it is issued again. */
const BLOCK_MS = 5000;
/** How long closing waits for Redis to answer: a server shutting down during an outage still stops. */
const CLOSE_WAIT_MS = 2000;
/** Most entries taken from the streams in one read. */
const READ_COUNT = 512;

/** Takes the lease when free; returns the holder and, when taken, the inbox's tail (atomically). */
const CLAIM = `
local owner = redis.call('GET', KEYS[1])
if owner then return {owner} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
if #last == 0 then return {ARGV[1], '${STREAM_START}'} end
return {ARGV[1], last[1][1]}`;

/** Extends our lease, or takes it again when it lapsed (a Redis restart); 0 when another server holds it. */
const RENEW = `
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

interface Following {
  after: string;
  onEntry: (entry: BusEntry) => void;
}

/**
 * The cluster bus on Redis (ioredis): streams with XADD/XRANGE, and one blocking XREAD over every stream the
 * server follows, on a connection of its own, issued again whenever that set changes (CLIENT UNBLOCK).
 * Leases are keys with a time to live, changed only by Lua scripts that compare the holder first. While
 * Redis is unreachable, ioredis queues the calls and sends them once it is back.
 */
export class RedisBus implements ClusterBus {
  readonly serverId: string;
  private readonly prefix: string;
  private readonly commands: Redis;
  private readonly reader: Redis;
  private readonly following = new Map<string, Set<Following>>();
  private readonly listeners: ((connected: boolean) => void)[] = [];
  private readerId: number | null = null;
  /** Set when the followed streams changed since the read in flight was issued. */
  private stale = false;
  private readInFlight = false;
  private wakeReader: (() => void) | null = null;
  private closed = false;
  private readonly reading: Promise<void>;
  connected = false;

  constructor(private readonly options: RedisBusOptions) {
    this.serverId = options.serverId ?? `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.prefix = options.prefix ?? 'kompas:';
    const settings = { maxRetriesPerRequest: null, protocol: 2 as const };
    // Named, so an operator (or a test) finds a server's connections in CLIENT LIST.
    this.commands = new Redis(options.url, { ...settings, connectionName: `kompas-bus:${this.serverId}` });
    this.reader = new Redis(options.url, {
      ...settings,
      connectionName: `kompas-bus-reader:${this.serverId}`,
    });
    for (const connection of [this.commands, this.reader]) {
      connection.on('error', (error: Error) => {
        options.logger.warn('redis bus error', { error: String(error) });
      });
    }
    this.commands.on('ready', () => this.setConnected(true));
    this.commands.on('close', () => this.setConnected(false));
    // A new connection has a new id, asked for before the next read (asked behind a blocked read, it would wait).
    this.reader.on('close', () => {
      this.readerId = null;
    });
    this.reading = this.readLoop();
  }

  onConnection(listener: (connected: boolean) => void): void {
    this.listeners.push(listener);
  }

  async append(stream: string, message: Uint8Array, maxLength: number): Promise<string> {
    const id = await this.commands.call(
      'XADD',
      this.key(stream),
      'MAXLEN',
      '~',
      maxLength,
      '*',
      'm',
      Buffer.from(message.buffer, message.byteOffset, message.byteLength),
    );
    return String(id);
  }

  async tail(stream: string): Promise<string> {
    const last = (await this.commands.call('XREVRANGE', this.key(stream), '+', '-', 'COUNT', 1)) as [
      string,
      unknown,
    ][];
    return last[0]?.[0] ?? STREAM_START;
  }

  async range(stream: string, after: string, count: number): Promise<BusEntry[]> {
    const entries = (await this.commands.callBuffer(
      'XRANGE',
      this.key(stream),
      `(${after}`,
      '+',
      'COUNT',
      count,
    )) as RawEntry[];
    return entries.map(toEntry);
  }

  follow(stream: string, after: string, onEntry: (entry: BusEntry) => void): () => void {
    const key = this.key(stream);
    const following: Following = { after, onEntry };
    let set = this.following.get(key);
    if (!set) {
      set = new Set();
      this.following.set(key, set);
    }
    set.add(following);
    this.restartRead();
    return () => {
      const current = this.following.get(key);
      if (!current?.delete(following)) return;
      if (current.size === 0) this.following.delete(key);
      this.restartRead();
    };
  }

  async claim(lease: string, ttlMs: number, inbox: string): Promise<Claim> {
    const [owner, inboxTail] = (await this.commands.eval(
      CLAIM,
      2,
      this.key(lease),
      this.key(inbox),
      this.serverId,
      ttlMs,
    )) as [string, string?];
    return inboxTail === undefined ? { owner } : { owner, inboxTail };
  }

  holder(lease: string): Promise<string | null> {
    return this.commands.get(this.key(lease));
  }

  async renew(lease: string, ttlMs: number): Promise<boolean> {
    return (await this.commands.eval(RENEW, 1, this.key(lease), this.serverId, ttlMs)) === 1;
  }

  async release(lease: string): Promise<boolean> {
    return (await this.commands.eval(RELEASE, 1, this.key(lease), this.serverId)) === 1;
  }

  async beat(ttlMs: number): Promise<void> {
    await this.commands.set(this.aliveKey(this.serverId), '1', 'PX', ttlMs);
  }

  async alive(servers: readonly string[]): Promise<Set<string>> {
    if (servers.length === 0) return new Set();
    const values = await this.commands.mget(servers.map((server) => this.aliveKey(server)));
    return new Set(servers.filter((_, index) => values[index] !== null));
  }

  /** Stops reading and closes both connections; gives up waiting for Redis after CLOSE_WAIT_MS. */
  async close(): Promise<void> {
    this.closed = true;
    this.following.clear();
    this.restartRead();
    this.reader.disconnect();
    await within(CLOSE_WAIT_MS, this.reading);
    await within(
      CLOSE_WAIT_MS,
      this.commands.quit().catch(() => {}),
    );
    this.commands.disconnect();
  }

  private key(name: string): string {
    return this.prefix + name;
  }

  private aliveKey(server: string): string {
    return `${this.prefix}server:${server}`;
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    for (const listener of this.listeners) listener(connected);
  }

  /** The followed streams changed: a blocked read is cut short and issued again with them. */
  private restartRead(): void {
    this.stale = true;
    this.wakeReader?.();
    this.unblock();
  }

  /** Unblocks the read in flight; one not blocked yet (the command still on its way) is tried again shortly. */
  private unblock(): void {
    if (!this.stale || !this.readInFlight) return;
    if (this.readerId === null) {
      setTimeout(() => this.unblock(), 10).unref();
      return;
    }
    this.commands.call('CLIENT', 'UNBLOCK', this.readerId).then(
      (unblocked) => {
        if (unblocked === 0) setTimeout(() => this.unblock(), 10).unref();
      },
      () => {},
    );
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      if (this.following.size === 0) {
        await new Promise<void>((resolve) => {
          this.wakeReader = resolve;
        });
        this.wakeReader = null;
        continue;
      }
      let answer: [Buffer, RawEntry[]][] | null;
      try {
        this.readerId ??= Number(await this.reader.client('ID'));
        this.stale = false;
        const keys = [...this.following.keys()];
        if (keys.length === 0) continue;
        const positions = keys.map((key) => earliest(this.following.get(key) ?? new Set()));
        this.readInFlight = true;
        answer = (await this.reader.callBuffer(
          'XREAD',
          'COUNT',
          READ_COUNT,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          ...keys,
          ...positions,
        )) as [Buffer, RawEntry[]][] | null;
      } catch (error) {
        this.readInFlight = false;
        if (this.closed) return;
        this.options.logger.warn('redis bus read failed, retrying', { error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      this.readInFlight = false;
      for (const [key, raw] of answer ?? []) this.deliver(key.toString(), raw.map(toEntry));
    }
  }

  private deliver(key: string, entries: BusEntry[]): void {
    for (const following of Array.from(this.following.get(key) ?? [])) {
      for (const entry of entries) {
        if (!idAfter(entry.id, following.after)) continue;
        // It may stop following (or a stream be dropped) while this loop runs.
        if (!this.following.get(key)?.has(following)) break;
        following.after = entry.id;
        following.onEntry(entry);
      }
    }
  }
}

type RawEntry = [Buffer, Buffer[]];

function toEntry([id, fields]: RawEntry): BusEntry {
  return { id: id.toString(), message: new Uint8Array(fields[1] ?? Buffer.alloc(0)) };
}

function earliest(followings: Set<Following>): string {
  let first: string | null = null;
  for (const { after } of followings) if (first === null || idAfter(first, after)) first = after;
  return first ?? STREAM_START;
}

export function createRedisBus(options: RedisBusOptions): RedisBus {
  return new RedisBus(options);
}
