import type { RunResult } from './runs.ts';
import { SERVER_NAMES, type ServerName } from './servers.ts';

/** The results as Markdown tables: one line per scenario with Kompas against the better reference, then every run. */

const REFERENCES = SERVER_NAMES.filter((name) => name !== 'kompas');

export function markdown(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function figure(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

/** "40–42" over the repeats, or one figure when they agree at this precision. */
export function range(values: readonly number[], digits = 0): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return '–';
  const low = figure(Math.min(...finite), digits);
  const high = figure(Math.max(...finite), digits);
  return low === high ? low : `${low}–${high}`;
}

export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

const isJoin = (runs: readonly RunResult[]) => runs.some((run) => run.join.count > 0);

/** Per repeat, Kompas's figure over the lower of the references' figures in that repeat. */
function ratios(runs: readonly RunResult[], pick: (run: RunResult) => number): number[] {
  const repeats = [...new Set(runs.map((run) => run.repeat))];
  return repeats.map((repeat) => {
    const of = (name: ServerName) => runs.find((run) => run.repeat === repeat && run.server === name);
    const kompas = of('kompas');
    const best = Math.min(
      ...REFERENCES.map((name) => of(name))
        .filter((run) => run !== undefined)
        .map(pick),
    );
    return kompas ? pick(kompas) / best : Number.NaN;
  });
}

export function summaryTable(results: readonly RunResult[]): string {
  const rows = groupByScenario(results).map(([scenario, runs]) => {
    const join = isJoin(runs);
    const of = (name: ServerName) => runs.filter((run) => run.server === name);
    const cpu = (name: ServerName) => of(name).map((run) => run.cpuMsPerUnit);
    const best = [...REFERENCES].sort((a, b) => median(cpu(a)) - median(cpu(b)))[0] ?? 'y-websocket-server';
    const p99 = (run: RunResult) => (join ? run.join.p99 : run.note.p99);
    return [
      scenario,
      `${range(cpu('kompas'))} ms`,
      `${range(cpu(best))} ms (${best})`,
      range(
        ratios(runs, (run) => run.cpuMsPerUnit),
        2,
      ),
      range(ratios(runs, p99), 2),
      join
        ? '–'
        : range(
            ratios(runs, (run) => run.cursor.p99),
            2,
          ),
      `${range(of('kompas').map((run) => run.peakRssMb))} MB / ${range(REFERENCES.flatMap((name) => of(name).map((run) => run.peakRssMb)))} MB`,
      range(
        ratios(runs, (run) => run.peakRssMb),
        2,
      ),
      SERVER_NAMES.map((name) => range(of(name).map((run) => run.lost + run.joinFailures.length))).join(
        ' / ',
      ),
    ];
  });
  return markdown(
    [
      'scenario',
      'Kompas CPU per 1,000 deliveries (join: per join)',
      'best reference',
      'ratio',
      'p99 Kompas / best (join: join time)',
      'cursor p99 Kompas / best',
      'peak RSS Kompas / references',
      'peak RSS Kompas / best',
      `lost (${SERVER_NAMES.join(' / ')})`,
    ],
    rows,
  );
}

/** "p50 / p99 / max" in ms. */
export function spreadText(spread: RunResult['note']): string {
  return spread.count === 0
    ? '–'
    : `${figure(spread.p50, 1)} / ${figure(spread.p99, 1)} / ${figure(spread.max, 1)}`;
}

export function rawTable(results: readonly RunResult[]): string {
  const rows = results.map((run) => [
    run.scenario,
    run.server,
    String(run.repeat),
    String(run.clients),
    run.join.count > 0 ? `join ${spreadText(run.join)}` : spreadText(run.note),
    spreadText(run.cursor),
    `${run.lost + run.joinFailures.length} / ${run.cursorsUnseen}`,
    figure(run.serverCpuSeconds, 2),
    figure(run.cpuMsPerUnit, 1),
    figure(run.peakRssMb),
    figure(run.loadCpuPercent),
    `${run.notesWritten} / ${run.cursorMoves} / ${run.deliveries}`,
    `${run.received.updates} / ${run.received.presence} / ${figure(run.received.bytes / 1e6, 1)}`,
  ]);
  return markdown(
    [
      'scenario',
      'server',
      'run',
      'clients',
      'note p50 / p99 / max ms',
      'cursor p50 / p99 / max ms',
      'lost notes / unseen moves',
      'server CPU s',
      'CPU ms per 1,000 (join: per join)',
      'peak RSS MB',
      'load process CPU %',
      'notes / moves / deliveries',
      'frames in: updates / presence / MB',
    ],
    rows,
  );
}

function groupByScenario(results: readonly RunResult[]): [string, RunResult[]][] {
  const groups = new Map<string, RunResult[]>();
  for (const run of results) groups.set(run.scenario, [...(groups.get(run.scenario) ?? []), run]);
  return [...groups];
}
