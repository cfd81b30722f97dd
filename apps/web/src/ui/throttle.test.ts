import { describe, expect, it } from 'vitest';
import { type Clock, throttle } from './throttle.ts';

function fakeClock() {
  let time = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => time,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: time + ms, fn, id });
      return id;
    },
    clearTimeout: (handle) => {
      timers = timers.filter((timer) => timer.id !== handle);
    },
  };
  const advance = (ms: number) => {
    const until = time + ms;
    for (let guard = 0; guard < 1000; guard++) {
      const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      time = due.at;
      due.fn();
    }
    time = until;
  };
  return { clock, advance };
}

describe('throttle', () => {
  it('calls at once, then at most once per interval with the latest arguments', () => {
    const { clock, advance } = fakeClock();
    const calls: number[] = [];
    const throttled = throttle((value: number) => calls.push(value), 50, clock);
    throttled(1);
    throttled(2);
    throttled(3);
    expect(calls).toEqual([1]);
    advance(50);
    expect(calls).toEqual([1, 3]);
    advance(100);
    throttled(4);
    expect(calls).toEqual([1, 3, 4]);
  });

  it('limits a steady stream to the interval rate', () => {
    const { clock, advance } = fakeClock();
    let count = 0;
    const throttled = throttle(() => count++, 50, clock);
    for (let i = 0; i < 100; i++) {
      throttled();
      advance(5);
    }
    advance(50);
    expect(count).toBeGreaterThanOrEqual(10);
    expect(count).toBeLessThanOrEqual(11);
  });

  it('cancel drops the trailing call', () => {
    const { clock, advance } = fakeClock();
    const calls: number[] = [];
    const throttled = throttle((value: number) => calls.push(value), 50, clock);
    throttled(1);
    throttled(2);
    throttled.cancel();
    advance(100);
    expect(calls).toEqual([1]);
  });
});
