/**
 * Opening and seeking a long recording, the way the replay view does it: a 3-hour session of 50,000 updates
 * (notes added, moved and edited, votes, phase changes, timers) is written into a real SqliteStorage with a
 * snapshot every N updates, as the relay takes them, with the cursors of 12 people recorded twice a second
 * each (the relay records at most five a second per person, on change); then the real server serves it, and a ReplaySession
 * (replay-session.ts: the server's recording route plus the replay engine) opens it and seeks to random times.
 * A seek is timed until the board's documents are at that time and read as the view reads them (notes, phase,
 * timer, votes); drawing them is not included.
 *
 * Run from the repo root: pnpm bench:replay [--updates 50000] [--hours 3] [--snapshot-every 500] [--seeks 200]
 *   [--cursor-hz 2]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  closeVotingRound,
  createNote,
  editNote,
  getFacilitation,
  latestVotingRound,
  listNotes,
  moveNote,
  nextPhase,
  openVotingRound,
  pauseTimer,
  placeVote,
  readTimer,
  resetTimer,
  STEPS,
  startFacilitation,
  startTimer,
  stateRoundVotes,
  type VotingRound,
} from '@kompas/model';
import { roomName } from '@kompas/protocol';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import {
  DEFAULT_SNAPSHOT_EVERY,
  type PresenceSample,
  SqliteStorage,
} from '../../../packages/relay/src/index.ts';
import { loadConfig } from '../../server/src/config.ts';
import { startServer } from '../../server/src/server.ts';
import { RecordingApi } from '../src/replay/replay-api.ts';
import { PRESENCE_AHEAD_MS, ReplaySession } from '../src/replay/replay-session.ts';

const { values: args } = parseArgs({
  options: {
    updates: { type: 'string', default: '50000' },
    hours: { type: 'string', default: '3' },
    'snapshot-every': { type: 'string', default: String(DEFAULT_SNAPSHOT_EVERY) },
    seeks: { type: 'string', default: '200' },
    opens: { type: 'string', default: '5' },
    'cursor-hz': { type: 'string', default: '2' },
  },
});
const UPDATES = Number(args.updates);
const SESSION_MS = Number(args.hours) * 3600_000;
const SNAPSHOT_EVERY = Number(args['snapshot-every']);
const SEEKS = Number(args.seeks);
const OPENS = Number(args.opens);
const CURSOR_HZ = Number(args['cursor-hz']);
for (const [name, value] of Object.entries({
  UPDATES,
  SESSION_MS,
  SNAPSHOT_EVERY,
  SEEKS,
  OPENS,
  CURSOR_HZ,
})) {
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`${name} must be a positive number`);
    process.exit(2);
  }
}

/** Deterministic, so every run writes the same session. */
function random(seed: number): () => number {
  const gen = prng.create(seed);
  return () => prng.real53(gen);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return `min ${ms(sorted[0] ?? 0)}  median ${ms(pick(0.5))}  p95 ${ms(pick(0.95))}  max ${ms(sorted.at(-1) ?? 0)}`;
}

interface Moment {
  at: number;
  notes: number;
  phase: string;
}

/** Writes the session into the board's rooms; returns moments to check seeks against. */
async function recordSession(storage: SqliteStorage, boardId: string, startAt: number): Promise<Moment[]> {
  const rand = random(4);
  const content = new Y.Doc();
  const control = new Y.Doc();
  const initial = await storage.load(boardId);
  if (initial.state) Y.applyUpdate(content, initial.state);
  const counts = new Map<string, number>([
    [boardId, initial.seq],
    [roomName(boardId, 'control'), 0],
  ]);
  let at = startAt;
  let actor = 'participant:1';
  const pending: Promise<number>[] = [];
  const write = (room: string) => (update: Uint8Array) => {
    pending.push(storage.append(room, update, { actor, at }));
    const count = (counts.get(room) ?? 0) + 1;
    counts.set(room, count);
    // As the relay does: a snapshot once a snapshot interval of updates has been logged since the last one.
    if (count % SNAPSHOT_EVERY === 0) pending.push(storage.snapshot(room));
  };
  content.on('update', write(boardId));
  control.on('update', write(roomName(boardId, 'control')));

  const people = Array.from({ length: 12 }, (_, index) => ({
    id: `person-${index}`,
    name: `Person ${index}`,
  }));
  const noteIds: string[] = [];
  const moments: Moment[] = [];
  let round: VotingRound | null = null;
  const step = () => STEPS[Math.floor(rand() * STEPS.length)]?.id ?? 'verkennen.opgave';
  const pos = () => ({ r: 0.15 + rand() * 0.7, t: 0.1 + rand() * 0.8 });
  startFacilitation(control, { actor: 'facilitator-1', now: at });
  const perUpdate = SESSION_MS / UPDATES;
  for (let index = 0; index < UPDATES - 1; index++) {
    at = Math.round(startAt + (index + 1) * perUpdate);
    const person = people[Math.floor(rand() * people.length)] ?? people[0];
    actor = `participant:${person?.id}`;
    const roll = rand();
    if (index % Math.floor(UPDATES / 15) === 0 && index > 0) {
      actor = 'facilitator:1';
      nextPhase(control, { actor: 'facilitator-1', now: at });
    } else if (index % 700 === 350) {
      actor = 'facilitator:1';
      const timer = readTimer(control).status;
      if (timer === 'running') pauseTimer(control, { now: at });
      else if (timer === 'paused') resetTimer(control, { now: at });
      else startTimer(control, { now: at });
    } else if (index % 8000 === 4000) {
      actor = 'facilitator:1';
      if (round) closeVotingRound(control, { now: at });
      round = openVotingRound(control, { budget: 5, scope: { kind: 'board' }, results: 'live' }, { now: at });
    } else if (index % 8000 === 6000 && round) {
      actor = 'facilitator:1';
      closeVotingRound(control, { now: at });
      round = null;
    } else if (noteIds.length < 20 || roll < 0.02) {
      const note = createNote(
        content,
        {
          text: `Idea ${noteIds.length + 1}`,
          step: step(),
          pos: pos(),
          author: person ?? { id: 'x', name: 'X' },
        },
        { now: at },
      );
      noteIds.push(note.id);
    } else if (round && roll < 0.05) {
      const noteId = noteIds[Math.floor(rand() * noteIds.length)] ?? '';
      try {
        placeVote(content, round, { note: noteId, voter: person?.id ?? 'x' });
      } catch {
        moveNote(content, noteId, step(), pos());
      }
    } else if (roll < 0.12) {
      const noteId = noteIds[Math.floor(rand() * noteIds.length)] ?? '';
      editNote(content, noteId, `Idea ${noteId.slice(0, 4)}, refined ${index}`, { now: at });
    } else {
      const noteId = noteIds[Math.floor(rand() * noteIds.length)] ?? '';
      moveNote(content, noteId, step(), pos(), { now: at });
    }
    if (index % 997 === 0)
      moments.push({ at, notes: listNotes(content).length, phase: getFacilitation(control).phase });
  }
  await Promise.all(pending);
  const samples = await recordCursors(storage, boardId, people, startAt);
  await storage.flush();
  const written = [...counts.values()].reduce((sum, count) => sum + count, 0) - initial.seq;
  console.log(
    `session: ${written} updates over ${(SESSION_MS / 3600_000).toFixed(1)} h (${counts.get(boardId)} content, ` +
      `${counts.get(roomName(boardId, 'control'))} control), ${noteIds.length} notes, snapshots every ${SNAPSHOT_EVERY}, ` +
      `${samples} cursor samples`,
  );
  return moments;
}

/** Each person's cursor wandering over the board, CURSOR_HZ samples a second, as the relay records them. */
async function recordCursors(
  storage: SqliteStorage,
  boardId: string,
  people: readonly { id: string; name: string }[],
  startAt: number,
): Promise<number> {
  const rand = random(7);
  const stepMs = 1000 / CURSOR_HZ;
  let batch: PresenceSample[] = [];
  let count = 0;
  for (let t = 0; t < SESSION_MS; t += stepMs) {
    for (const [index, person] of people.entries()) {
      const cursor = { x: Math.round(rand() * 2000 - 1000), y: Math.round(rand() * 2000 - 1000) };
      batch.push({
        at: Math.round(startAt + t + index),
        client: 1000 + index,
        state: { user: person, cursor },
      });
    }
    if (batch.length >= 5000) {
      count += batch.length;
      await storage.appendPresence(boardId, batch);
      batch = [];
    }
  }
  count += batch.length;
  await storage.appendPresence(boardId, batch);
  return count;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kompas-replay-bench-'));
  const config = loadConfig(['--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir], {});
  const quiet = { info: () => {}, warn: () => {}, error: (message: string) => console.error(message) };
  try {
    let server = await startServer(config, { logger: quiet });
    const created = (await (
      await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Replay benchmark', task: 'Three hours of work' }),
      })
    ).json()) as { id: string; tokens: { observer: string } };
    await server.close();

    const started = performance.now();
    const storage = new SqliteStorage(dataDir);
    const databaseFile = storage.file;
    // The session starts right after the board was created (its first update), as a real one would.
    const startAt = Date.now() + 1000;
    const moments = await recordSession(storage, created.id, startAt);
    await storage.close();
    const logged = (await stat(databaseFile)).size;
    console.log(`written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // The server indexes a board's log for replays as its workshop goes on. This session was written while
    // no server ran, so the server indexes it when it starts, in the background; the first open waits for that.
    server = await startServer(config, { logger: quiet });
    let api = new RecordingApi(created.id, created.tokens.observer, server.url);
    let begin = performance.now();
    await new ReplaySession(api).open();
    console.log(
      `indexing the whole session once (done as a workshop goes on): ${((performance.now() - begin) / 1000).toFixed(1)} s`,
    );
    await server.close();
    const indexed = (await stat(databaseFile)).size;
    console.log(`database: ${megabytes(logged)} with the logs, ${megabytes(indexed)} with the replay index`);

    // From here on, as after any restart: the index is stored, nothing is indexed again.
    server = await startServer(config, { logger: quiet });
    api = new RecordingApi(created.id, created.tokens.observer, server.url);
    try {
      const opens: number[] = [];
      let session = new ReplaySession(api);
      for (let run = 0; run < OPENS; run++) {
        session = new ReplaySession(api);
        begin = performance.now();
        await session.open();
        readBoard(session);
        opens.push(performance.now() - begin);
      }
      const [first = 0, ...later] = opens;
      console.log(`first open after a server restart: ${first.toFixed(1)} ms`);
      console.log(`open (span, events, board at the start): ${stats(later)}  (${later.length} runs)`);
      console.log(`  ${session.events.length} events, ${session.segments.length} phase segments`);

      const rand = random(9);
      const seeks: number[] = [];
      const local: number[] = [];
      for (let seek = 0; seek < SEEKS; seek++) {
        const t = session.start + rand() * (session.end - session.start);
        begin = performance.now();
        const from = await session.seek(t);
        readBoard(session);
        (from === 'server' ? seeks : local).push(performance.now() - begin);
      }
      console.log(`seek to a random time, state from the server: ${stats(seeks)}  (${seeks.length} seeks)`);
      if (local.length > 0)
        console.log(`seek within the loaded log:                   ${stats(local)}  (${local.length} seeks)`);

      // Where a seek's time goes: each request it makes, alone.
      const parts: Record<string, number[]> = { board: [], 'control state': [], presence: [] };
      for (let index = 0; index < 50; index++) {
        const t = session.start + rand() * (session.end - session.start);
        for (const [name, request] of [
          ['board', () => api.board(t)],
          ['control state', () => api.state(t, true)],
          ['presence', () => api.presence(t, t + PRESENCE_AHEAD_MS)],
        ] as const) {
          begin = performance.now();
          await request();
          parts[name]?.push(performance.now() - begin);
        }
      }
      for (const [name, times] of Object.entries(parts)) console.log(`  ${name} request: ${stats(times)}`);

      const reports: number[] = [];
      for (let run = 0; run < 5; run++) {
        begin = performance.now();
        const response = await fetch(`${server.url}/api/boards/${created.id}/report?format=json`, {
          headers: { Authorization: `Bearer ${created.tokens.observer}` },
        });
        await response.json();
        reports.push(performance.now() - begin);
      }
      console.log(`reflection report (JSON) of the session: ${stats(reports)}  (5 runs)`);

      let wrong = 0;
      for (const moment of moments) {
        await session.seek(moment.at);
        const notes = session.board.notes().length;
        const phase = getFacilitation(session.controlDoc).phase;
        if (notes !== moment.notes || phase !== moment.phase) wrong++;
      }
      console.log(`checked ${moments.length} moments against the session as written: ${wrong} differ`);
      if (wrong > 0) process.exitCode = 1;
    } finally {
      await server.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** What the view reads to show a moment: the notes, the phase, the timer and the votes. */
function readBoard(session: ReplaySession): void {
  session.board.notes();
  getFacilitation(session.controlDoc);
  readTimer(session.controlDoc);
  const round = latestVotingRound(session.controlDoc);
  if (round) stateRoundVotes(session.board.state, round);
  session.presence();
}

await main();
