import { cpus, loadavg, totalmem } from 'node:os';
import { kompasEntry } from './servers.ts';

/** What the command lines of the server benchmarks share. */

/** `value` as a positive number, or `fallback` when it is not given. */
export function count(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!(parsed > 0)) throw new Error(`expected a positive number, got ${value}`);
  return parsed;
}

/** The items that `numbers` ("1,3", counted from 1) names; all of them when it is not given. */
export function pickByNumber<T>(items: readonly T[], numbers: string | undefined, what: string): T[] {
  if (numbers === undefined) return [...items];
  return numbers.split(',').map((n) => {
    const item = items[Number(n) - 1];
    if (!item) throw new Error(`no ${what} ${n} (1 to ${items.length})`);
    return item;
  });
}

/** The machine a benchmark runs on, for its results; printed as its first line. */
export function describeMachine() {
  const machine = {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1e9),
    node: process.version,
    loadAverageAtStart: loadavg(),
    kompasEntry: kompasEntry(),
  };
  console.log(
    `${machine.cores} cores (${machine.cpu}), Node ${machine.node}, load average ${machine.loadAverageAtStart.map((n) => n.toFixed(1)).join(' ')}`,
  );
  return machine;
}
