import { figure, markdown, range, spreadText } from '../compare/table.ts';
import type { ClusterRun } from './runs.ts';

/** The cluster benchmark's results as Markdown tables: one line per scenario and deployment, then every run. */

function perThousand(seconds: number, run: ClusterRun): number {
  return (seconds * 1000 * 1000) / run.deliveries;
}

function percentOfCore(seconds: number, run: ClusterRun): number {
  return (seconds / run.windowSeconds) * 100;
}

/**
 * The deliveries per second the run's servers would carry if the busiest of them had a core of its own to fill
 * (and the stores kept up): a straight-line projection from its CPU, which is what grows with servers.
 */
function projectedCapacity(run: ClusterRun): number {
  const busiest = Math.max(...run.serverCpuSeconds) / run.windowSeconds;
  return run.deliveriesPerSecond / busiest;
}

/** Per server: its clients, and its CPU in % of one core over the repeats. */
function perServer(runs: readonly ClusterRun[]): string {
  const first = runs[0];
  if (!first) return '–';
  return first.clientsPerServer
    .map(
      (clients, s) =>
        `${clients} cl. ${range(runs.map((run) => percentOfCore(run.serverCpuSeconds[s] ?? Number.NaN, run)))} %`,
    )
    .join(' / ');
}

export function clusterSummaryTable(results: readonly ClusterRun[]): string {
  const groups = new Map<string, ClusterRun[]>();
  for (const run of results) {
    const key = `${run.scenario}\n${run.setup}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const rows = [...groups.values()].map((runs) => {
    const [first] = runs as [ClusterRun];
    return [
      first.scenario,
      first.setup,
      `${range(runs.map((run) => run.note.p50))} / ${range(runs.map((run) => run.note.p99))}`,
      range(runs.map((run) => run.acrossServers.p99)),
      range(runs.map((run) => run.cursor.p99)),
      range(runs.map((run) => run.deliveriesPerSecond)),
      range(runs.map(projectedCapacity)),
      range(runs.map((run) => run.cpuMsPerThousand)),
      perServer(runs),
      range(runs.map((run) => perThousand(run.postgresCpuSeconds, run))),
      range(runs.map((run) => perThousand(run.redisCpuSeconds, run))),
      range(runs.map((run) => run.machineBusyPercent)),
      `${range(runs.map((run) => run.lost))} / ${range(runs.map((run) => run.cursorsUnseen))}`,
    ];
  });
  return markdown(
    [
      'scenario',
      'deployment',
      'note p50 / p99 ms',
      'note p99 across servers ms',
      'cursor p99 ms',
      'deliveries/s',
      'projected deliveries/s at a core per server',
      'Kompas CPU ms per 1,000 deliveries (all servers)',
      'per server: clients, CPU % of a core',
      'PostgreSQL CPU ms per 1,000',
      'Redis CPU ms per 1,000 (shared)',
      'machine busy %',
      'lost notes / unseen moves',
    ],
    rows,
  );
}

export function clusterRawTable(results: readonly ClusterRun[]): string {
  const rows = results.map((run) => [
    run.scenario,
    run.setup,
    String(run.repeat),
    spreadText(run.note),
    spreadText(run.acrossServers),
    spreadText(run.cursor),
    `${run.lost} / ${run.cursorsUnseen}`,
    run.serverCpuSeconds.map((seconds) => figure(seconds, 2)).join(' / '),
    run.peakRssMb.map((mb) => figure(mb)).join(' / '),
    figure(run.postgresCpuSeconds, 2),
    figure(run.redisCpuSeconds, 2),
    figure(run.machineBusyPercent),
    figure(run.loadCpuPercent),
    `${run.notesWritten} / ${run.cursorMoves} / ${run.deliveries}`,
    figure(run.windowSeconds, 1),
    run.stoppedCleanly ? 'yes' : 'no',
  ]);
  return markdown(
    [
      'scenario',
      'deployment',
      'run',
      'note p50 / p99 / max ms',
      'across servers p50 / p99 / max ms',
      'cursor p50 / p99 / max ms',
      'lost notes / unseen moves',
      'server CPU s (each)',
      'peak RSS MB (each)',
      'PostgreSQL CPU s',
      'Redis CPU s',
      'machine busy %',
      'load process CPU %',
      'notes / moves / deliveries',
      'window s',
      'stopped cleanly',
    ],
    rows,
  );
}
