import { describeValue, ModelError } from './errors.ts';

/** Times are milliseconds since the Unix epoch, as from Date.now(). */
export function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

export function parseTimestamp(value: unknown, what: string): number {
  if (!isTimestamp(value)) {
    throw new ModelError(
      'invalid-time',
      `${what} must be a finite number of milliseconds >= 0, got ${describeValue(value)}`,
    );
  }
  return value;
}

/** The caller's clock reading (tests and replays pass one), or the system clock. */
export function resolveNow(now: unknown): number {
  return now === undefined ? Date.now() : parseTimestamp(now, 'now');
}
