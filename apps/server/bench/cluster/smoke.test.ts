import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePg, PG_TEST_URL } from '../../../../packages/relay/src/pg-test-support.ts';
import { type LoadProcess, startLoadProcesses } from '../compare/load-pool.ts';
import type { LoadScenario } from '../compare/scenarios.ts';
import { CLUSTER_SPREAD } from './deployments.ts';
import { runCluster } from './runs.ts';
import { BenchRedis } from './stores.ts';

/**
 * The cluster benchmark in miniature: one board whose six clients are spread over three servers. Only
 * correctness is asserted (every note reaches every probe, on whichever server, and the benchmark leaves no
 * database and no Redis key behind); the figures are the benchmark's business.
 */
const REDIS_TEST_URL = process.env.KOMPAS_TEST_REDIS_URL;
const describeStores = REDIS_TEST_URL || process.env.CI ? describePg : describe.skip;

const BOARD: LoadScenario = {
  kind: 'load',
  name: 'smoke: 6 clients over 3 servers, 2 notes/s, 2 cursors at 10 Hz',
  rooms: 1,
  clientsPerRoom: 6,
  notesPerSecond: 2,
  moversPerRoom: 2,
  cursorHz: 10,
  // Places 0, 2 and 4: one on each server.
  probesPerRoom: 3,
  durationMs: 1_500,
};

/**
 * Three servers starting, their schema migrations, the clients, the drain: ample on a busy machine, and longer
 * than the run's own bounds (connecting, draining, stopping), so that a failing run still stops its servers.
 */
const RUN_TIMEOUT_MS = 240_000;

describeStores('the cluster benchmark', () => {
  let pool: LoadProcess[] = [];
  let redis: BenchRedis;

  beforeAll(async () => {
    if (!REDIS_TEST_URL) throw new Error('KOMPAS_TEST_REDIS_URL is not set: CI runs the Redis tests');
    redis = await BenchRedis.open(REDIS_TEST_URL);
    pool = startLoadProcesses(1);
  });
  afterAll(async () => {
    await Promise.all(pool.map((load) => load.stop()));
    redis?.close();
  });

  it(
    'brings every note to every probe across three servers and leaves nothing behind',
    async () => {
      const postgres = PG_TEST_URL as string;
      const run = await runCluster(BOARD, CLUSTER_SPREAD, 1, pool, { postgres, redis });
      expect(run.clientsPerServer).toEqual([2, 2, 2]);
      expect(run.notesWritten).toBeGreaterThan(0);
      expect(run.lost).toBe(0);
      // Each of the 3 probes holds every note of the 5 others, 4 of whom are on other servers.
      const byOthers = run.notesWritten - run.notesWritten / BOARD.clientsPerRoom;
      expect(run.note.count).toBe(Math.round(byOthers * BOARD.probesPerRoom));
      expect(run.acrossServers.count).toBeGreaterThan(0);
      expect(run.cursorsUnseen).toBe(0);
      expect(run.stoppedCleanly).toBe(true);

      expect(await redis.removeOwnKeys()).toBe(0);
      const admin = new pg.Client({ connectionString: postgres });
      await admin.connect();
      try {
        const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [
          `kompas_bench_${process.pid}_%`,
        ]);
        expect(rows).toEqual([]);
      } finally {
        await admin.end();
      }
    },
    RUN_TIMEOUT_MS,
  );
});
