/**
 * `pnpm bench:cluster`: Kompas as several servers on PostgreSQL and Redis, beside one server on SQLite (the
 * default) and one on PostgreSQL and Redis alone, so that what the network stores cost shows apart from what
 * clustering costs. Two loads: one board whose clients are spread over three servers, and many boards over
 * three servers (each board on one server, and each board over all three). Every run starts fresh servers on a
 * fresh database; setups take turns within each repeat. The clients run in load processes of their own (see
 * compare/). Prints a table per deployment and every run, and writes the results as JSON.
 *
 *   --quick               5 s of load, 6 boards, 1 repeat
 *   --duration <s>        seconds of load per run (default 20)
 *   --repeats <n>         default 2
 *   --scenarios <1,2>     which loads, by number (default both)
 *   --setups <a,b>        which deployments (default all of a load's): sqlite, pg (one server on PostgreSQL and
 *                         Redis), cluster-spread (three, each board over all), cluster-board (three, each board on one)
 *   --boards <n>          boards in the many-boards load (default 20)
 *   --load-processes <n>  processes the clients are spread over (default 2)
 *   --out <file>          where the JSON goes (default bench-cluster.json in the working directory)
 *   --kompas-entry <file> the Kompas entry to run (default the built server; also KOMPAS_BENCH_ENTRY)
 *
 * The stores: KOMPAS_BENCH_DATABASE_URL, a PostgreSQL server where the benchmark creates (and drops) a database
 * per run (default postgres://postgres@127.0.0.1:5432/postgres), and KOMPAS_BENCH_REDIS_URL, a running Redis
 * (default redis://127.0.0.1:6379, database 12 unless the address names one), from which the benchmark removes
 * the keys its servers added and nothing else.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CLUSTER_SPREAD } from './cluster/deployments.ts';
import { type ClusterRun, runCluster } from './cluster/runs.ts';
import { clusterScenarios } from './cluster/scenarios.ts';
import { BENCH_DATABASE_URL, BenchRedis } from './cluster/stores.ts';
import { clusterRawTable, clusterSummaryTable } from './cluster/table.ts';
import { startLoadProcesses } from './compare/load-pool.ts';
import { count, describeMachine, pickByNumber } from './compare/options.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    duration: { type: 'string' },
    repeats: { type: 'string' },
    scenarios: { type: 'string' },
    setups: { type: 'string' },
    boards: { type: 'string' },
    'load-processes': { type: 'string' },
    out: { type: 'string', default: 'bench-cluster.json' },
    'kompas-entry': { type: 'string' },
  },
});

if (values['kompas-entry']) process.env.KOMPAS_BENCH_ENTRY = resolve(values['kompas-entry']);
// The benchmark says which servers get which stores: the SQLite server must not find any in its environment.
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
const quick = values.quick === true;
const repeats = count(values.repeats, quick ? 1 : 2);
const durationMs = count(values.duration, quick ? 5 : 20) * 1000;
const all = clusterScenarios(durationMs, count(values.boards, quick ? 6 : 20));
const chosen = pickByNumber(all, values.scenarios, 'scenario');
const setupKeys = values.setups?.split(',').map((key) => key.trim());
const known = new Set(all.flatMap((scenario) => scenario.setups.map((setup) => setup.key)));
for (const key of setupKeys ?? []) {
  if (!known.has(key)) throw new Error(`unknown setup "${key}" (${[...known].join(', ')})`);
}

const machine = { ...describeMachine(), database: BENCH_DATABASE_URL };
const { cores } = machine;
const limits =
  `This machine has ${cores} cores. The servers, PostgreSQL, Redis and the load processes all share them: ` +
  `together they can use at most ${cores * 100} % of a core, so once "machine busy %" nears 100, ` +
  `${CLUSTER_SPREAD.servers} servers cannot deliver more per second than 1 server, and their latency includes ` +
  `waiting for a core. What does show is each server's share of the load and the CPU it spent on it ` +
  `(on machines of their own, each would have its own cores), the deliveries/s that projects to when the ` +
  `busiest server fills a core of its own (a straight line, leaving out the stores and the contention), and ` +
  `the CPU per 1,000 deliveries that PostgreSQL, Redis and clustering add.`;
console.log(`${limits}\n`);

const redis = await BenchRedis.open();
console.log(`Redis: ${redis.url}${redis.pid ? '' : ' (not on this machine: its CPU is not read)'}\n`);
const pool = startLoadProcesses(count(values['load-processes'], 2));
const results: ClusterRun[] = [];
const errors: string[] = [];
try {
  for (const { load, setups } of chosen) {
    const mine = setups.filter((setup) => !setupKeys || setupKeys.includes(setup.key));
    for (let repeat = 1; repeat <= repeats; repeat++) {
      for (const setup of mine) {
        process.stdout.write(`${load.name}, ${setup.name}, run ${repeat}: `);
        try {
          const run = await runCluster(load, setup, repeat, pool, { postgres: BENCH_DATABASE_URL, redis });
          results.push(run);
          console.log(
            `note p50 ${run.note.p50.toFixed(1)} / p99 ${run.note.p99.toFixed(1)} ms, ${run.deliveriesPerSecond.toFixed(0)} deliveries/s, CPU ${run.cpuMsPerThousand.toFixed(1)} ms per 1,000, machine ${run.machineBusyPercent.toFixed(0)} % busy, lost ${run.lost}`,
          );
        } catch (error) {
          errors.push((error as Error).message);
          console.log(`FAILED: ${(error as Error).message}`);
        }
      }
    }
  }
} finally {
  await Promise.all(pool.map((load) => load.stop()));
  await redis.removeOwnKeys();
  redis.close();
}

console.log(`\n${limits}\n\n${clusterSummaryTable(results)}\n\n${clusterRawTable(results)}`);
const out = resolve(values.out);
writeFileSync(
  out,
  `${JSON.stringify({ machine: { ...machine, loadAverageAtEnd: loadavg() }, limits, repeats, durationMs, results, errors }, null, 2)}\n`,
);
console.log(`\nResults written to ${out}`);
const lost = results.reduce((total, run) => total + run.lost, 0);
if (lost > 0) console.log(`\n${lost} note(s) lost: every note written must reach every probe.`);
if (errors.length > 0) {
  console.log(`\n${errors.length} run(s) failed:\n${errors.join('\n')}`);
}
if (errors.length > 0 || lost > 0) process.exitCode = 1;
