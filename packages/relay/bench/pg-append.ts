/**
 * What an append costs on PostgreSQL beside SQLite, and what putting a room's queued appends in one insert
 * saves. Run: KOMPAS_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *   node --import tsx packages/relay/bench/pg-append.ts [--repeats 3]
 * (a server where it may create and drop a database of its own).
 *
 * 1. Latency: updates appended one at a time, each awaited (a quiet board): median and 95th percentile.
 * 2. Bursts: one room, BURST updates handed over at once, then the next burst (a busy board): updates/s.
 * 3. Many rooms: ROOMS rooms writing at once, each pipelining its updates: updates/s.
 * PgStorage with batching (default) and with one insert per append (maxAppendBatch 1); SqliteStorage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { PgStorage, SqliteStorage, type Storage } from '../src/index.ts';

const SEQUENTIAL = 500;
const BURST = 20;
const BURSTS = 100;
const ROOMS = 20;
const PER_ROOM = 200;
const meta = { actor: 'participant:bench', at: Date.now() };

const serverUrl = process.env.KOMPAS_BENCH_DATABASE_URL ?? process.env.KOMPAS_TEST_DATABASE_URL;
if (!serverUrl) throw new Error('set KOMPAS_BENCH_DATABASE_URL to a PostgreSQL server');
const repeatsAt = process.argv.indexOf('--repeats');
const repeats = repeatsAt > 0 ? Number(process.argv[repeatsAt + 1]) : 3;

function updates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => out.push(update));
  for (let i = 0; i < count; i++) doc.getText('text').insert(i, 'x');
  return out;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function sequential(storage: Storage): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (const update of updates(SEQUENTIAL)) {
    const start = performance.now();
    await storage.append('sequential', update, meta);
    times.push(performance.now() - start);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function bursts(storage: Storage): Promise<number> {
  const all = updates(BURST * BURSTS);
  const start = performance.now();
  for (let i = 0; i < all.length; i += BURST) {
    await Promise.all(all.slice(i, i + BURST).map((update) => storage.append('bursts', update, meta)));
  }
  return (all.length / (performance.now() - start)) * 1000;
}

async function manyRooms(storage: Storage): Promise<number> {
  const all = updates(PER_ROOM);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: ROOMS }, (_room, room) =>
      Promise.all(all.map((update) => storage.append(`room-${room}`, update, meta))),
    ),
  );
  return ((ROOMS * PER_ROOM) / (performance.now() - start)) * 1000;
}

interface Engine {
  name: string;
  open(): Promise<{ storage: Storage; dispose(): Promise<void> }>;
}

async function freshPg(maxAppendBatch?: number): Promise<{ storage: Storage; dispose(): Promise<void> }> {
  const name = `kompas_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Pool({ connectionString: serverUrl });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl as string);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString() });
  // Dropping the database right after the pool ended cuts connections still saying goodbye: not news.
  const logger = { info() {}, warn() {}, error() {} };
  const storage = await PgStorage.open(pool, { logger, ...(maxAppendBatch && { maxAppendBatch }) });
  return {
    storage,
    async dispose() {
      await storage.close();
      await pool.end();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const engines: Engine[] = [
  {
    name: 'SqliteStorage',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'kompas-bench-'));
      const storage = new SqliteStorage(dir);
      return {
        storage,
        async dispose() {
          await storage.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  { name: 'PgStorage', open: () => freshPg() },
  { name: 'PgStorage, an insert per append', open: () => freshPg(1) },
];

const fixed = (value: number, digits = 2) => value.toFixed(digits);
console.log(
  `${SEQUENTIAL} appends one at a time; ${BURSTS} bursts of ${BURST}; ${ROOMS} rooms x ${PER_ROOM} at once (${repeats} runs, ranges)`,
);
for (const engine of engines) {
  const p50s: number[] = [];
  const p95s: number[] = [];
  const burstRates: number[] = [];
  const roomRates: number[] = [];
  for (let run = 0; run < repeats; run++) {
    const { storage, dispose } = await engine.open();
    try {
      const latency = await sequential(storage);
      p50s.push(latency.p50);
      p95s.push(latency.p95);
      burstRates.push(await bursts(storage));
      roomRates.push(await manyRooms(storage));
    } finally {
      await dispose();
    }
  }
  const range = (values: number[], digits?: number) =>
    `${fixed(Math.min(...values), digits)}-${fixed(Math.max(...values), digits)}`;
  console.log(
    `${engine.name}: append p50 ${range(p50s)} ms, p95 ${range(p95s)} ms; bursts ${range(burstRates, 0)} updates/s; many rooms ${range(roomRates, 0)} updates/s`,
  );
}
