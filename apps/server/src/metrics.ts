import type { ClusterStats, RelayStats, StoreStats } from '@kompas/relay';

/** The figures /metrics shows, read when it is asked. */
export interface MetricsStats extends RelayStats {
  /** Boards whose replay index holds a copy of their document. */
  replayDocuments: number;
}

type MetricType = 'counter' | 'gauge' | 'histogram';

interface Sample {
  /** Appended to the family's name, as a histogram's _bucket, _sum and _count. */
  suffix?: string;
  labels?: Readonly<Record<string, string>>;
  value: number;
}

interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: readonly Sample[];
}

/** Prometheus' text exposition format (version 0.0.4), as scrapers ask for it. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** The figures of a server in Prometheus' text format; `store` when its storage keeps count of its appends. */
export function renderMetrics(stats: MetricsStats, store: StoreStats | undefined): string {
  return formatMetrics([
    ...relayFamilies(stats),
    ...(store ? storeFamilies(store) : []),
    ...clusterFamilies(stats.cluster),
    ...processFamilies(),
  ]);
}

function gauge(name: string, help: string, value: number): MetricFamily {
  return { name, help, type: 'gauge', samples: [{ value }] };
}

function counter(name: string, help: string, value: number): MetricFamily {
  return { name, help, type: 'counter', samples: [{ value }] };
}

function relayFamilies(stats: MetricsStats): MetricFamily[] {
  return [
    gauge('kompas_rooms', 'Rooms in memory.', stats.rooms),
    gauge('kompas_connections', 'Open WebSocket connections.', stats.connections),
    gauge(
      'kompas_replay_documents',
      'Boards whose replay index holds their document.',
      stats.replayDocuments,
    ),
    counter(
      'kompas_rejected_writes_total',
      "Document writes refused by a room's rules.",
      stats.rejectedWrites,
    ),
    counter(
      'kompas_dropped_writes_total',
      'Document writes dropped from read-only connections.',
      stats.droppedWrites,
    ),
    {
      name: 'kompas_over_budget_total',
      help: 'Clients refused or closed for passing a budget, per budget.',
      type: 'counter',
      samples: Object.entries(stats.overBudget).map(([budget, value]) => ({ labels: { budget }, value })),
    },
    counter(
      'kompas_dropped_presence_total',
      'Presence updates dropped: for another client, too large, or refused.',
      stats.droppedPresence,
    ),
  ];
}

/** The storage's own count of its appends: how many became durable, and how long each waited for it. */
function storeFamilies({ appends, appendMs }: StoreStats): MetricFamily[] {
  const buckets = appendMs.buckets.map(({ le, count }) => ({
    suffix: '_bucket',
    labels: { le: formatNumber(le / 1000) },
    value: count,
  }));
  return [
    counter(
      'kompas_updates_stored_total',
      'Updates stored durably; rate() of it is the updates per second.',
      appends,
    ),
    {
      name: 'kompas_store_seconds',
      help: 'Time to store one update durably, which it waits before it is relayed.',
      type: 'histogram',
      samples: [
        ...buckets,
        { suffix: '_sum', value: appendMs.sumMs / 1000 },
        { suffix: '_count', value: appendMs.count },
      ],
    },
  ];
}

function clusterFamilies(cluster: ClusterStats | undefined): MetricFamily[] {
  if (!cluster) return [];
  return [
    gauge(
      'kompas_cluster_bus_connected',
      '1 while this server is connected to Redis, else 0.',
      cluster.busConnected ? 1 : 0,
    ),
    gauge('kompas_cluster_rooms_owned', 'Rooms whose lease this server holds.', cluster.roomsOwned),
    gauge(
      'kompas_cluster_rooms_followed',
      'Rooms open here whose lease another server holds.',
      cluster.roomsFollowed,
    ),
    gauge(
      'kompas_cluster_bus_lag_seconds',
      'From publishing a logged update on Redis to its arrival here: the last one.',
      cluster.busLagMs / 1000,
    ),
    gauge(
      'kompas_cluster_bus_lag_max_seconds',
      'The same, the most over the last 10 to 20 seconds.',
      cluster.busLagMaxMs / 1000,
    ),
    counter(
      'kompas_cluster_writes_forwarded_total',
      "Writes sent to another server's room.",
      cluster.writesForwarded,
    ),
    counter(
      'kompas_cluster_updates_received_total',
      'Logged updates applied from Redis.',
      cluster.updatesReceived,
    ),
    counter(
      'kompas_cluster_gaps_filled_total',
      'Gaps in what Redis delivered, filled from the log.',
      cluster.gapsFilled,
    ),
    counter('kompas_cluster_lease_changes_total', 'Rooms taken over or given up.', cluster.leaseChanges),
  ];
}

/** The standard process figures every Prometheus client library exports, under their usual names. */
function processFamilies(): MetricFamily[] {
  const { user, system } = process.cpuUsage();
  return [
    counter('process_cpu_seconds_total', 'CPU time used, user and system.', (user + system) / 1e6),
    gauge('process_resident_memory_bytes', 'Resident memory.', process.memoryUsage.rss()),
    gauge(
      'process_start_time_seconds',
      'When the process started, in seconds since the epoch.',
      Math.round(Date.now() / 1000 - process.uptime()),
    ),
  ];
}

/** The families in the text exposition format: HELP and TYPE, then one line per sample. */
export function formatMetrics(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const { name, help, type, samples } of families) {
    lines.push(`# HELP ${name} ${help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')}`);
    lines.push(`# TYPE ${name} ${type}`);
    for (const { suffix = '', labels, value } of samples) {
      lines.push(`${name}${suffix}${formatLabels(labels)} ${formatNumber(value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  if (!labels) return '';
  const pairs = Object.entries(labels).map(
    ([key, value]) =>
      `${key}="${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`,
  );
  return `{${pairs.join(',')}}`;
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
