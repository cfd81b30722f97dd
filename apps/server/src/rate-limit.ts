/** How many keys a limiter remembers at most unless told otherwise. */
export const DEFAULT_MAX_KEYS = 10_000;

export interface RateLimitOptions {
  /** Actions one key may take per window; 0 means no limit. */
  limit: number;
  windowMs: number;
  /** Keys remembered at most; past it the key whose window started first is forgotten. */
  maxKeys?: number;
  /** A clock in milliseconds, injectable for tests; by default a monotonic one, unmoved by clock changes. */
  now?: () => number;
}

export type RateLimitAnswer = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** What counts actions per key: RateLimiter in this process, PgRateLimiter across the servers of a cluster. */
export interface Limiter {
  /** Counts one action for `key` if its window has room; a refused action is not counted. */
  take(key: string): RateLimitAnswer | Promise<RateLimitAnswer>;
}

interface Window {
  startedAt: number;
  count: number;
}

/**
 * A fixed-window rate limit per key (the server keys it by client address): each key may take `limit`
 * actions per window, and its window starts with its first action after the previous window ended. At a
 * window's edge a key may act up to twice `limit` in a short time, which is fine for stopping a flood.
 *
 * Memory stays bounded: windows are kept in the order they started (a new window is re-inserted at the
 * end), so the ended ones are at the front and are dropped on every call; and at most `maxKeys` windows
 * are kept, the oldest being forgotten first, so a flood of distinct keys cannot grow the map (it can
 * only reset other keys' windows early).
 *
 * The server keys by `req.socket.remoteAddress` and does not trust X-Forwarded-For, which anyone can forge:
 * behind a reverse proxy all clients share the proxy's address, so the limit should then be raised or set
 * to 0 (and enforced by the proxy instead).
 */
export class RateLimiter implements Limiter {
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: RateLimitOptions) {
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    this.now = options.now ?? (() => performance.now());
    checkWindow(options);
    if (!(Number.isSafeInteger(this.maxKeys) && this.maxKeys >= 1)) {
      throw new RangeError(`maxKeys must be a whole number of at least 1, got ${this.maxKeys}`);
    }
  }

  /** Counts one action for `key` if its window has room; a refused action is not counted. */
  take(key: string): RateLimitAnswer {
    if (this.limit === 0) return { allowed: true };
    const now = this.now();
    this.dropEnded(now);
    const window = this.windows.get(key);
    if (window === undefined) {
      if (this.windows.size >= this.maxKeys) this.forgetOldest();
      this.windows.set(key, { startedAt: now, count: 1 });
      return { allowed: true };
    }
    if (window.count < this.limit) {
      window.count += 1;
      return { allowed: true };
    }
    const waitMs = window.startedAt + this.windowMs - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** How many keys are remembered, for tests. */
  get size(): number {
    return this.windows.size;
  }

  private dropEnded(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt < this.windowMs) return;
      this.windows.delete(key);
    }
  }

  private forgetOldest(): void {
    const oldest = this.windows.keys().next();
    if (!oldest.done) this.windows.delete(oldest.value);
  }
}

/** Throws RangeError for a limit or window no limiter can count with. */
export function checkWindow({ limit, windowMs }: { limit: number; windowMs: number }): void {
  if (!(Number.isSafeInteger(limit) && limit >= 0)) {
    throw new RangeError(`limit must be a whole number of at least 0, got ${limit}`);
  }
  if (!(windowMs > 0)) throw new RangeError(`windowMs must be above 0, got ${windowMs}`);
}

/**
 * The key a client address is limited by: an IPv4 address as it is (also when written as IPv6-mapped,
 * `::ffff:1.2.3.4`), an IPv6 address by its /64 network, which one subscriber usually holds whole and could
 * otherwise walk through to get around the limit.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('%')[0]?.split('::') ?? [];
  const front = head ? head.split(':') : [];
  const back = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...front, ...Array(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back]
    : front;
  const network = groups.slice(0, 4).map((group) => Number.parseInt(group || '0', 16).toString(16));
  return `${network.join(':')}::/64`;
}
