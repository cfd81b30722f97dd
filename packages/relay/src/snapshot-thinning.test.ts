import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { SqliteStorage } from './sqlite-storage.ts';
import { KEEP_SNAPSHOT_EVERY, type Storage, snapshotsToDrop } from './storage.ts';
import { STORAGE_ENGINES } from './storage-engines.ts';

const ROOM = 'board';
const SNAPSHOT_EVERY = 500;
const meta = { actor: 'participant:1', at: 1_700_000_000_000 };

/** A fresh directory, removed when the test is over. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kompas-thinning-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `count` tiny updates of one text: mostly a character added at the end, now and then the first one deleted. */
function typing(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText('text');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) {
    if (i % 7 === 6) text.delete(0, 1);
    else text.insert(text.length, `${i % 10}`);
  }
  doc.destroy();
  return updates;
}

/** Shared by the tests: a room's 12,000 updates. */
const updates = typing(12_000);

/** Appends `updates` as the relay does: group-committed, with a snapshot after every SNAPSHOT_EVERY. */
async function record(storage: Storage, updates: readonly Uint8Array[]): Promise<void> {
  for (let start = 0; start < updates.length; start += SNAPSHOT_EVERY) {
    const batch = updates.slice(start, start + SNAPSHOT_EVERY);
    await Promise.all(batch.map((update) => storage.append(ROOM, update, meta)));
    if (batch.length === SNAPSHOT_EVERY) await storage.snapshot(ROOM);
  }
}

/** The position of the snapshot `readSnapshotAt` finds at every multiple of SNAPSHOT_EVERY up to `end`. */
async function snapshotsFound(storage: Storage, end: number): Promise<Array<number | null>> {
  const found = [];
  for (let seq = 0; seq <= end; seq += SNAPSHOT_EVERY) {
    found.push((await storage.readSnapshotAt(ROOM, seq))?.seq ?? null);
  }
  return found;
}

/** What `snapshotsFound` answers when exactly the snapshots at `kept` are stored. */
function foundWhenKept(kept: readonly number[], end: number): Array<number | null> {
  const found = [];
  for (let seq = 0; seq <= end; seq += SNAPSHOT_EVERY) found.push(kept.findLast((at) => at <= seq) ?? null);
  return found;
}

function docOf(parts: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const part of parts) Y.applyUpdate(doc, part);
  });
  return doc;
}

/** Text and state vector: equal for two documents that hold the same changes. */
function contentOf(doc: Y.Doc): { text: string; stateVector: number[] } {
  return { text: doc.getText('text').toString(), stateVector: Array.from(Y.encodeStateVector(doc)) };
}

describe('snapshotsToDrop', () => {
  it('keeps the oldest, the newest two, and further back one per KEEP_SNAPSHOT_EVERY positions', () => {
    expect(KEEP_SNAPSHOT_EVERY).toBe(5000);
    expect(snapshotsToDrop([])).toEqual([]);
    expect(snapshotsToDrop([500, 1000, 1500])).toEqual([]);
    expect(snapshotsToDrop([500, 1000, 1500, 2000])).toEqual([1000]);
    const seqs = [100, 200, 5099, 5100, 5150, 9000, 10_200, 10_300, 10_400];
    expect(snapshotsToDrop(seqs)).toEqual([200, 5099, 5150, 9000]);
    expect(snapshotsToDrop([100, 5100, 10_200, 10_300, 10_400])).toEqual([]);
  });
});

for (const engine of STORAGE_ENGINES)
  engine.describe(engine.name, () => {
    it('thins snapshots as they are taken, and still loads and rebuilds every state', async () => {
      const opened = await engine.open();
      const { storage } = opened;
      try {
        await record(storage, updates.slice(0, 6000));
        expect(await snapshotsFound(storage, 6000)).toEqual(foundWhenKept([500, 5500, 6000], 6000));

        await record(storage, updates.slice(6000));
        expect(await snapshotsFound(storage, 12_000)).toEqual(
          foundWhenKept([500, 5500, 10_500, 11_500, 12_000], 12_000),
        );
        expect((await storage.readSnapshotAt(ROOM, 11_999))?.seq).toBe(11_500);
        expect((await storage.readSnapshotAt(ROOM, 11_400))?.seq).toBe(10_500);
        expect((await storage.readSnapshotAt(ROOM, 10_499))?.seq).toBe(5500);
        expect(await storage.readSnapshotAt(ROOM, 499)).toBeNull();

        const everything = docOf(updates);
        const loaded = await storage.load(ROOM);
        expect(loaded).toMatchObject({ seq: 12_000, sinceSnapshot: 0 });
        expect(contentOf(docOf([loaded.state ?? new Uint8Array()]))).toEqual(contentOf(everything));

        const reference = new Y.Doc();
        let applied = 0;
        for (const seq of [1, 499, 500, 1000, 4999, 5500, 7777, 10_499, 11_250, 11_999, 12_000]) {
          for (const update of updates.slice(applied, seq)) Y.applyUpdate(reference, update);
          applied = seq;
          const snapshot = await storage.readSnapshotAt(ROOM, seq);
          const from = snapshot?.seq ?? 0;
          const tail = await storage.readLog(ROOM, { after: from, limit: seq - from });
          const parts = [...(snapshot ? [snapshot.state] : []), ...tail.map((entry) => entry.update)];
          expect(contentOf(docOf(parts)), `state at ${seq}`).toEqual(contentOf(reference));
        }
      } finally {
        await opened.dispose();
      }
    });
  });

describe('SqliteStorage', () => {
  it('thins the snapshots of a room stored before thinning the next time it takes one', async () => {
    const file = join(tempDir(), 'older.sqlite');
    const first = new SqliteStorage(file);
    await Promise.all(updates.slice(0, 6000).map((update) => first.append(ROOM, update, meta)));
    await first.close();
    // As an older relay left it: a snapshot every 500 positions, none ever removed.
    const db = new Database(file);
    const insert = db.prepare<[string, number, Buffer]>(
      'INSERT INTO snapshots (room, seq, data) VALUES (?, ?, ?)',
    );
    const doc = new Y.Doc();
    for (const [index, update] of updates.slice(0, 6000).entries()) {
      Y.applyUpdate(doc, update);
      if ((index + 1) % SNAPSHOT_EVERY === 0)
        insert.run(ROOM, index + 1, Buffer.from(Y.encodeStateAsUpdate(doc)));
    }
    db.close();

    const storage = new SqliteStorage(file);
    try {
      expect(await snapshotsFound(storage, 6000)).toEqual(
        foundWhenKept([500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5500, 6000], 6000),
      );
      await storage.append(ROOM, updates[6000] as Uint8Array, meta);
      expect(await storage.snapshot(ROOM)).toBe(6001);
      expect(await snapshotsFound(storage, 6000)).toEqual(foundWhenKept([500, 5500, 6000], 6000));
      expect((await storage.readSnapshotAt(ROOM, 6001))?.seq).toBe(6001);
      expect(contentOf(docOf([(await storage.load(ROOM)).state ?? new Uint8Array()]))).toEqual(
        contentOf(docOf(updates.slice(0, 6001))),
      );
    } finally {
      await storage.close();
    }
  });
});
