/**
 * What the servers of a cluster share besides the log: append-only streams that every server can read from a
 * position (so one that missed messages catches up), short leases (one owner per room), and a heartbeat per
 * server. Redis in production (RedisBus), memory in tests (MemoryBus). Stream and lease names are logical;
 * a bus puts its own prefix in front.
 */
export interface ClusterBus {
  /** This server's id, unique in the cluster. */
  readonly serverId: string;
  /** Whether the bus answers now: readiness. Calls made meanwhile wait (and are retried) until it does. */
  readonly connected: boolean;
  /** Called each time the bus is lost (false) or back (true). */
  onConnection(listener: (connected: boolean) => void): void;
  /** Appends a message; the stream keeps about its last `maxLength`. Resolves with the entry's id. */
  append(stream: string, message: Uint8Array, maxLength: number): Promise<string>;
  /** The id of the stream's last entry: a position to follow from (STREAM_START when it is empty). */
  tail(stream: string): Promise<string>;
  /** Entries after `after`, oldest first, at most `count`. */
  range(stream: string, after: string, count: number): Promise<BusEntry[]>;
  /** Delivers every entry after `after`, in order, until the returned function is called. */
  follow(stream: string, after: string, onEntry: (entry: BusEntry) => void): () => void;
  /**
   * Takes the lease for `ttlMs` when nobody holds it. Resolves with who holds it then and, when this server
   * took it, the tail of `inbox` at that moment: what was sent to the owner before was meant for another.
   */
  claim(lease: string, ttlMs: number, inbox: string): Promise<Claim>;
  /** Who holds the lease, or null. */
  holder(lease: string): Promise<string | null>;
  /** Extends this server's lease, taking it again when it had lapsed; false when another server holds it. */
  renew(lease: string, ttlMs: number): Promise<boolean>;
  /** Lets go of the lease if this server holds it; true when it did. */
  release(lease: string): Promise<boolean>;
  /** Says this server is alive for `ttlMs`. */
  beat(ttlMs: number): Promise<void>;
  /** Which of `servers` said they were alive and have not expired since. */
  alive(servers: readonly string[]): Promise<Set<string>>;
  /** Stops following and closes the connections. */
  close(): Promise<void>;
}

export interface BusEntry {
  id: string;
  message: Uint8Array;
}

export interface Claim {
  /** The server holding the lease after the claim. */
  owner: string;
  /** When this server took the lease: the inbox's tail then. */
  inboxTail?: string;
}

/** The position before a stream's first entry. */
export const STREAM_START = '0-0';

/** Whether stream id `id` comes after `after` (ids are "milliseconds-sequence"). */
export function idAfter(id: string, after: string): boolean {
  const [ms = 0, seq = 0] = id.split('-').map(Number);
  const [afterMs = 0, afterSeq = 0] = after.split('-').map(Number);
  return ms > afterMs || (ms === afterMs && seq > afterSeq);
}
