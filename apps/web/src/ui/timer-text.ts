import { MINUTE_MS } from '@kompas/model';

/** Whole seconds left, rounded up: a countdown shows 0:00 only once it has reached zero. */
export function countdownSeconds(remainingMs: number): number {
  return Math.ceil(Math.max(0, remainingMs) / 1000);
}

/** "4:05", or "1:02:03" from an hour on. */
export function countdownText(remainingMs: number): string {
  const total = countdownSeconds(remainingMs);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** "5 min", "1 min 30 s", "45 s": a picked duration, as the timer's buttons name it. */
export function durationLabel(durationMs: number): string {
  const minutes = Math.floor(durationMs / MINUTE_MS);
  const seconds = Math.round((durationMs % MINUTE_MS) / 1000);
  if (minutes === 0) return `${seconds} s`;
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}
