import { BUDGETS, type Budget, type StoreStats } from '@kompas/relay';
import { describe, expect, it } from 'vitest';
import { formatMetrics, type MetricsStats, renderMetrics } from './metrics.ts';

const overBudget = Object.fromEntries(BUDGETS.map((budget) => [budget, 0])) as Record<Budget, number>;
const STATS: MetricsStats = {
  rooms: 2,
  connections: 5,
  droppedWrites: 1,
  rejectedWrites: 3,
  overBudget: { ...overBudget, bytesPerSecond: 4 },
  droppedPresence: 6,
  replayDocuments: 1,
};

/** The value of the one sample line that starts with `series` (name and labels), as scrapers read it. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('formatMetrics', () => {
  it('writes HELP, TYPE and one line per sample, escaping label values and help', () => {
    const text = formatMetrics([
      {
        name: 'kompas_example_total',
        help: 'A line\nand a back\\slash.',
        type: 'counter',
        samples: [{ labels: { budget: 'say "hi"\\\n' }, value: 2 }],
      },
      { name: 'kompas_limit', help: 'No limit.', type: 'gauge', samples: [{ value: Infinity }] },
    ]);
    expect(text).toBe(
      [
        '# HELP kompas_example_total A line\\nand a back\\\\slash.',
        '# TYPE kompas_example_total counter',
        'kompas_example_total{budget="say \\"hi\\"\\\\\\n"} 2',
        '# HELP kompas_limit No limit.',
        '# TYPE kompas_limit gauge',
        'kompas_limit +Inf',
        '',
      ].join('\n'),
    );
  });
});

/** Three appends: 0.5 ms, 3 ms and 2 s, in the storage's buckets (1 ms to 1 s, then everything slower). */
const STORE: StoreStats = {
  appends: 3,
  appendMs: {
    count: 3,
    sumMs: 2003.5,
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, Number.POSITIVE_INFINITY].map((le) => ({
      le,
      count: le >= 2003.5 ? 3 : le >= 3 ? 2 : le >= 0.5 ? 1 : 0,
    })),
  },
};

describe('renderMetrics', () => {
  it("shows the relay's counts, refusals per budget, and the storage's appends in seconds", () => {
    const text = renderMetrics(STATS, STORE);
    expect(sample(text, 'kompas_rooms')).toBe(2);
    expect(sample(text, 'kompas_connections')).toBe(5);
    expect(sample(text, 'kompas_replay_documents')).toBe(1);
    expect(sample(text, 'kompas_rejected_writes_total')).toBe(3);
    expect(sample(text, 'kompas_dropped_writes_total')).toBe(1);
    expect(sample(text, 'kompas_dropped_presence_total')).toBe(6);
    expect(sample(text, 'kompas_over_budget_total{budget="bytesPerSecond"}')).toBe(4);
    for (const budget of BUDGETS) {
      expect(sample(text, `kompas_over_budget_total{budget="${budget}"}`)).toBeDefined();
    }
    expect(text).toContain('# TYPE kompas_store_seconds histogram');
    expect(sample(text, 'kompas_updates_stored_total')).toBe(3);
    expect(sample(text, 'kompas_store_seconds_bucket{le="0.001"}')).toBe(1);
    expect(sample(text, 'kompas_store_seconds_bucket{le="0.005"}')).toBe(2);
    expect(sample(text, 'kompas_store_seconds_bucket{le="1"}')).toBe(2);
    expect(sample(text, 'kompas_store_seconds_bucket{le="+Inf"}')).toBe(3);
    expect(sample(text, 'kompas_store_seconds_sum')).toBe(2.0035);
    expect(sample(text, 'kompas_store_seconds_count')).toBe(3);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).not.toContain('kompas_cluster');
  });

  it('leaves out the store figures of a storage that keeps no count', () => {
    const text = renderMetrics(STATS, undefined);
    expect(sample(text, 'kompas_rooms')).toBe(2);
    expect(text).not.toContain('kompas_store_seconds');
    expect(text).not.toContain('kompas_updates_stored_total');
  });

  it('shows the cluster figures when the relay is one of several servers', () => {
    const cluster = {
      busConnected: false,
      roomsOwned: 3,
      roomsFollowed: 2,
      writesForwarded: 7,
      updatesReceived: 11,
      gapsFilled: 1,
      republished: 0,
      leaseChanges: 4,
      busLagMs: 250,
      busLagMaxMs: 900,
    };
    const text = renderMetrics({ ...STATS, cluster }, STORE);
    expect(sample(text, 'kompas_cluster_rooms_owned')).toBe(3);
    expect(sample(text, 'kompas_cluster_bus_lag_seconds')).toBe(0.25);
    expect(sample(text, 'kompas_cluster_bus_lag_max_seconds')).toBe(0.9);
    expect(sample(text, 'kompas_cluster_bus_connected')).toBe(0);
    expect(sample(text, 'kompas_cluster_rooms_followed')).toBe(2);
    expect(sample(text, 'kompas_cluster_writes_forwarded_total')).toBe(7);
  });
});
