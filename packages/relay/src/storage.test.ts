import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Storage, StorageClosedError } from './storage.ts';
import { STORAGE_ENGINES, type TestStorage } from './storage-engines.ts';

let opened: TestStorage;
let storage: Storage;

/** A writer whose every change becomes one update, as a client's would. */
function writer() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates, text: doc.getText('text') };
}

function textOf(state: Uint8Array | null): string {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getText('text').toString();
}

const meta = { actor: 'participant:1', at: 1_700_000_000_000 };

for (const engine of STORAGE_ENGINES)
  engine.describe(engine.name, () => {
    beforeEach(async () => {
      opened = await engine.open();
      storage = opened.storage;
    });

    afterEach(async () => {
      await opened.dispose();
    });

    it('loads nothing for a room that was never written', async () => {
      expect(await storage.load('nobody')).toEqual({ state: null, seq: 0, sinceSnapshot: 0 });
      expect(await storage.readLog('nobody')).toEqual([]);
      expect(await storage.snapshot('nobody')).toBe(0);
    });

    it('appends updates with positions per room and loads their merged state', async () => {
      const { text, updates } = writer();
      text.insert(0, 'hello');
      text.insert(5, ' world');
      text.delete(0, 1);
      const seqs = [];
      for (const update of updates) seqs.push(await storage.append('a', update, meta));
      expect(seqs).toEqual([1, 2, 3]);
      expect(await storage.append('b', updates[0] as Uint8Array, meta)).toBe(1);

      const loaded = await storage.load('a');
      expect(textOf(loaded.state)).toBe('ello world');
      expect(loaded.seq).toBe(3);
      expect(loaded.sinceSnapshot).toBe(3);
      expect(textOf((await storage.load('b')).state)).toBe('hello');
    });

    it('loads every append made before, even those not resolved yet', async () => {
      const { text, updates } = writer();
      text.insert(0, 'a');
      text.insert(1, 'b');
      text.insert(2, 'c');
      const appended = updates.map((update) => storage.append('room', update, meta));
      const loaded = await storage.load('room');
      expect(textOf(loaded.state)).toBe('abc');
      expect(loaded.seq).toBe(3);
      expect(await Promise.all(appended)).toEqual([1, 2, 3]);
    });

    it.runIf(engine.persistent)('keeps the log, snapshots and positions across a restart', async () => {
      const { text, updates } = writer();
      for (let i = 0; i < 30; i++) text.insert(i, `${i % 10}`);
      for (const update of updates.slice(0, 20)) await storage.append('room', update, meta);
      await storage.snapshot('room');
      for (const update of updates.slice(20, 25)) await storage.append('room', update, meta);
      await storage.close();

      const restarted = await opened.reopen();
      expect(await restarted.load('room')).toMatchObject({ seq: 25, sinceSnapshot: 5 });
      for (const update of updates.slice(25)) await restarted.append('room', update, meta);
      const loaded = await restarted.load('room');
      expect(loaded.seq).toBe(30);
      expect(textOf(loaded.state)).toBe('012345678901234567890123456789');
      expect((await restarted.readLog('room')).length).toBe(30);
    });

    it.runIf(engine.countsAppends)('counts the appends that became durable, in latency buckets', async () => {
      const { text, updates } = writer();
      for (let i = 0; i < 5; i++) text.insert(i, 'x');
      await Promise.all(updates.map((update) => storage.append('room', update, meta)));
      const stats = storage.storeStats?.();
      expect(stats?.appends).toBe(5);
      expect(stats?.appendMs.count).toBe(5);
      expect(stats?.appendMs.sumMs).toBeGreaterThan(0);
      const buckets = stats?.appendMs.buckets ?? [];
      expect(buckets.map((bucket) => bucket.le)).toEqual([
        1,
        2,
        5,
        10,
        25,
        50,
        100,
        250,
        500,
        1000,
        Infinity,
      ]);
      // Cumulative: every append is in the last bucket, and no bucket holds fewer than the one before.
      expect(buckets.at(-1)?.count).toBe(5);
      expect(buckets.every((bucket, i) => i === 0 || bucket.count >= (buckets[i - 1]?.count ?? 0))).toBe(
        true,
      );
    });

    it("tells how many bytes a room's log holds", async () => {
      const { text, updates } = writer();
      text.insert(0, 'hello');
      text.insert(5, ' world');
      expect(await storage.logBytes('a')).toBe(0);
      for (const update of updates) await storage.append('a', update, meta);
      await storage.append('b', updates[0] as Uint8Array, meta);
      const sizes = updates.map((update) => update.byteLength);
      expect(await storage.logBytes('a')).toBe((sizes[0] ?? 0) + (sizes[1] ?? 0));
      // A snapshot is derived from the log and does not count.
      await storage.snapshot('a');
      expect(await storage.logBytes('a')).toBe((sizes[0] ?? 0) + (sizes[1] ?? 0));
      expect(await storage.logBytes('b')).toBe(sizes[0]);
    });

    it('keeps actor and time with each entry and reads the log in ranges', async () => {
      const { text, updates } = writer();
      for (let i = 0; i < 5; i++) text.insert(i, `${i}`);
      for (const [i, update] of updates.entries()) {
        await storage.append('room', update, { actor: `participant:${i}`, at: 1000 + i });
      }
      const log = await storage.readLog('room');
      expect(log.map((entry) => [entry.seq, entry.actor, entry.at])).toEqual([
        [1, 'participant:0', 1000],
        [2, 'participant:1', 1001],
        [3, 'participant:2', 1002],
        [4, 'participant:3', 1003],
        [5, 'participant:4', 1004],
      ]);
      expect(log.map((entry) => Array.from(entry.update))).toEqual(
        updates.map((update) => Array.from(update)),
      );
      const middle = await storage.readLog('room', { after: 1, limit: 2 });
      expect(middle.map((entry) => entry.seq)).toEqual([2, 3]);
    });

    it('loads a snapshot plus later updates to the same state, and keeps the log', async () => {
      const { text, updates } = writer();
      text.insert(0, 'abc');
      text.insert(3, 'def');
      for (const update of updates.splice(0)) await storage.append('room', update, meta);
      expect(await storage.snapshot('room')).toBe(2);
      expect(await storage.snapshot('room')).toBe(2);
      expect((await storage.load('room')).sinceSnapshot).toBe(0);

      text.delete(1, 2);
      text.insert(0, '>');
      for (const update of updates.splice(0)) await storage.append('room', update, meta);
      const loaded = await storage.load('room');
      expect(textOf(loaded.state)).toBe('>adef');
      expect(loaded).toMatchObject({ seq: 4, sinceSnapshot: 2 });
      expect((await storage.readLog('room')).map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
    });

    it('stores a state it is given as the snapshot at its position, and loads from it', async () => {
      const { doc, text, updates } = writer();
      text.insert(0, 'abc');
      text.insert(3, 'def');
      for (const update of updates.splice(0)) await storage.append('room', update, meta);
      expect(await storage.snapshot('room', { seq: 2, state: Y.encodeStateAsUpdate(doc) })).toBe(2);
      text.insert(6, '!');
      for (const update of updates.splice(0)) await storage.append('room', update, meta);
      const loaded = await storage.load('room');
      expect(loaded).toMatchObject({ seq: 3, sinceSnapshot: 1 });
      expect(textOf(loaded.state)).toBe('abcdef!');
      expect(textOf((await storage.readSnapshotAt('room', 2))?.state ?? null)).toBe('abcdef');
    });

    it('finds the latest snapshot at or before a log position, for seeking in a replay', async () => {
      const { text, updates } = writer();
      expect(await storage.readSnapshotAt('room', 10)).toBeNull();
      for (const word of ['one ', 'two ', 'three ']) {
        text.insert(text.length, word);
        for (const update of updates.splice(0)) await storage.append('room', update, meta);
        await storage.snapshot('room');
      }
      expect(await storage.readSnapshotAt('room', 0)).toBeNull();
      const second = await storage.readSnapshotAt('room', 2);
      expect(second?.seq).toBe(2);
      expect(textOf(second?.state ?? null)).toBe('one two ');
      expect((await storage.readSnapshotAt('room', 99))?.seq).toBe(3);
    });

    it('records presence samples and reads them back by time', async () => {
      const ada = { user: { id: 'ada', name: 'Ada', color: '#123456' }, cursor: { x: 1.5, y: -2 } };
      await storage.appendPresence('room', [
        { at: 100, client: 7, state: ada },
        { at: 200, client: 8, state: { user: { id: 'bo', name: 'Bo' }, cursor: null } },
      ]);
      await storage.appendPresence('room', [{ at: 300, client: 7, state: null }]);
      await storage.appendPresence('other', [{ at: 150, client: 9, state: {} }]);
      expect(await storage.readPresence('room')).toEqual([
        { at: 100, client: 7, state: ada },
        { at: 200, client: 8, state: { user: { id: 'bo', name: 'Bo' }, cursor: null } },
        { at: 300, client: 7, state: null },
      ]);
      expect((await storage.readPresence('room', { from: 150, to: 300 })).map((sample) => sample.at)).toEqual(
        [200, 300],
      );
      expect(await storage.readPresence('nobody')).toEqual([]);
    });

    it("finds each client's latest sample at a moment, and everyone who ever took part", async () => {
      const ada = (x: number) => ({ user: { id: 'ada', name: 'Ada' }, cursor: { x, y: 0 } });
      const bo = { user: { id: 'bo', name: 'Bo' }, cursor: null };
      await storage.appendPresence('room', [
        { at: 100, client: 7, state: ada(1) },
        { at: 150, client: 8, state: bo },
        { at: 200, client: 7, state: ada(2) },
      ]);
      await storage.appendPresence('room', [
        { at: 300, client: 7, state: null },
        { at: 400, client: 9, state: ada(3) },
      ]);
      await storage.appendPresence('other', [{ at: 150, client: 10, state: bo }]);

      expect(await storage.readLatestPresence('room', { from: 0, to: 250 })).toEqual([
        { at: 200, client: 7, state: ada(2) },
        { at: 150, client: 8, state: bo },
      ]);
      // Client 7 had left by 350; client 8's sample is older than the range; 9 came later.
      expect(await storage.readLatestPresence('room', { from: 160, to: 350 })).toEqual([
        { at: 300, client: 7, state: null },
      ]);
      expect(await storage.readLatestPresence('room', { from: 0, to: 99 })).toEqual([]);
      expect(await storage.readPresenceClients('room')).toEqual([
        { at: 200, client: 7, state: ada(2) },
        { at: 150, client: 8, state: bo },
        { at: 400, client: 9, state: ada(3) },
      ]);
      expect(await storage.readPresenceClients('nobody')).toEqual([]);
    });

    it('counts the presence samples of a room, per person, for the recording ceilings', async () => {
      expect(await storage.countPresence('room')).toEqual({ samples: 0, byPerson: new Map() });
      const ada = { user: { id: 'ada', name: 'Ada' }, cursor: null };
      await storage.appendPresence('room', [
        { at: 100, client: 7, state: ada, person: 'ada' },
        { at: 150, client: 8, state: ada, person: 'ada' },
        { at: 200, client: 9, state: { user: { id: 'bo', name: 'Bo' } }, person: 'bo' },
      ]);
      await storage.appendPresence('room', [
        { at: 300, client: 7, state: null, person: 'ada' },
        { at: 400, client: 10, state: {} },
      ]);
      await storage.appendPresence('other', [{ at: 150, client: 11, state: ada, person: 'ada' }]);
      expect(await storage.countPresence('room')).toEqual({
        samples: 5,
        byPerson: new Map([
          ['ada', 3],
          ['bo', 1],
        ]),
      });
      // The person is counted, not kept in the samples: the state says who it was.
      expect((await storage.readPresence('room'))[0]).toEqual({ at: 100, client: 7, state: ada });
      expect(Object.keys((await storage.readPresence('room'))[0] ?? {})).not.toContain('person');
    });

    it('rejects every call once closed', async () => {
      await storage.close();
      await expect(storage.append('room', new Uint8Array([0, 0]), meta)).rejects.toBeInstanceOf(
        StorageClosedError,
      );
      await expect(storage.load('room')).rejects.toBeInstanceOf(StorageClosedError);
      await expect(storage.readLog('room')).rejects.toBeInstanceOf(StorageClosedError);
    });
  });
