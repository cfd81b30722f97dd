import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { cpuSeconds } from '../compare/process-stats.ts';

/**
 * The network stores a clustered Kompas runs on, as the cluster benchmark uses them: a fresh PostgreSQL
 * database per run on a running server, and a Redis database of the benchmark's on a running Redis, from which
 * it removes what it added and nothing else.
 */

/** A PostgreSQL server where the benchmark may create and drop databases. */
export const BENCH_DATABASE_URL =
  process.env.KOMPAS_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** A running Redis; without a database number in the address the benchmark uses database 12. */
export const BENCH_REDIS_URL = process.env.KOMPAS_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DEFAULT_REDIS_DB = 12;

/** More keys than this in the benchmark's Redis database are not the benchmark's to sort through. */
const MAX_KEYS_KEPT = 100_000;
const SCAN_BATCH = 1_000;

/** Where a run's stores are: the PostgreSQL server its database is created on, and the benchmark's Redis. */
export interface BenchStores {
  postgres: string;
  redis: BenchRedis;
}

async function withAdmin<T>(server: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.end();
  }
}

/** A database of one run, dropped after it. */
export class BenchDatabase {
  private constructor(
    /** The PostgreSQL server it is on. */
    readonly server: string,
    readonly name: string,
    readonly url: string,
  ) {}

  static async create(server: string): Promise<BenchDatabase> {
    const name = `kompas_bench_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await withAdmin(server, (admin) => admin.query(`CREATE DATABASE ${name}`));
    const url = new URL(server);
    url.pathname = `/${name}`;
    return new BenchDatabase(server, name, url.toString());
  }

  /** The server processes that serve this database's connections right now (PostgreSQL forks one per connection). */
  backendPids(): Promise<number[]> {
    return withAdmin(this.server, async (admin) => {
      const { rows } = await admin.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1',
        [this.name],
      );
      return rows.map((row) => row.pid);
    });
  }

  drop(): Promise<unknown> {
    return withAdmin(this.server, (admin) =>
      admin.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`),
    );
  }
}

/**
 * The CPU seconds the backends of `database` use from now until the returned function is called: those
 * connected now and those that connect later, as long as they are still connected at the end (the servers keep
 * their pools). The backends are local processes only when PostgreSQL runs on this machine; NaN otherwise.
 */
export async function meterBackends(database: BenchDatabase): Promise<() => Promise<number>> {
  const before = new Map<number, number>();
  for (const pid of await database.backendPids()) {
    const used = readCpu(pid);
    if (used !== undefined) before.set(pid, used);
  }
  return async () => {
    const pids = await database.backendPids();
    if (pids.length > 0 && pids.every((pid) => !existsSync(`/proc/${pid}`))) return Number.NaN;
    return pids.reduce((total, pid) => total + (readCpu(pid) ?? 0) - (before.get(pid) ?? 0), 0);
  };
}

/** A process's CPU seconds, or undefined when it is gone (or not on this machine). */
export function readCpu(pid: number): number | undefined {
  try {
    return cpuSeconds(pid);
  } catch {
    return undefined;
  }
}

/** The benchmark's Redis database: the address the servers get, and the keys that were there before. */
export class BenchRedis {
  private constructor(
    private readonly redis: Redis,
    readonly url: string,
    private readonly before: ReadonlySet<string>,
    /** The Redis server's process, for its CPU; undefined when it does not run on this machine. */
    readonly pid: number | undefined,
  ) {}

  static async open(address = BENCH_REDIS_URL): Promise<BenchRedis> {
    const url = new URL(address);
    if (url.pathname === '' || url.pathname === '/') url.pathname = `/${DEFAULT_REDIS_DB}`;
    const redis = new Redis(url.toString(), { lazyConnect: true, maxRetriesPerRequest: 2 });
    await redis.connect();
    const size = await redis.dbsize();
    if (size > MAX_KEYS_KEPT) {
      redis.disconnect();
      throw new Error(`Redis ${url} holds ${size} keys: give the benchmark a database of its own`);
    }
    const before = new Set(await scanKeys(redis, size));
    const pid = Number(/^process_id:(\d+)/m.exec(await redis.info('server'))?.[1]);
    const local = pid > 0 && readCpu(pid) !== undefined;
    return new BenchRedis(redis, url.toString(), before, local ? pid : undefined);
  }

  /** Removes every key that was not there when the benchmark opened the database: what its servers wrote. */
  async removeOwnKeys(): Promise<number> {
    const added = (await scanKeys(this.redis, await this.redis.dbsize())).filter(
      (key) => !this.before.has(key),
    );
    for (let i = 0; i < added.length; i += SCAN_BATCH) {
      await this.redis.unlink(...added.slice(i, i + SCAN_BATCH));
    }
    return added.length;
  }

  close(): void {
    this.redis.disconnect();
  }
}

/** Every key of the database, which holds about `size` keys (the scan is bounded by it). */
async function scanKeys(redis: Redis, size: number): Promise<string[]> {
  const keys = new Set<string>();
  let cursor = '0';
  const rounds = Math.ceil(size / SCAN_BATCH) * 4 + 10;
  for (let round = 0; round < rounds; round++) {
    const [next, batch] = await redis.scan(cursor, 'COUNT', SCAN_BATCH);
    for (const key of batch) keys.add(key);
    cursor = next;
    if (cursor === '0') break;
  }
  return [...keys];
}
