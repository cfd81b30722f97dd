const MINUTE_MS = 60_000;
const HOUR_MINUTES = 60;

/** Time spent as the diagnosis shows it, rounded to whole minutes: "0 min", "12 min", "1 h 5 min". */
export function durationText(ms: number): string {
  const minutes = Math.round(Math.max(0, ms) / MINUTE_MS);
  if (minutes < HOUR_MINUTES) return `${minutes} min`;
  const hours = Math.floor(minutes / HOUR_MINUTES);
  const rest = minutes % HOUR_MINUTES;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}
