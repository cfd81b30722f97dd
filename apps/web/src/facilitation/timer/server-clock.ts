/** One reading of the server's clock: when it was asked and answered on the local clock, and what it said. */
export interface ClockSample {
  sentAt: number;
  serverNow: number;
  receivedAt: number;
}

export interface ServerClockOptions {
  /** Asks the server for its time in milliseconds since the Unix epoch; defaults to `GET /api/time`. */
  fetchServerTime?: () => Promise<number>;
  /** The local clock; defaults to Date.now. */
  now?: () => number;
  /** Readings per estimate; defaults to 5. */
  samples?: number;
}

const DEFAULT_SAMPLES = 5;

/**
 * The offset (server minus local) that the sample with the shortest round trip gives, assuming the server
 * read its clock halfway through; null without samples. The shortest trip leaves the least room for error:
 * at most half of it.
 */
export function bestOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | undefined;
  for (const sample of samples) {
    if (!best || sample.receivedAt - sample.sentAt < best.receivedAt - best.sentAt) best = sample;
  }
  return best ? best.serverNow - (best.sentAt + best.receivedAt) / 2 : null;
}

export async function fetchServerTime(): Promise<number> {
  const response = await fetch('/api/time', { cache: 'no-store' });
  if (!response.ok) throw new Error(`The server's time is unavailable (HTTP ${response.status})`);
  const body = (await response.json()) as { now?: unknown } | null;
  const now = body?.now;
  if (typeof now !== 'number' || !Number.isFinite(now)) throw new Error("The server's time is malformed");
  return now;
}

/**
 * This device's estimate of the server's clock, NTP-style, so that every client counts a shared countdown
 * down to the same moment even when their own clocks disagree. Until a first estimate succeeds, it reads
 * the local clock and `ready` is false.
 */
export class ServerClock {
  /** Server time minus local time, in milliseconds; null before the first estimate. */
  offset: number | null = null;
  private readonly fetchTime: () => Promise<number>;
  private readonly localNow: () => number;
  private readonly sampleCount: number;
  private running: Promise<number | null> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(options: ServerClockOptions = {}) {
    this.fetchTime = options.fetchServerTime ?? fetchServerTime;
    this.localNow = options.now ?? Date.now;
    this.sampleCount = options.samples ?? DEFAULT_SAMPLES;
  }

  get ready(): boolean {
    return this.offset !== null;
  }

  /** The server's time now, as estimated. */
  now(): number {
    return this.localNow() + (this.offset ?? 0);
  }

  /** Called whenever the estimate changes; returns how to stop. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Takes a few readings one after another and keeps the best; readings that fail are skipped, and when all
   * fail the previous estimate stays. Calls while one runs share it.
   */
  estimate(): Promise<number | null> {
    this.running ??= this.takeSamples().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async takeSamples(): Promise<number | null> {
    const samples: ClockSample[] = [];
    for (let i = 0; i < this.sampleCount; i += 1) {
      const sentAt = this.localNow();
      try {
        const serverNow = await this.fetchTime();
        samples.push({ sentAt, serverNow, receivedAt: this.localNow() });
      } catch {
        // Offline or the server is restarting: the next estimate tries again.
      }
    }
    const offset = bestOffset(samples);
    if (offset !== null && offset !== this.offset) {
      this.offset = offset;
      for (const listener of this.listeners) listener();
    }
    return this.offset;
  }
}
