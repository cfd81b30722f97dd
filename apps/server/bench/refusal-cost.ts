/**
 * What a refused write costs the server on a board of 2,000 notes with some history: the time from sending
 * it to the server closing the writer (4422), for writes refused before they are tried (a BigInt in a new
 * note; a participant deleting someone else's note; a vote while no voting round is open) and for one refused
 * once applied to the room's document (someone else's note replaced whole by one under the writer's own name),
 * which then rebuilds the document. Also the longest the event loop was held meanwhile.
 * Run: node --import tsx apps/server/bench/refusal-cost.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createNote, listNotes, moveNote, notesType, votesType } from '@kompas/model';
import { CloseCode } from '@kompas/protocol';
import { encodeUpdate } from '@kompas/relay';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { connectClient, createBoard, startTestServer, waitFor } from '../src/test-support.ts';

const NOTES = Number(process.env.NOTES ?? 2000);
const MOVES_PER_NOTE = 3;
const RUNS = 20;
const TEXT = 'Wij hebben drie wijkteams en te weinig mensen om alle gezinnen op tijd te helpen; ';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function closeTime(url: string, frame: Uint8Array): Promise<number> {
  const socket = new WebSocket(url);
  // The greeting first, so the room is loaded and the time is the write's alone. Listening from the start:
  // it can arrive in the same read as the upgrade's answer.
  const greeted = new Promise((resolve) => socket.once('message', resolve));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  await greeted;
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const start = performance.now();
  socket.send(frame);
  const code = await closed;
  if (code !== CloseCode.invalidData) throw new Error(`expected ${CloseCode.invalidData}, got ${code}`);
  return performance.now() - start;
}

const dir = mkdtempSync(join(tmpdir(), 'kompas-refusals-'));
const server = await startTestServer(dir, ['--refused-writes-per-minute', '0', '--max-notes', '10000']);
try {
  const board = await createBoard(server);
  const writer = connectClient(server, board.id, board.tokens.facilitator);
  const observer = connectClient(server, board.id, board.tokens.observer);
  await waitFor(() => writer.provider.synced && observer.provider.synced, 'sync');
  const author = board.people.facilitator;
  const ids: string[] = [];
  for (let i = 0; i < NOTES; i++) {
    const step = i % 2 ? 'verkennen.partners' : 'richten.belangen';
    ids.push(createNote(writer.doc, { text: `${TEXT}${i}`, step, author }).id);
  }
  for (let move = 0; move < MOVES_PER_NOTE; move++) {
    for (const id of ids)
      moveNote(writer.doc, id, 'verkennen.partners', { r: Math.random(), t: Math.random() });
  }
  await waitFor(() => listNotes(observer.doc).length === NOTES, 'the notes', 120_000);
  const url = `${server.url.replace(/^http/, 'ws')}/ws/${board.id}?token=${board.tokens.participant}`;
  const participant = board.people.participant;

  const malformed = new Y.Doc();
  Y.applyUpdate(malformed, Y.encodeStateAsUpdate(observer.doc));
  const before = Y.encodeStateVector(malformed);
  notesType(malformed).set(
    'odd',
    new Y.Map<unknown>([
      ['createdAt', 10n],
      ['authorId', participant.id],
    ]),
  );
  const malformedFrame = encodeUpdate(Y.encodeStateAsUpdate(malformed, before));

  const deleting = new Y.Doc();
  Y.applyUpdate(deleting, Y.encodeStateAsUpdate(observer.doc));
  notesType(deleting).delete(ids[0] ?? '');
  const deleteFrame = encodeUpdate(Y.encodeStateAsUpdate(deleting, Y.encodeStateVector(observer.doc)));

  const voting = new Y.Doc();
  Y.applyUpdate(voting, Y.encodeStateAsUpdate(observer.doc));
  votesType(voting).set('vote', { round: 'no-round', voter: participant.id, note: ids[1] ?? '', at: 1 });
  const voteFrame = encodeUpdate(Y.encodeStateAsUpdate(voting, Y.encodeStateVector(observer.doc)));

  const replacing = new Y.Doc();
  Y.applyUpdate(replacing, Y.encodeStateAsUpdate(observer.doc));
  const target = notesType(replacing).get(ids[2] ?? '') as Y.Map<unknown>;
  const own: [string, unknown][] = [
    ['authorId', participant.id],
    ['authorName', participant.name],
  ];
  notesType(replacing).set(ids[2] ?? '', new Y.Map<unknown>([...target.entries(), ...own]));
  const replaceFrame = encodeUpdate(Y.encodeStateAsUpdate(replacing, Y.encodeStateVector(observer.doc)));

  const delay = monitorEventLoopDelay({ resolution: 1 });
  const figures: Record<string, { median: number; max: number; loop: number }> = {};
  for (const [name, frame] of [
    ['a BigInt, refused from the update', malformedFrame],
    ["another's note deleted, refused before", deleteFrame],
    ['a vote with no round open, refused before', voteFrame],
    ['a note replaced whole, once applied', replaceFrame],
  ] as const) {
    const times: number[] = [];
    delay.reset();
    delay.enable();
    for (let run = 0; run < RUNS; run++) times.push(await closeTime(url, frame));
    delay.disable();
    figures[name] = { median: median(times), max: Math.max(...times), loop: delay.max / 1e6 };
  }
  console.log(`Board: ${NOTES} notes, each moved ${MOVES_PER_NOTE} times; ${RUNS} refusals of each kind`);
  for (const [name, { median: mid, max, loop }] of Object.entries(figures)) {
    console.log(
      `${name.padEnd(40)} send to close: median ${mid.toFixed(1)} ms, max ${max.toFixed(1)} ms; longest event-loop stall ${loop.toFixed(1)} ms`,
    );
  }
  writer.provider.destroy();
  observer.provider.destroy();
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
// The official client's timers can outlive its provider by a few seconds; the figures are printed.
process.exit(0);
