import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './memory-storage.ts';
import { PRESENCE_WRITE_INTERVAL_MS, PresenceRecorder } from './presence-recorder.ts';
import type { PresenceSample } from './storage.ts';
import { silentLogger } from './test-server.ts';

let storage: MemoryStorage;
let recorder: PresenceRecorder;
/** How many samples each write to storage held. */
let writes: number[];

beforeEach(async () => {
  vi.useFakeTimers({ now: 1_000_000 });
  writes = [];
  storage = new (class extends MemoryStorage {
    override appendPresence(room: string, samples: readonly PresenceSample[]): Promise<void> {
      writes.push(samples.length);
      return super.appendPresence(room, samples);
    }
  })();
  recorder = new PresenceRecorder({ room: 'board', storage, logger: silentLogger });
  await recorder.ready;
});

afterEach(() => {
  vi.useRealTimers();
});

const ada = { id: 'ada', name: 'Ada', color: '#e64980' };
const at = (x: number, y: number) => ({ user: ada, cursor: { x, y }, viewport: { x: 0, y: 0, radius: 9 } });
/** A state as the room relays it, and hands it to the recorder: JSON. */
const json = (state: unknown) => JSON.stringify(state);

/** Lets `ms` pass on the fake clock, with its timers and the writes they cause. */
function pass(ms: number): void {
  vi.advanceTimersByTime(ms);
}

describe('PresenceRecorder', () => {
  it('records names and cursors on change only, at most five per second, the latest change winning', async () => {
    recorder.record(1, json(at(0, 0)));
    pass(10);
    // The same state again (a renewal) is no sample.
    recorder.record(1, json(at(0, 0)));
    // Ten moves within 100 ms: held, and only the last is written once 200 ms have passed since the first.
    for (let i = 1; i <= 10; i++) {
      pass(10);
      recorder.record(1, json(at(i, i)));
    }
    pass(200);
    // Leaving 110 ms after the last sample is written when that client's interval has passed.
    recorder.record(1, null);
    pass(100);
    // Written together, once the write interval has passed since the first sample.
    expect(writes).toEqual([]);
    pass(PRESENCE_WRITE_INTERVAL_MS);
    expect(writes).toEqual([3]);

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
    recorder.record(1, json(at(1, 1)));
    recorder.record(2, json({ user: { ...ada, id: 'bo', name: 'Bo' }, cursor: null }));
    pass(50);
    recorder.record(1, json(at(2, 2)));
    recorder.close();
    pass(0);
    const samples = await storage.readPresence('board');
    expect(samples.map((sample) => [sample.client, sample.state?.cursor ?? null])).toEqual([
      [1, { x: 1, y: 1 }],
      [2, null],
      [1, { x: 2, y: 2 }],
    ]);
  });

  it('stops storing a person past their ceiling, counting what storage held, and logs it once', async () => {
    const bo = { ...ada, id: 'bo', name: 'Bo' };
    await storage.appendPresence('board', [{ at: 1, client: 9, state: at(0, 0), person: 'ada' }]);
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    const limited = new PresenceRecorder({ room: 'board', storage, logger, maxSamplesPerPerson: 3 });
    await limited.ready;
    for (let i = 1; i <= 5; i++) {
      limited.record(1, json(at(i, i)), 'ada');
      limited.record(2, json({ user: bo, cursor: { x: i, y: 0 } }), 'bo');
      pass(200);
    }
    // Another tab of Ada's counts towards the same person.
    limited.record(3, json(at(9, 9)), 'ada');
    pass(200);

    const samples = await storage.readPresence('board', { from: 2 });
    expect(cursorsOf(samples, 1)).toEqual([1, 2]);
    expect(cursorsOf(samples, 2)).toEqual([1, 2, 3]);
    expect(cursorsOf(samples, 3)).toEqual([]);
    // Once per person (Bo reached his too), however many samples were kept out.
    expect(warnings).toEqual(
      Array(2).fill('presence recording stopped for a person: the room holds their most samples'),
    );
    expect((await storage.countPresence('board')).byPerson).toEqual(
      new Map([
        ['ada', 3],
        ['bo', 3],
      ]),
    );
  });

  it("stops storing the room's presence past its ceiling, counting what storage held, and logs it once", async () => {
    await storage.appendPresence('board', [
      { at: 1, client: 8, state: at(0, 0), person: 'ada' },
      { at: 2, client: 8, state: null },
    ]);
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    const limited = new PresenceRecorder({ room: 'board', storage, logger, maxSamplesPerRoom: 5 });
    await limited.ready;
    for (let i = 1; i <= 4; i++) {
      for (let client = 1; client <= 3; client++) {
        limited.record(
          client,
          json({ user: { ...ada, id: `p${client}` }, cursor: { x: i, y: 0 } }),
          `p${client}`,
        );
      }
      pass(200);
    }
    pass(PRESENCE_WRITE_INTERVAL_MS);
    expect((await storage.readPresence('board', { from: 3 })).length).toBe(3);
    expect((await storage.countPresence('board')).samples).toBe(5);
    expect(warnings).toEqual(['presence recording stopped: the room holds its most samples']);
  });
});

/** The x of each cursor recorded for `client`, in order. */
function cursorsOf(samples: readonly PresenceSample[], client: number): unknown[] {
  return samples
    .filter((sample) => sample.client === client)
    .map((sample) => (sample.state?.cursor as { x: number } | undefined)?.x);
}
