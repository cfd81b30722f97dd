/**
 * Milliseconds on the machine's monotonic clock (process.hrtime), which every process on it shares: a note's
 * send time in one load process and its arrival in another are on the same clock.
 */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
