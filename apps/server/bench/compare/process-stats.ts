import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What /proc tells of one process: the CPU it used and the most memory it held. Linux only. */

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
/** utime and stime, counted from 1 in proc(5), after the command name (which may hold spaces). */
const UTIME_FIELD = 14;
const STIME_FIELD = 15;

/** User plus system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which ends with the last ')'; the first of them is field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[UTIME_FIELD - 3]) + Number(fields[STIME_FIELD - 3]);
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** Peak resident set size (VmHWM) in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

/** The whole machine's CPU time so far, all cores together, in clock ticks: busy and in all. */
export function machineCpuTicks(): { busy: number; total: number } {
  // The first line of /proc/stat: "cpu  user nice system idle iowait irq softirq steal ...".
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/) ?? [];
  const ticks = fields.slice(0, 8).map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: total - idle, total };
}
