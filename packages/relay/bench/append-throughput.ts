/**
 * How fast updates become durable, and what durability-before-relay costs end to end.
 * Run: node --import tsx packages/relay/bench/append-throughput.ts
 *
 * 1. SqliteStorage (group commit, synchronous=FULL) against one transaction per update (FULL and NORMAL),
 *    with updates arriving one at a time and in bursts (many clients writing in the same tick).
 * 2. A relay with N writers sending M updates each as fast as they can, until one reader has them all:
 *    MemoryStorage (no disk) against SqliteStorage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as encoding from 'lib0/encoding';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { createRelay, MemoryStorage, SqliteStorage, type Storage } from '../src/index.ts';

const UPDATES = 4000;
const BURST = 20;
const meta = { actor: 'participant:bench', at: Date.now() };

function updates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => out.push(update));
  for (let i = 0; i < count; i++) doc.getText('text').insert(i, 'x');
  return out;
}

function noteUpdates(writer: number, count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => out.push(update));
  for (let i = 0; i < count; i++) doc.getMap('notes').set(`note-${writer}-${i % 10}`, { x: i, y: i });
  return out;
}

function perSecond(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en')} updates/s`;
}

async function groupCommit(dir: string, burst: number): Promise<number> {
  const storage = new SqliteStorage(join(dir, `group-${burst}.sqlite`));
  const all = updates(UPDATES);
  const start = performance.now();
  for (let i = 0; i < all.length; i += burst) {
    await Promise.all(all.slice(i, i + burst).map((update) => storage.append('room', update, meta)));
  }
  const ms = performance.now() - start;
  await storage.close();
  return ms;
}

function transactionPerUpdate(dir: string, synchronous: 'FULL' | 'NORMAL'): number {
  const db = new Database(join(dir, `each-${synchronous}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(
    'CREATE TABLE updates (room TEXT, seq INTEGER, at INTEGER, actor TEXT, data BLOB, PRIMARY KEY (room, seq))',
  );
  const insert = db.prepare('INSERT INTO updates VALUES (?, ?, ?, ?, ?)');
  const all = updates(UPDATES);
  const start = performance.now();
  for (const [index, update] of all.entries()) {
    insert.run('room', index + 1, meta.at, meta.actor, Buffer.from(update));
  }
  const ms = performance.now() - start;
  db.close();
  return ms;
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

async function relayRun(storage: Storage, writers: number, perWriter: number): Promise<number> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  const relay = createRelay({ storage });
  let n = 0;
  wss.on('connection', (ws) =>
    relay.handleConnection(ws, { room: 'bench', readOnly: false, actor: `w:${n++}` }),
  );
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/bench`;
  const open = (): Promise<WebSocket> =>
    new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve(ws));
    });
  const reader = await open();
  const expected = writers * perWriter;
  let received = 0;
  const done = new Promise<void>((resolve) => {
    reader.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 2 && ++received === expected) resolve();
    });
  });
  const sockets = await Promise.all(Array.from({ length: writers }, open));
  // Each writer sets its own keys of a map (think: moves its own notes), so Yjs integration stays cheap and
  // the figure is about the relay and its storage.
  const frames = sockets.map((_ws, writer) => noteUpdates(writer, perWriter).map(updateFrame));
  const start = performance.now();
  sockets.forEach((ws, index) => {
    for (const frame of frames[index] ?? []) ws.send(frame);
  });
  await done;
  const ms = performance.now() - start;
  for (const ws of [reader, ...sockets]) ws.terminate();
  await relay.close();
  await new Promise((resolve) => wss.close(resolve));
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), 'kompas-bench-'));
try {
  console.log(`SqliteStorage, ${UPDATES} small text updates`);
  console.log(
    `  one transaction per update, FULL:   ${perSecond(UPDATES, transactionPerUpdate(dir, 'FULL'))}`,
  );
  console.log(
    `  one transaction per update, NORMAL: ${perSecond(UPDATES, transactionPerUpdate(dir, 'NORMAL'))}`,
  );
  console.log(`  group commit FULL, 1 per tick:      ${perSecond(UPDATES, await groupCommit(dir, 1))}`);
  console.log(
    `  group commit FULL, ${BURST} per tick:     ${perSecond(UPDATES, await groupCommit(dir, BURST))}`,
  );
  const writers = 20;
  const perWriter = 200;
  const total = writers * perWriter;
  console.log(
    `Relay, ${writers} writers x ${perWriter} updates, until one reader received all (median of 3)`,
  );
  const memory: number[] = [];
  const sqlite: number[] = [];
  for (let run = 0; run < 3; run++) {
    memory.push(await relayRun(new MemoryStorage(), writers, perWriter));
    sqlite.push(await relayRun(new SqliteStorage(join(dir, `relay-${run}.sqlite`)), writers, perWriter));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? Number.NaN;
  console.log(`  MemoryStorage: ${perSecond(total, median(memory))}`);
  console.log(
    `  SqliteStorage: ${perSecond(total, median(sqlite))} (${(median(sqlite) / median(memory)).toFixed(2)}x the time)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
