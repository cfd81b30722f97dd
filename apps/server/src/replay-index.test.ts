import { join } from 'node:path';
import { createNote, deleteNote, editNote, initBoard, listNotes, moveNote, type Note } from '@kompas/model';
import { type LogEntry, MemoryStorage, SQLITE_FILE_NAME } from '@kompas/relay';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from './logger.ts';
import { clientWriter, KEYFRAME_EVERY, ReplayIndex, type ReplayIndexOptions } from './replay-index.ts';
import type { IndexedUpdate } from './replay-store.ts';
import {
  ansAuthor,
  expectedNotes,
  REPLAY_ENGINES,
  RecordedRoom,
  ROOM,
  sortedNotes,
} from './replay-test-support.ts';
import { SqliteReplayStore } from './sqlite-replay-store.ts';
import {
  type Client,
  closeClients,
  connectSynced,
  createBoard,
  removeDir,
  startTestServer,
  tempDir,
  waitFor,
} from './test-support.ts';

for (const engine of REPLAY_ENGINES) {
  engine.describe(`ReplayIndex on ${engine.name}`, () => {
    const stores = engine.stores();
    const indexes: ReplayIndex[] = [];

    afterEach(async () => {
      await Promise.all(indexes.splice(0).map((index) => index.close()));
    });

    async function openIndex(
      storage: MemoryStorage,
      options: Partial<ReplayIndexOptions> = {},
      database?: string,
    ): Promise<ReplayIndex> {
      const index = new ReplayIndex(await stores.open(database), storage, {
        logger: silentLogger,
        ...options,
      });
      indexes.push(index);
      return index;
    }

    it('stores a slice only where the index ends, so none is stored or counted twice', async () => {
      const store = await stores.open();
      const update = (seq: number): IndexedUpdate => ({
        seq,
        at: seq * 10,
        actor: 'participant:1',
        changes: JSON.stringify({ notes: {}, votes: {} }),
        events: [`{"seq":${seq}}`],
        activity: { writer: 'ans', edits: 1, moves: 2 },
        keyframe: null,
      });
      expect(await store.store(ROOM, 0, [update(1), update(2)])).toBe(true);
      // Stored already by another server, or not following on from the end: nothing of it is kept.
      expect(await store.store(ROOM, 0, [update(1), update(2)])).toBe(false);
      expect(await store.store(ROOM, 3, [update(4)])).toBe(false);
      expect(await store.store(ROOM, 2, [update(3)])).toBe(true);

      expect((await store.frames(ROOM, { after: 0 })).map((frame) => frame.seq)).toEqual([1, 2, 3]);
      expect(await store.events(ROOM)).toEqual(['{"seq":1}', '{"seq":2}', '{"seq":3}']);
      expect(await store.activity(ROOM)).toEqual([{ writer: 'ans', edits: 3, moves: 6 }]);
    });

    it('rebuilds the room at any time, on both sides of its keyframes', async () => {
      const room = new RecordedRoom(new MemoryStorage());
      await room.write(2 * KEYFRAME_EVERY + 321);
      const index = await openIndex(room.storage);
      await index.catchUp(ROOM);

      expect(await index.indexedSeq(ROOM)).toBe(room.seq);
      expect(await index.span(ROOM)).toEqual({ start: 10, end: room.seq * 10, endSeq: room.seq });
      const positions = [1, 2, 499, 999, 1000, 1001, 1500, 2000, 2001, room.seq];
      for (const seq of positions) {
        const { seq: found, state } = await index.stateAt(ROOM, seq * 10 + 5);
        expect(found).toBe(seq);
        expect(sortedNotes(state)).toEqual(expectedNotes(room, seq));
      }
      expect(await index.stateAt(ROOM, 9)).toEqual({ seq: 0, state: { notes: {}, votes: {}, meta: null } });
      expect(sortedNotes(await index.latestState(ROOM))).toEqual(expectedNotes(room, room.seq));
      // Frames carry what changed: applied after the state at 1,500 they give the state at 1,510.
      const frames = await index.framesAfter(ROOM, 1500, 10);
      expect(frames.map((frame) => frame.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 1501 + i));
    });

    it('keeps its index over a restart and goes on from where it stopped', async () => {
      const room = new RecordedRoom(new MemoryStorage());
      await room.write(1234);
      const first = await openIndex(room.storage);
      await first.catchUp(ROOM);
      const eventsBefore = await first.events(ROOM);
      await first.close();
      await stores.close();

      // More is logged while no index runs (its document has to be rebuilt from the snapshot at 1,000 and the log).
      await room.write(900);
      const second = await openIndex(room.storage);
      expect(await second.indexedSeq(ROOM)).toBe(1234);
      expect(sortedNotes((await second.stateAt(ROOM, 1234 * 10)).state)).toEqual(expectedNotes(room, 1234));

      await second.catchUp(ROOM);
      expect(await second.indexedSeq(ROOM)).toBe(room.seq);
      for (const seq of [1235, 1500, 2000, room.seq]) {
        expect(sortedNotes((await second.stateAt(ROOM, seq * 10)).state)).toEqual(expectedNotes(room, seq));
      }
      // Every note ever added is one event, whether it came before or after the restart.
      const events = await second.events(ROOM);
      const added = events.filter((event) => event.kind === 'note-added');
      const everAdded = new Set([...room.notesAt.values()].flat().map((note) => note.id));
      expect(added).toHaveLength(everAdded.size);
      expect(events.slice(0, eventsBefore.length)).toEqual(eventsBefore);
    });

    it('indexes boards logged before it existed, without keeping their documents in memory', async () => {
      const storage = new MemoryStorage();
      const first = new RecordedRoom(storage);
      await first.write(300);
      const index = await openIndex(storage);
      await index.catchUpAll([ROOM, 'never-logged']);
      expect(await index.indexedSeq(ROOM)).toBe(300);
      expect(await index.indexedSeq('never-logged')).toBe(0);
      expect(index.heldDocuments).toBe(0);

      // A board whose workshop goes on keeps its document, so the next updates are taken in at once.
      await first.write(10);
      await index.catchUp(ROOM);
      expect(await index.indexedSeq(ROOM)).toBe(310);
      expect(index.heldDocuments).toBe(1);
    });

    it('keeps the document of an open board, and lets go of it once the board has been closed a while', async () => {
      const room = new RecordedRoom(new MemoryStorage());
      await room.write(20);
      let open = true;
      const index = await openIndex(room.storage, { idleMs: 1000, isOpen: () => open });
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        await index.catchUp(ROOM);
        expect(index.heldDocuments).toBe(1);
        // A quiet spell in a workshop: nothing is taken in, but the board is open.
        vi.advanceTimersByTime(10_000);
        expect(index.heldDocuments).toBe(1);

        open = false;
        vi.advanceTimersByTime(1000);
        expect(index.heldDocuments).toBe(0);
        // Taken up again where it stopped, from the stored snapshot and log.
        await room.write(5);
        await index.catchUp(ROOM);
        expect(index.heldDocuments).toBe(1);
        expect(sortedNotes(await index.latestState(ROOM))).toEqual(expectedNotes(room, 25));
      } finally {
        vi.useRealTimers();
      }
    });

    it('skips, with a log line, an update it cannot take in, and goes on after it', async () => {
      const storage = new MemoryStorage();
      const doc = new Y.Doc();
      const pending: Promise<number>[] = [];
      const log = (update: Uint8Array) =>
        pending.push(storage.append(ROOM, update, { actor: 'participant:1', at: 1 }));
      doc.on('update', log);
      createNote(doc, { id: 'before', text: 'Before', step: 'verkennen.opgave', author: ansAuthor });
      log(new Uint8Array([0xff, 0xff, 0xff, 0xff])); // not a Yjs update
      createNote(doc, { id: 'after', text: 'After', step: 'verkennen.opgave', author: ansAuthor });
      await Promise.all(pending);

      const warnings: string[] = [];
      const logger = {
        ...silentLogger,
        warn: (message: string, fields?: object) => warnings.push(`${message} ${JSON.stringify(fields)}`),
      };
      const index = await openIndex(storage, { logger });
      await index.catchUp(ROOM);

      expect(await index.indexedSeq(ROOM)).toBe(3);
      expect(Object.keys((await index.latestState(ROOM)).notes).sort()).toEqual(['after', 'before']);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^replay index skipped an update it cannot store .*"seq":2/);
    });

    it('stores, for the writes a room tells it of, the frames it would take in from the log', async () => {
      const storage = new MemoryStorage();
      const writer = new RecordedRoom(new MemoryStorage());
      const room = new Y.Doc();
      const followed = await openIndex(storage, { delayMs: 0 });
      const follow = followed.follow(ROOM, room);
      const readLog = vi.spyOn(storage, 'readLog');
      let tell = false;
      let at = 0;
      const appends: Promise<unknown>[] = [];
      room.on('update', (update: Uint8Array, _origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => {
        at += 10;
        const meta = { actor: 'participant:1', at };
        const logged = tell ? follow({ doc, transaction, update, ...meta }) : undefined;
        appends.push(storage.append(ROOM, update, meta).then((seq) => logged?.(seq)));
      });
      writer.doc.on('update', (update: Uint8Array) => Y.applyUpdate(room, update, 'client'));
      // Logged by someone else before the room's writes: the index takes these in from the log.
      await writer.write(20);
      tell = true;
      initBoard(writer.doc, { title: 'Told', task: 'By the room' });
      await writer.write(KEYFRAME_EVERY + 100);
      await Promise.all(appends);
      const end = writer.seq;
      await waitFor(async () => (await followed.indexedSeq(ROOM)) === end, 'the told writes to be indexed');
      // Only the untold ones were read back from the log.
      const read = await Promise.all(
        readLog.mock.results.map((result) => result.value as Promise<LogEntry[]>),
      );
      expect(read.flat().map((entry) => entry.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

      const fromLog = await openIndex(storage, {}, 'from-log');
      await fromLog.catchUp(ROOM);
      expect(await followed.framesAfter(ROOM, 0, 2 * end)).toEqual(
        await fromLog.framesAfter(ROOM, 0, 2 * end),
      );
      expect(await followed.events(ROOM)).toEqual(await fromLog.events(ROOM));
      expect(await followed.activity(ROOM)).toEqual(await fromLog.activity(ROOM));
      for (const seq of [20, 21, 999, KEYFRAME_EVERY, end]) {
        expect(await followed.stateAt(ROOM, seq * 10)).toEqual(await fromLog.stateAt(ROOM, seq * 10));
      }
      expect((await followed.latestState(ROOM)).meta?.title).toBe('Told');
    });

    it('keeps the document current where the log fills gaps between told writes, rather than loading it for each', async () => {
      const storage = new MemoryStorage();
      const writer = new RecordedRoom(new MemoryStorage());
      const room = new Y.Doc();
      const index = await openIndex(storage, { delayMs: 0 });
      const follow = index.follow(ROOM, room);
      const loads = vi.spyOn(storage, 'readSnapshotAt');
      let at = 0;
      let logged = Promise.resolve();
      // As on one of two servers a board's people write on: seven writes told, seven made on the other server.
      room.on('update', (update: Uint8Array, _origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => {
        at += 10;
        const meta = { actor: 'participant:1', at };
        const told =
          Math.floor(at / 70) % 2 === 0 ? follow({ doc, transaction, update, ...meta }) : undefined;
        // Logged in order, as a room's log is.
        logged = logged.then(async () => {
          const seq = await storage.append(ROOM, update, meta);
          told?.(seq);
        });
      });
      writer.doc.on('update', (update: Uint8Array) => Y.applyUpdate(room, update, 'client'));
      for (let round = 0; round < 20; round++) {
        await writer.write(70);
        await logged;
        await waitFor(
          async () => (await index.indexedSeq(ROOM)) >= writer.seq - 7,
          'the told writes to be indexed',
        );
      }
      await index.catchUp(ROOM);

      // Loaded once when the first gap was met, not once per gap.
      expect(loads.mock.calls.length).toBeLessThanOrEqual(1);
      const fromLog = await openIndex(storage, {}, 'from-log');
      await fromLog.catchUp(ROOM);
      const end = writer.seq;
      expect(await index.framesAfter(ROOM, 0, end)).toEqual(await fromLog.framesAfter(ROOM, 0, end));
      expect(await index.activity(ROOM)).toEqual(await fromLog.activity(ROOM));
    });

    it('stores the keyframes of a board of more notes than KEYFRAME_EVERY that many positions apart', async () => {
      const storage = new MemoryStorage();
      const doc = new Y.Doc();
      const checked = [KEYFRAME_EVERY, 2 * KEYFRAME_EVERY, 2 * KEYFRAME_EVERY + 1];
      const notesAt = new Map<number, Note[]>();
      const pending: Promise<number>[] = [];
      doc.on('update', (update: Uint8Array) => {
        const seq = pending.length + 1;
        pending.push(storage.append(ROOM, update, { actor: 'participant:1', at: seq * 10 }));
        if (checked.includes(seq))
          notesAt.set(
            seq,
            listNotes(doc).sort((a, b) => (a.id < b.id ? -1 : 1)),
          );
      });
      // One update with more notes than KEYFRAME_EVERY, then single edits.
      doc.transact(() => {
        for (let i = 0; i <= KEYFRAME_EVERY; i++) {
          createNote(doc, { text: `Idea ${i}`, step: 'verkennen.opgave', author: ansAuthor }, { now: i });
        }
      });
      const ids = listNotes(doc).map((note) => note.id);
      for (let i = 0; i < 2 * KEYFRAME_EVERY; i++) {
        editNote(doc, ids[i % ids.length] ?? '', `Idea, refined at ${i}`, { now: KEYFRAME_EVERY + i });
      }
      await Promise.all(pending);
      const index = await openIndex(storage);
      await index.catchUp(ROOM);

      // After the first, as many positions on as the board had notes: one more than KEYFRAME_EVERY.
      expect(await stores.keyframeSeqs(ROOM)).toEqual([KEYFRAME_EVERY, 2 * KEYFRAME_EVERY + 1]);
      for (const seq of checked) {
        expect(sortedNotes((await index.stateAt(ROOM, seq * 10)).state)).toEqual(notesAt.get(seq));
      }
    });

    it('counts the notes each writer edited and moved', async () => {
      const storage = new MemoryStorage();
      const ans = new Y.Doc();
      const pim = new Y.Doc();
      let at = 0;
      const pending: Promise<unknown>[] = [];
      for (const [doc, other] of [
        [ans, pim],
        [pim, ans],
      ] as const) {
        doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin === 'remote') return;
          pending.push(storage.append(ROOM, update, { actor: 'participant:1', at: ++at }));
          Y.applyUpdate(other, update, 'remote');
        });
      }
      const note = createNote(ans, {
        text: 'Shared goal',
        step: 'verkennen.opgave',
        author: ansAuthor,
      });
      moveNote(pim, note.id, 'verkennen.opgave', { r: 0.3, t: 0.3 });
      moveNote(pim, note.id, 'richten.ambitie', { r: 0.4, t: 0.4 });
      editNote(ans, note.id, 'Shared goal, sharper');
      editNote(pim, note.id, 'Shared goal, sharper still');
      deleteNote(ans, note.id);
      await Promise.all(pending);

      const index = await openIndex(storage);
      await index.catchUp(ROOM);
      const byWriter = new Map(
        (await index.activity(ROOM)).map(({ writer, edits, moves }) => [writer, { edits, moves }]),
      );
      expect(byWriter.get(clientWriter(ans.clientID))).toEqual({ edits: 1, moves: 0 });
      expect(byWriter.get(clientWriter(pim.clientID))).toEqual({ edits: 1, moves: 2 });
      expect(byWriter.size).toBe(2);
    });

    it('attributes edits and moves to the person the server stamped on the update, whatever Yjs client wrote it', async () => {
      const storage = new MemoryStorage();
      const doc = new Y.Doc();
      const persons = ['AAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBB'];
      let writer = persons[0] ?? '';
      let at = 0;
      const pending: Promise<unknown>[] = [];
      doc.on('update', (update: Uint8Array) => {
        pending.push(storage.append(ROOM, update, { actor: `participant:${writer}`, at: ++at }));
      });
      const note = createNote(doc, { text: 'Shared goal', step: 'verkennen.opgave', author: ansAuthor });
      // The same Yjs client, as a hostile browser could claim another's: the log's actor decides.
      writer = persons[1] ?? '';
      moveNote(doc, note.id, 'richten.ambitie', { r: 0.4, t: 0.4 });
      editNote(doc, note.id, 'Shared goal, sharper');
      await Promise.all(pending);
      const index = await openIndex(storage);
      await index.catchUp(ROOM);
      expect(await index.activity(ROOM)).toEqual([{ writer: persons[1], edits: 1, moves: 1 }]);
    });
  });
}

describe('SqliteReplayStore', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await tempDir('kompas-replay-store-');
  });

  afterEach(async () => {
    await removeDir(dir);
  });

  it('indexes anew a database whose index has another form', async () => {
    const room = new RecordedRoom(new MemoryStorage());
    await room.write(300);
    const firstDb = new Database(join(dir, 'index.sqlite'));
    const first = new ReplayIndex(new SqliteReplayStore(firstDb), room.storage, { logger: silentLogger });
    await first.catchUp(ROOM);
    firstDb.prepare('UPDATE replay_index_version SET version = 0').run();
    firstDb.prepare('UPDATE replay_frames SET changes = ? WHERE seq = 1').run('{"broken": true}');
    await first.close();
    firstDb.close();

    const secondDb = new Database(join(dir, 'index.sqlite'));
    try {
      const second = new ReplayIndex(new SqliteReplayStore(secondDb), room.storage, { logger: silentLogger });
      expect(await second.indexedSeq(ROOM)).toBe(0);
      await second.catchUp(ROOM);
      expect(sortedNotes((await second.stateAt(ROOM, 300 * 10)).state)).toEqual(expectedNotes(room, 300));
      expect((await second.framesAfter(ROOM, 0, 1))[0]).not.toHaveProperty('broken');
      await second.close();
    } finally {
      secondDb.close();
    }
  });
});

describe('ReplayIndex when its database is out of reach a moment', () => {
  it('tries the followed writes again later, without another write to set it off', async () => {
    const storage = new MemoryStorage();
    const store = new SqliteReplayStore(new Database(':memory:'));
    const failOnce = vi.spyOn(store, 'store').mockRejectedValueOnce(new Error('connection refused'));
    const index = new ReplayIndex(store, storage, { logger: silentLogger, delayMs: 0 });
    const room = new Y.Doc();
    const follow = index.follow(ROOM, room);
    const appends: Promise<unknown>[] = [];
    room.on('update', (update: Uint8Array, _origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => {
      const meta = { actor: 'participant:1', at: 10 };
      const logged = follow({ doc, transaction, update, ...meta });
      appends.push(storage.append(ROOM, update, meta).then((seq) => logged?.(seq)));
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      createNote(room, { id: 'kept', text: 'Kept', step: 'verkennen.opgave', author: ansAuthor });
      await Promise.all(appends);
      await vi.advanceTimersByTimeAsync(0);
      await waitForCall(failOnce);
      expect(await index.indexedSeq(ROOM)).toBe(0);

      await vi.advanceTimersByTimeAsync(10_000);
      await waitForCall(failOnce, 2);
      expect(Object.keys((await index.latestState(ROOM)).notes)).toEqual(['kept']);
    } finally {
      vi.useRealTimers();
      await index.close();
    }
  });
});

/** Lets the event loop turn until `spy` was called `times` times and its last call settled. */
async function waitForCall(spy: { mock: { results: { value: unknown }[] } }, times = 1): Promise<void> {
  for (let turn = 0; spy.mock.results.length < times; turn++) {
    if (turn > 1000) throw new Error(`the store was called ${spy.mock.results.length} times, not ${times}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.allSettled([spy.mock.results.at(-1)?.value]);
}

describe('the server', () => {
  let dir: string;
  const clients: Client[] = [];

  beforeEach(async () => {
    dir = await tempDir('kompas-replay-live-');
  });

  afterEach(async () => {
    closeClients(...clients.splice(0));
    await removeDir(dir);
  });

  it('indexes a board for replays while its workshop goes on, without being asked', async () => {
    const server = await startTestServer(dir);
    const reader = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
    try {
      const board = await createBoard(server);
      const client = await connectSynced(server, board.id, board.tokens.participant, clients);
      for (let index = 0; index < 5; index++) {
        createNote(client.doc, {
          text: `Idea ${index}`,
          step: 'verkennen.opgave',
          author: board.people.participant,
        });
      }
      const count = reader.prepare<[string], { frames: number }>(
        'SELECT COUNT(*) AS frames FROM replay_frames WHERE room = ?',
      );
      // The board's first state, logged at creation, and the five notes.
      await waitFor(() => (count.get(board.id)?.frames ?? 0) === 6, 'the board to be indexed', 10_000);
      const notes = reader
        .prepare<[string], { changes: string }>(
          'SELECT changes FROM replay_frames WHERE room = ? ORDER BY seq',
        )
        .all(board.id)
        .flatMap((row) => Object.values((JSON.parse(row.changes) as { notes: Record<string, Note> }).notes));
      expect(notes.map((note) => note.text)).toEqual(['Idea 0', 'Idea 1', 'Idea 2', 'Idea 3', 'Idea 4']);
    } finally {
      reader.close();
      await server.close();
    }
  });

  it('lets go of its copy of a board soon after everyone left it, and not while anyone is on it', async () => {
    const server = await startTestServer(dir, ['--replay-idle-seconds', '0.2']);
    try {
      const board = await createBoard(server);
      const client = await connectSynced(server, board.id, board.tokens.participant, clients);
      createNote(client.doc, { text: 'Idea', step: 'verkennen.opgave', author: board.people.participant });
      await waitFor(() => server.stats().replayDocuments === 1, 'the board to be indexed', 10_000);
      // Five idle times with the board open.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(server.stats().replayDocuments).toBe(1);

      closeClients(...clients.splice(0));
      await waitFor(() => server.stats().replayDocuments === 0, 'the copy to be let go');
      expect(server.stats().rooms).toBe(0);
    } finally {
      await server.close();
    }
  });
});
