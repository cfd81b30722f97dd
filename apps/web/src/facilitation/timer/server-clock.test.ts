import { describe, expect, it } from 'vitest';
import { bestOffset, ServerClock } from './server-clock.ts';

/**
 * A local clock and a server 90 s ahead of it; each reading takes the given trips there and back, and the
 * server reads its clock when the request arrives.
 */
function simulatedServer(trips: readonly [number, number][], serverAhead = 90_000) {
  let local = 1_000_000;
  let reading = 0;
  return {
    now: () => local,
    fetchServerTime: async () => {
      const trip = trips[reading++];
      if (!trip) throw new Error('offline');
      local += trip[0];
      const serverNow = local + serverAhead;
      local += trip[1];
      return serverNow;
    },
  };
}

describe('bestOffset', () => {
  it('trusts the reading with the shortest round trip', () => {
    expect(
      bestOffset([
        { sentAt: 0, serverNow: 1500, receivedAt: 400 },
        { sentAt: 1000, serverNow: 2020, receivedAt: 1040 },
        { sentAt: 2000, serverNow: 2900, receivedAt: 2300 },
      ]),
    ).toBe(1000);
    expect(bestOffset([])).toBeNull();
  });
});

describe('ServerClock', () => {
  it('estimates how far the server is ahead, within half the shortest round trip', async () => {
    // Lopsided trips mislead; the shortest, 10 ms, is off by at most 5 ms.
    const server = simulatedServer([
      [300, 20],
      [2, 8],
      [50, 400],
      [120, 120],
    ]);
    const clock = new ServerClock({ ...server, samples: 4 });
    expect(clock.ready).toBe(false);
    expect(clock.now()).toBe(server.now());
    const offset = await clock.estimate();
    expect(offset).toBe(89_997);
    expect(clock.ready).toBe(true);
    expect(clock.now()).toBe(server.now() + 89_997);
  });

  it('skips failed readings and keeps the last estimate when all fail', async () => {
    const server = simulatedServer([[10, 10]], -30_000);
    const clock = new ServerClock({ ...server, samples: 3 });
    expect(await clock.estimate()).toBe(-30_000);
    expect(await clock.estimate()).toBe(-30_000);
    expect(clock.ready).toBe(true);
  });

  it('tells listeners when the estimate changes, and shares a running estimate', async () => {
    const server = simulatedServer([
      [5, 5],
      [5, 5],
    ]);
    const clock = new ServerClock({ ...server, samples: 2 });
    let changes = 0;
    clock.onChange(() => changes++);
    const [first, second] = await Promise.all([clock.estimate(), clock.estimate()]);
    expect(first).toBe(90_000);
    expect(second).toBe(90_000);
    expect(changes).toBe(1);
  });
});
