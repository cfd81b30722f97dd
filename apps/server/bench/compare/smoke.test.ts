import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadProcess, startLoadProcesses } from './load-pool.ts';
import { runScenario } from './runs.ts';
import type { JoinScenario, LoadScenario } from './scenarios.ts';
import { SERVER_NAMES } from './servers.ts';

/**
 * The comparison benchmark in miniature, for CI: the first scenario and the join scenario with a handful of
 * clients against Kompas and both references. Only correctness is asserted (every note reaches every probe,
 * every joiner gets the whole board, the servers start and stop); the figures are the benchmark's business.
 */

const ROOM: LoadScenario = {
  kind: 'load',
  name: 'smoke: 6 clients, 1 room, 2 notes/s, 2 cursors at 10 Hz',
  rooms: 1,
  clientsPerRoom: 6,
  notesPerSecond: 2,
  moversPerRoom: 2,
  cursorHz: 10,
  probesPerRoom: 2,
  durationMs: 1_500,
};

const JOIN: JoinScenario = {
  kind: 'join',
  name: 'smoke: join-sync of 300 notes',
  notes: 300,
  joiners: 3,
  concurrency: 2,
};

/** Server start (Kompas through tsx), the clients, the drain: ample on a busy machine. */
const RUN_TIMEOUT_MS = 90_000;

let pool: LoadProcess[] = [];
beforeAll(() => {
  pool = startLoadProcesses(1);
});
afterAll(async () => {
  await Promise.all(pool.map((load) => load.stop()));
});

describe.each(SERVER_NAMES)('%s in the comparison benchmark', (server) => {
  it(
    'brings every note written to every probe and every cursor move to the others',
    async () => {
      const run = await runScenario(server, ROOM, 1, pool);
      expect(run.notesWritten).toBeGreaterThan(0);
      expect(run.lost).toBe(0);
      // Each of the 2 probes holds every note of the 5 others.
      const byOthers = run.notesWritten - run.notesWritten / ROOM.clientsPerRoom;
      expect(run.note.count).toBe(Math.round(byOthers * ROOM.probesPerRoom));
      expect(run.cursor.count).toBeGreaterThan(0);
      expect(run.cursorsUnseen).toBe(0);
      expect(run.stoppedCleanly).toBe(true);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'brings every joiner in step with the whole board',
    async () => {
      const run = await runScenario(server, JOIN, 1, pool);
      expect(run.joinFailures).toEqual([]);
      expect(run.join.count).toBe(JOIN.joiners);
      expect(run.stoppedCleanly).toBe(true);
    },
    RUN_TIMEOUT_MS,
  );
});
