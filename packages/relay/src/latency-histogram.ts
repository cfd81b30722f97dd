/** Upper bounds of the buckets, in milliseconds; one more bucket takes everything slower. */
export const LATENCY_BUCKETS_MS: readonly number[] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];

/** How many took at most `le` milliseconds (cumulative, as Prometheus reads histograms); the last is Infinity. */
export interface LatencyBucket {
  le: number;
  count: number;
}

export interface LatencySummary {
  count: number;
  sumMs: number;
  buckets: LatencyBucket[];
}

/** Durations in fixed buckets: enough for a metrics endpoint, constant in memory however long the server runs. */
export class LatencyHistogram {
  private readonly counts = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  private count = 0;
  private sumMs = 0;

  record(ms: number): void {
    const index = LATENCY_BUCKETS_MS.findIndex((bound) => ms <= bound);
    const bucket = index === -1 ? LATENCY_BUCKETS_MS.length : index;
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.count += 1;
    this.sumMs += ms;
  }

  summary(): LatencySummary {
    let cumulative = 0;
    const buckets = this.counts.map((count, index) => {
      cumulative += count;
      return { le: LATENCY_BUCKETS_MS[index] ?? Number.POSITIVE_INFINITY, count: cumulative };
    });
    return { count: this.count, sumMs: this.sumMs, buckets };
  }
}

/** What a storage tells the metrics about its appends. */
export interface StoreStats {
  /** Appends that became durable. */
  appends: number;
  /** How long each took, from the call to durable. */
  appendMs: LatencySummary;
}
