/** "10:32:05": a moment of the session as a clock on this device shows it. */
export function clockText(at: number): string {
  const date = new Date(at);
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
}

/** "12 min 5 s", "1 h 2 min 3 s", "0 s": how far into the session, to the second. */
export function elapsedText(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} min`);
  if (seconds > 0 || parts.length === 0) parts.push(`${seconds} s`);
  return parts.join(' ');
}

/** "10:32:05, 12 min 5 s in": the time shown by a replay of a session that started at `start`. */
export function replayTimeText(at: number, start: number): string {
  return `${clockText(at)}, ${elapsedText(at - start)} in`;
}
