import {
  applyFrame,
  createNote,
  getFacilitation,
  listNotes,
  moveNote,
  nextPhase,
  notesType,
  startFacilitation,
} from '@kompas/model';
import {
  type BoardStateJson,
  parseBoardEvents,
  parseBoardFrames,
  parseBoardState,
  parseRecordingLog,
  parseRecordingPresence,
  parseRecordingState,
  type RecordingPresenceJson,
  type RecordingStateJson,
} from '@kompas/protocol';
import { MemoryStorage } from '@kompas/relay';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from './logger.ts';
import { RecordingQueryError, readRecording } from './recording-route.ts';
import { ReplayIndex } from './replay-index.ts';
import { SqliteReplayStore } from './sqlite-replay-store.ts';
import {
  type Client,
  type CreatedBoard,
  closeClients,
  connectSynced,
  createBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
} from './test-support.ts';

/** Ans is a person of the board the server test makes; the storage tests only need a valid author. */
let ans = { id: 'user-ans', name: 'Ans' };

function docOf(state: string | null): Y.Doc {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, Buffer.from(state, 'base64'));
  return doc;
}

describe('the recording of a board served over HTTP', () => {
  let dataDir: string;
  let server: TestServer;
  let board: CreatedBoard;
  const clients: Client[] = [];
  /** Server-side moments between the steps of the session, with what the board held then. */
  const moments: { at: number; notes: string[]; phase: string | null }[] = [];

  function join(room: string, token: string): Promise<Client> {
    return connectSynced(server, room, token, clients);
  }

  async function pause(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 30));
  }

  beforeAll(async () => {
    dataDir = await tempDir('recording');
    server = await startTestServer(dataDir);
    board = await createBoard(server);
    ans = board.people.participant;
    const control = await join(`${board.id}.control`, board.tokens.facilitator);
    const content = await join(board.id, board.tokens.participant);
    const drafts = await join(`${board.id}.drafts`, board.tokens.participant);
    const watchContent = await join(board.id, board.tokens.observer);
    const watchControl = await join(`${board.id}.control`, board.tokens.observer);
    const watchDrafts = await join(`${board.id}.drafts`, board.tokens.facilitator);
    const seen = () => ({
      at: Date.now(),
      notes: listNotes(watchContent.doc).map((note) => `${note.id}@${note.step}`),
      phase: getFacilitation(watchControl.doc).started ? getFacilitation(watchControl.doc).phase : null,
    });

    moments.push(seen());
    await pause();
    startFacilitation(control.doc, { actor: 'user-fay' });
    createNote(content.doc, { id: 'one', text: 'First', step: 'verkennen.eigen-situatie', author: ans });
    await waitFor(
      () => listNotes(watchContent.doc).length === 1 && getFacilitation(watchControl.doc).started,
      'one',
    );
    await pause();
    moments.push(seen());
    await pause();
    moveNote(content.doc, 'one', 'verkennen.partners', { r: 0.4, t: 0.4 });
    createNote(content.doc, { id: 'two', text: 'Second', step: 'verkennen.opgave', author: ans });
    createNote(drafts.doc, { text: 'A secret draft', step: 'verkennen.partners', author: ans });
    nextPhase(control.doc, { actor: 'user-fay' });
    await waitFor(
      () =>
        listNotes(watchContent.doc).length === 2 &&
        listNotes(watchContent.doc)[0]?.step !== 'verkennen.eigen-situatie' &&
        getFacilitation(watchControl.doc).phase === 'richten' &&
        listNotes(watchDrafts.doc).length === 1,
      'the second moment',
    );
    await pause();
    moments.push(seen());
    content.provider.awareness.setLocalState({
      user: { ...ans, color: '#e5484d' },
      cursor: { x: 10, y: 20 },
    });
  });

  afterAll(async () => {
    closeClients(...clients);
    await server.close();
    await removeDir(dataDir);
  });

  function get(part: string, token: string | null = board.tokens.observer) {
    return fetch(`${server.url}/api/boards/${board.id}/replay/${part}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
  }

  it('gives the state of both rooms at any moment of the session', async () => {
    for (const moment of moments) {
      const response = await get(`state?at=${moment.at}`);
      expect(response.status).toBe(200);
      const answer = parseRecordingState(await response.json());
      const content = docOf(answer.content.state);
      const control = docOf(answer.control.state);
      expect(listNotes(content).map((note) => `${note.id}@${note.step}`)).toEqual(moment.notes);
      const facilitation = getFacilitation(control);
      expect(facilitation.started ? facilitation.phase : null).toBe(moment.phase);
      expect(answer.start).toBeLessThanOrEqual(moments[0]?.at ?? 0);
      expect(answer.end).toBeGreaterThan(moments[1]?.at ?? 0);
    }
    const before = parseRecordingState(await (await get('state?at=0')).json());
    expect(before.content).toEqual({ seq: 0, state: null });
    expect(before.control).toEqual({ seq: 0, state: null });
  });

  it('gives the board at any moment as plain notes, and the frames that play it forward', async () => {
    const plain = (state: BoardStateJson['state']) =>
      Object.values(state.notes)
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
        .map((note) => `${note.id}@${note.step}`);
    for (const moment of moments) {
      const answer = parseBoardState(await (await get(`board?at=${moment.at}`)).json());
      expect(plain(answer.state)).toEqual(moment.notes);
    }
    // Playing every frame from the first moment on ends where the board is at the last one.
    const first = parseBoardState(await (await get(`board?at=${moments[0]?.at}`)).json());
    const last = parseBoardState(await (await get(`board?at=${moments.at(-1)?.at}`)).json());
    const { frames } = parseBoardFrames(await (await get(`frames?after=${first.seq}`)).json());
    const played = first.state;
    for (const frame of frames) if (frame.seq <= last.seq) applyFrame(played, frame);
    expect(played).toEqual(last.state);
    expect(JSON.stringify(frames)).not.toContain('A secret draft');
    const { events } = parseBoardEvents(await (await get('events')).json());
    expect(events.map((event) => [event.kind, event.text, event.actor])).toEqual([
      ['note-added', 'First', ans.id],
      ['note-added', 'Second', ans.id],
    ]);
    expect(events[0]?.at).toBeGreaterThan(moments[0]?.at ?? 0);
    expect(frames.every((frame) => frame.actor.startsWith('participant:') || frame.actor === 'server')).toBe(
      true,
    );
  });

  it('gives the log of the content and control rooms after given positions, never the drafts', async () => {
    const all = parseRecordingLog(await (await get('log?content=0&control=0')).json());
    const contentEntries = all.content?.entries ?? [];
    const controlEntries = all.control?.entries ?? [];
    expect(contentEntries.map((entry) => entry.seq)).toEqual(contentEntries.map((_, index) => index + 1));
    expect(controlEntries.length).toBeGreaterThanOrEqual(2);
    expect(all.content?.more).toBe(false);
    const replayed = new Y.Doc();
    for (const entry of contentEntries) Y.applyUpdate(replayed, Buffer.from(entry.update, 'base64'));
    expect(listNotes(replayed).map((note) => note.id)).toEqual(['one', 'two']);
    for (const entry of [...contentEntries, ...controlEntries]) {
      expect(Buffer.from(entry.update, 'base64').toString('latin1')).not.toContain('secret draft');
      expect(entry.actor).toMatch(/^(facilitator|participant|server)/);
    }
    expect(
      contentEntries.every((entry, index) => index === 0 || entry.at >= (contentEntries[index - 1]?.at ?? 0)),
    ).toBe(true);

    const after = contentEntries.length - 1;
    const rest = parseRecordingLog(await (await get(`log?content=${after}`)).json());
    expect(rest.content?.entries.map((entry) => entry.seq)).toEqual([after + 1]);
    expect(rest.control).toBeUndefined();
    const page = parseRecordingLog(await (await get('log?control=0&limit=1')).json());
    expect(page.control?.entries).toHaveLength(1);
    expect(page.control?.more).toBe(true);
  });

  it('gives the recorded presence, and who was present at a moment', async () => {
    const from = moments[0]?.at ?? 0;
    let samples: RecordingPresenceJson['samples'] = [];
    // The relay records presence a moment after it relays it: ask until the cursor is there.
    for (let attempt = 0; attempt < 100 && samples.length === 0; attempt++) {
      const answer = parseRecordingPresence(
        await (await get(`presence?from=${from}&to=${Date.now()}`)).json(),
      );
      samples = answer.samples.filter((sample) => sample.state?.cursor);
      if (samples.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(samples.at(-1)?.state).toMatchObject({ user: { name: 'Ans' }, cursor: { x: 10, y: 20 } });
    const later = Date.now();
    const answer = parseRecordingPresence(
      await (await get(`presence?from=${later}&to=${later + 1000}`)).json(),
    );
    expect(answer.samples).toEqual([]);
    expect(answer.present.map((sample) => sample.state)).toContainEqual(
      expect.objectContaining({ cursor: { x: 10, y: 20 } }),
    );
  });

  it('refuses requests without a valid token and malformed queries', async () => {
    expect((await get('state?at=0', null)).status).toBe(401);
    expect((await get('state?at=0', 'forged.token')).status).toBe(403);
    const missing = await get('state');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: '"at" is required: a time in milliseconds' });
    expect((await get('log?content=-1')).status).toBe(400);
    expect((await get('log?content=0&limit=0')).status).toBe(400);
    expect((await get('presence?from=0&to=99999999999')).status).toBe(400);
    expect((await get('drafts')).status).toBe(404);
  });
});

describe('readRecording', () => {
  /** A room of 50 updates, one note each, received 1 s apart from t = 1000; snapshots every 20. */
  async function recordedRoom() {
    const storage = new MemoryStorage();
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => {
      const seq = notesType(doc).size;
      void storage.append('board', update, { actor: `participant:${seq}`, at: 1000 * seq });
    });
    for (let index = 1; index <= 50; index++) {
      createNote(doc, { id: `n${index}`, text: `Note ${index}`, step: 'verkennen.opgave', author: ans });
      if (index % 20 === 0) await storage.snapshot('board');
    }
    const replay = new ReplayIndex(new SqliteReplayStore(new Database(':memory:')), storage, {
      logger: silentLogger,
    });
    return { storage, replay };
  }

  it('builds a state from the nearest snapshot and the updates after it', async () => {
    const recorded = await recordedRoom();
    for (const [at, notes] of [
      [999, 0],
      [1000, 1],
      [20_500, 20],
      [35_000, 35],
      [40_000, 40],
      [99_000, 50],
    ] as const) {
      const answer = (await readRecording(
        recorded,
        'board',
        'state',
        new URLSearchParams({ at: `${at}` }),
      )) as RecordingStateJson;
      expect(answer.content.seq).toBe(notes);
      expect(listNotes(docOf(answer.content.state))).toHaveLength(notes);
      expect(answer.start).toBe(1000);
      expect(answer.end).toBe(50_000);
    }
  });

  it('says what is wrong with a query', async () => {
    const recorded = await recordedRoom();
    await expect(
      readRecording(recorded, 'board', 'log', new URLSearchParams({ content: 'x' })),
    ).rejects.toThrow(RecordingQueryError);
    await expect(
      readRecording(recorded, 'board', 'presence', new URLSearchParams({ from: '5' })),
    ).rejects.toThrow('"to" is required');
  });
});
