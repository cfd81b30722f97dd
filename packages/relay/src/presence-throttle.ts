import type { PresenceEntry } from './presence-entries.ts';

/** Most presence updates relayed per second per connection: cursors stay smooth, a flood does not pass. */
export const DEFAULT_PRESENCE_UPDATES_PER_SECOND = 20;

/**
 * Passes a connection's presence on at most once per interval. An update that comes too soon is held and
 * passed when the interval is over, a later one replacing it: each update holds the whole state, so the
 * latest is all that matters, and the end of a burst (where a cursor came to rest) always arrives.
 */
export class PresenceThrottle {
  private lastAt = Number.NEGATIVE_INFINITY;
  private held: PresenceEntry | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly pass: (entry: PresenceEntry) => void,
    private readonly now: () => number = Date.now,
  ) {}

  offer(entry: PresenceEntry): void {
    if (this.timer !== null) {
      this.held = entry;
      return;
    }
    const wait = this.lastAt + this.intervalMs - this.now();
    if (wait <= 0) {
      this.lastAt = this.now();
      this.pass(entry);
      return;
    }
    this.held = entry;
    this.timer = setTimeout(() => this.release(), wait);
    this.timer.unref();
  }

  /** Forgets what is held: the connection closed. */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.held = null;
  }

  private release(): void {
    this.timer = null;
    const held = this.held;
    this.held = null;
    if (held === null) return;
    this.lastAt = this.now();
    this.pass(held);
  }
}
