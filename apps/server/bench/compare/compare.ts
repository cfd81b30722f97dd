/**
 * `pnpm bench:relay --compare`: Kompas against the reference Yjs servers, @y/websocket-server 0.1.1 and
 * @hocuspocus/server, with the same clients writing the same notes (issue 15, point 1). Each scenario runs on
 * a fresh server process per server, in interleaved repeats (Kompas, y-websocket-server, Hocuspocus, then
 * again), with the clients in load processes of their own. Prints a table of ratios and every run, and writes
 * the results as JSON.
 *
 *   --quick               5 s of load per scenario, 6 joiners, 1 repeat
 *   --duration <s>        seconds of load per scenario (default 25)
 *   --repeats <n>         default 2
 *   --scenarios <1,2,..>  which scenarios, by number (default all five)
 *   --servers <a,b>       which servers (default kompas,y-websocket-server,hocuspocus)
 *   --load-processes <n>  processes the clients are spread over (default 2)
 *   --out <file>          where the JSON goes (default bench-compare.json in the working directory)
 *   --kompas-entry <file> the Kompas entry to run (default its TypeScript source through tsx; also
 *                         KOMPAS_BENCH_ENTRY), e.g. a compiled main.js
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLoadProcesses } from './load-pool.ts';
import { count, describeMachine, pickByNumber } from './options.ts';
import { type RunResult, runScenario } from './runs.ts';
import { DEFAULT_DURATION_MS, quickScenarios, scenarios } from './scenarios.ts';
import { SERVER_NAMES, type ServerName } from './servers.ts';
import { rawTable, summaryTable } from './table.ts';

const { values } = parseArgs({
  options: {
    compare: { type: 'boolean' },
    quick: { type: 'boolean' },
    duration: { type: 'string' },
    repeats: { type: 'string' },
    scenarios: { type: 'string' },
    servers: { type: 'string' },
    'load-processes': { type: 'string' },
    out: { type: 'string', default: 'bench-compare.json' },
    'kompas-entry': { type: 'string' },
  },
});

function isServerName(name: string): name is ServerName {
  return (SERVER_NAMES as readonly string[]).includes(name);
}

if (values['kompas-entry']) process.env.KOMPAS_BENCH_ENTRY = resolve(values['kompas-entry']);
const quick = values.quick === true;
const repeats = count(values.repeats, quick ? 1 : 2);
const durationMs = count(values.duration, DEFAULT_DURATION_MS / 1000) * 1000;
const all = quick ? quickScenarios() : scenarios(durationMs);
const chosen = pickByNumber(all, values.scenarios, 'scenario');
const servers = (values.servers ?? SERVER_NAMES.join(',')).split(',').map((name) => {
  if (!isServerName(name)) throw new Error(`unknown server ${name} (${SERVER_NAMES.join(', ')})`);
  return name;
});

const machine = describeMachine();

const pool = startLoadProcesses(count(values['load-processes'], 2));
const results: RunResult[] = [];
const errors: string[] = [];
try {
  for (const scenario of chosen) {
    for (let repeat = 1; repeat <= repeats; repeat++) {
      for (const server of servers) {
        process.stdout.write(`${scenario.name}, ${server}, run ${repeat}: `);
        try {
          const run = await runScenario(server, scenario, repeat, pool);
          results.push(run);
          const latency = run.join.count > 0 ? run.join : run.note;
          console.log(
            `p99 ${latency.p99.toFixed(1)} ms, CPU ${run.serverCpuSeconds.toFixed(2)} s, ${run.cpuMsPerUnit.toFixed(1)} ms per unit, RSS ${run.peakRssMb.toFixed(0)} MB, lost ${run.lost + run.joinFailures.length}`,
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
}

console.log(`\n${summaryTable(results)}\n\n${rawTable(results)}`);
const out = resolve(values.out);
writeFileSync(
  out,
  `${JSON.stringify({ machine: { ...machine, loadAverageAtEnd: loadavg() }, repeats, durationMs, results, errors }, null, 2)}\n`,
);
console.log(`\nResults written to ${out}`);
if (errors.length > 0) {
  console.log(`\n${errors.length} run(s) failed:\n${errors.join('\n')}`);
  process.exitCode = 1;
}
