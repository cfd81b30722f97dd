import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './memory-storage.ts';
import { PresenceRecorder } from './presence-recorder.ts';
import { silentLogger } from './test-server.ts';

let storage: MemoryStorage;
let recorder: PresenceRecorder;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  storage = new MemoryStorage();
  recorder = new PresenceRecorder({ room: 'board', storage, logger: silentLogger });
});

afterEach(() => {
  vi.useRealTimers();
});

const ada = { id: 'ada', name: 'Ada', color: '#e64980' };
const at = (x: number, y: number) => ({ user: ada, cursor: { x, y }, viewport: { x: 0, y: 0, radius: 9 } });

/** Lets `ms` pass on the fake clock, with its timers and the writes they cause. */
function pass(ms: number): void {
  vi.advanceTimersByTime(ms);
}

describe('PresenceRecorder', () => {
  it('records names and cursors on change only, at most five per second, the latest change winning', async () => {
    recorder.record(1, at(0, 0));
    pass(10);
    // The same state again (a renewal) is no sample.
    recorder.record(1, at(0, 0));
    // Ten moves within 100 ms: held, and only the last is written once 200 ms have passed since the first.
    for (let i = 1; i <= 10; i++) {
      pass(10);
      recorder.record(1, at(i, i));
    }
    pass(200);
    // Leaving 110 ms after the last sample is written when that client's interval has passed.
    recorder.record(1, null);
    pass(100);

    const samples = await storage.readPresence('board');
    expect(samples.map((sample) => [sample.at - 1_000_000, sample.state])).toEqual([
      [0, { user: ada, cursor: { x: 0, y: 0 } }],
      [200, { user: ada, cursor: { x: 10, y: 10 } }],
      [400, null],
    ]);
    for (let i = 1; i < samples.length - 1; i++) {
      expect((samples[i]?.at ?? 0) - (samples[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(200);
    }
  });

  it('keeps clients apart and writes what is held when closed', async () => {
    recorder.record(1, at(1, 1));
    recorder.record(2, { user: { ...ada, id: 'bo', name: 'Bo' }, cursor: null });
    pass(50);
    recorder.record(1, at(2, 2));
    recorder.close();
    pass(0);
    const samples = await storage.readPresence('board');
    expect(samples.map((sample) => [sample.client, sample.state?.cursor ?? null])).toEqual([
      [1, { x: 1, y: 1 }],
      [2, null],
      [1, { x: 2, y: 2 }],
    ]);
  });
});
