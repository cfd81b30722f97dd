import { randomBytes } from 'node:crypto';
import { type RunningServer, startServer } from '../compare/servers.ts';
import { BenchDatabase, type BenchStores } from './stores.ts';

/**
 * How Kompas is deployed for a run: one server on SQLite (the default), one on PostgreSQL and Redis (what the
 * network stores cost), or several on PostgreSQL and Redis (what clustering costs and gains). Clients connect to
 * their server's address directly: a load balancer would only add its own cost to the figures.
 */
export interface Setup {
  /** What `--setups` calls it. */
  key: string;
  name: string;
  stores: 'sqlite' | 'pg+redis';
  servers: number;
  /**
   * Which server a client is on: `board`, every client of a board on the same server (boards round-robin over
   * the servers), as a load balancer that keeps a board together would place them; `spread`, the clients of
   * each board round-robin over all servers, as one that does not.
   */
  placement: 'board' | 'spread';
}

export const SQLITE: Setup = {
  key: 'sqlite',
  name: 'SQLite, 1 server',
  stores: 'sqlite',
  servers: 1,
  placement: 'board',
};
export const NETWORK_STORES: Setup = {
  key: 'pg',
  name: 'PostgreSQL + Redis, 1 server',
  stores: 'pg+redis',
  servers: 1,
  placement: 'board',
};
export const CLUSTER_SPREAD: Setup = {
  key: 'cluster-spread',
  name: 'PostgreSQL + Redis, 3 servers, each board over all 3',
  stores: 'pg+redis',
  servers: 3,
  placement: 'spread',
};
export const CLUSTER_BY_BOARD: Setup = {
  key: 'cluster-board',
  name: 'PostgreSQL + Redis, 3 servers, each board on 1',
  stores: 'pg+redis',
  servers: 3,
  placement: 'board',
};

export interface Deployment {
  servers: RunningServer[];
  /** The run's PostgreSQL database, when it has one. */
  database?: BenchDatabase;
  /** Stops the servers, drops the database and removes the run's Redis keys; false when a server had to be killed. */
  stop(): Promise<boolean>;
}

/** The servers of one cluster share the token secret, as an operator's would: a token from one opens the others. */
const SECRET = randomBytes(32).toString('base64url');

export async function deploy(setup: Setup, { postgres, redis }: BenchStores): Promise<Deployment> {
  if (setup.stores === 'sqlite') {
    const server = await startServer('kompas');
    return { servers: [server], stop: () => server.stop() };
  }
  const database = await BenchDatabase.create(postgres);
  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, KOMPAS_SECRET: SECRET };
  const started = await Promise.allSettled(
    Array.from({ length: setup.servers }, () => startServer('kompas', env)),
  );
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => {
    const stopped = await Promise.all(servers.map((server) => server.stop()));
    await database.drop();
    await redis.removeOwnKeys();
    return stopped.every(Boolean);
  };
  try {
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    await Promise.all(servers.map(untilReady));
  } catch (error) {
    await stop();
    throw error;
  }
  return { servers, database, stop };
}

const READY_TIMEOUT_MS = 30_000;
const READY_POLL_MS = 100;

/** Resolves once `server` says its stores are reachable (a server without `/readyz` is ready once it listens). */
async function untilReady(server: RunningServer): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const status = await fetch(`${server.url}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200 || status === 404) return;
    if (Date.now() > deadline)
      throw new Error(`${server.url} not ready within ${READY_TIMEOUT_MS} ms (${status})`);
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
}
