export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttled<Args extends unknown[]> {
  (...args: Args): void;
  /** Drops a pending trailing call. */
  cancel(): void;
}

/**
 * Calls `fn` at most once per `intervalMs`: at once when idle, otherwise with the latest arguments at
 * the end of the interval, so the last value always arrives (a cursor stops where the pointer stopped).
 */
export function throttle<Args extends unknown[]>(
  fn: (...args: Args) => void,
  intervalMs: number,
  clock: Clock = systemClock,
): Throttled<Args> {
  let lastCall = Number.NEGATIVE_INFINITY;
  let pending: Args | null = null;
  let timer: unknown = null;

  const fire = (args: Args) => {
    lastCall = clock.now();
    fn(...args);
  };

  const throttled = (...args: Args) => {
    const wait = lastCall + intervalMs - clock.now();
    if (wait <= 0 && timer === null) {
      fire(args);
      return;
    }
    pending = args;
    if (timer === null) {
      timer = clock.setTimeout(
        () => {
          timer = null;
          const latest = pending;
          pending = null;
          if (latest) fire(latest);
        },
        Math.max(0, wait),
      );
    }
  };
  throttled.cancel = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return throttled;
}
