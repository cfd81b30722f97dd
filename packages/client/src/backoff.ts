/** Delay before reconnect attempt `attempt` (0-based): exponential from 250 ms, capped, with jitter. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(250 * 2 ** attempt, 10_000);
  return Math.round(base / 2 + (random() * base) / 2);
}
