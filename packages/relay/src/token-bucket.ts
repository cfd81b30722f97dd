/**
 * A token bucket of bytes: `rate` bytes a second flow in, up to `burst`; it starts full. Taking more than it
 * holds fails and takes nothing, so a client may send in bursts but not keep up more than `rate`.
 */
export class TokenBucket {
  private tokens: number;
  private filledAt: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    /** A clock in milliseconds, injectable for tests; monotonic by default. */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.filledAt = now();
  }

  /** Takes `bytes` if the bucket holds them; false (taking nothing) when it does not. */
  take(bytes: number): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.filledAt) / 1000) * this.rate);
    this.filledAt = now;
    if (bytes > this.tokens) return false;
    this.tokens -= bytes;
    return true;
  }
}
