import {
  createNote,
  getBoardMeta,
  getNote,
  isPlainValue,
  listNotes,
  MIGRATIONS,
  NOTES_CSV_COLUMNS,
  notesType,
  openVotingRound,
  phaseHistoryType,
  readPhaseHistory,
  readRoundStarts,
  readStoredVote,
  readVotingRounds,
  roundStartsType,
  STEPS,
  type Step,
  startFacilitation,
  votesType,
  votingRoundsType,
} from '@kompas/model';
import type { RoomKind } from '@kompas/protocol';
import { CloseCode, MessageType } from '@kompas/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';
import { type BuiltChange, buildChange, type Person, type Sender } from './hostile-changes.ts';
import {
  type Client,
  type CreatedBoard,
  closeClients,
  connectSynced,
  createBoard,
  joinBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
} from './test-support.ts';

/**
 * A seeded fuzzer of well-formed but hostile Yjs updates: each step builds one change on a copy of what a room
 * holds and sends it as a raw sync frame over a connection of its own, with a participant's or facilitator's
 * person token. The server must refuse what is invalid (4422, 4429 past a budget, 4509 for missing
 * dependencies), take what is valid, keep honest clients connected and store nothing a reader would trip over.
 *
 * FUZZ_SEEDS=1,2,3 and FUZZ_STEPS=250 choose the run; a failure names the seed and step to run again.
 */
const SEEDS = (process.env.FUZZ_SEEDS ?? '1,2,3').split(',').map(Number);
const FUZZ_STEPS = Number(process.env.FUZZ_STEPS ?? 250);
/** Each seed stops early past this, so a slow machine cannot run the file into its timeout. */
const SEED_BUDGET_MS = Number(process.env.FUZZ_SEED_MS ?? 15_000) * Math.max(1, FUZZ_STEPS / 250);
/** Small, so that valid notes pass it and are closed with 4429. */
const MAX_NOTES = 40;
const ANSWER_TIMEOUT_MS = 5_000;
const CONTENT_ROOTS = ['meta', 'notes', 'votes', 'schema'];
const CONTROL_ROOTS = [
  'phaseHistory',
  'privateRound',
  'stepStatus',
  'votingRounds',
  'follow',
  'lock',
  'timer',
  'roundStarts',
];
const NOTE_FIELDS = ['text', 'step', 'pos', 'color', 'authorId', 'authorName', 'createdAt', 'updatedAt'];
/** A note of a round holds its round, and a carried note the note it came from. */
const OPTIONAL_NOTE_FIELDS = ['round', 'carriedFrom'];
const VOTE_FIELDS = ['round', 'voter', 'note', 'at'];
const KNOWN_MIGRATIONS = new Map(MIGRATIONS.map((migration) => [migration.id, migration.version]));
const REFUSAL_CODES: readonly number[] = [
  CloseCode.invalidData,
  CloseCode.overBudget,
  CloseCode.missingParts,
];

type Outcome = { kind: 'answered' } | { kind: 'closed'; code: number; reason: string };

let dataDir: string | undefined;
let server: TestServer | undefined;
let clients: Client[] = [];

afterEach(async () => {
  closeClients(...clients);
  clients = [];
  await server?.close();
  server = undefined;
  if (dataDir) await removeDir(dataDir);
  dataDir = undefined;
});

function syncFrame(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/**
 * Sends `update` once the server greeted, then asks for what it lacks (sync step 1): the server handles a
 * connection's frames in order, so an answer means the update was taken (or, read-only, dropped), and a close
 * before it means it was refused.
 */
function sendRaw(room: string, token: string, update: Uint8Array, asStep2: boolean, after: Uint8Array) {
  if (!server) throw new Error('no server');
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/ws/${room}?token=${token}`);
  return new Promise<Outcome>((resolve, reject) => {
    let sent = false;
    let answered = false;
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no answer and no close within ${ANSWER_TIMEOUT_MS} ms`));
    }, ANSWER_TIMEOUT_MS);
    ws.on('error', () => {}); // the close event carries what the step needs
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MessageType.sync) return;
      const syncType = decoding.readVarUint(decoder);
      if (!sent && syncType === messageYjsSyncStep1) {
        sent = true;
        ws.send(syncFrame(asStep2 ? messageYjsSyncStep2 : messageYjsUpdate, update));
        ws.send(syncFrame(messageYjsSyncStep1, after));
      } else if (sent && syncType === messageYjsSyncStep2 && !answered) {
        answered = true;
        ws.close(1000);
      }
    });
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve(answered ? { kind: 'answered' } : { kind: 'closed', code, reason: reason.toString() });
    });
  });
}

/** Counts every time an honest client's connection dropped. */
function watchDisconnects(client: Client, counts: Map<Client, number>): void {
  counts.set(client, 0);
  client.provider.on('status', ({ status }: { status: string }) => {
    if (status === 'disconnected') counts.set(client, (counts.get(client) ?? 0) + 1);
  });
  client.provider.on('connection-close', () => counts.set(client, (counts.get(client) ?? 0) + 1));
}

/** Why a board's content (or drafts) document holds data a reader would skip or trip over, or null. */
function findInvalidContent(doc: Y.Doc): string | null {
  for (const name of doc.share.keys()) if (!CONTENT_ROOTS.includes(name)) return `unknown root ${name}`;
  for (const [id, stored] of notesType(doc).entries()) {
    if (!getNote(doc, id) || !(stored instanceof Y.Map)) return `note ${id.slice(0, 40)} is unreadable`;
    const keys = [...stored.keys()].filter((key) => !OPTIONAL_NOTE_FIELDS.includes(key)).sort();
    if (JSON.stringify(keys) !== JSON.stringify([...NOTE_FIELDS].sort())) return `note ${id} holds ${keys}`;
    const pos = stored.get('pos') as object;
    if (JSON.stringify(Object.keys(pos).sort()) !== '["r","t"]') return `note ${id} has position ${pos}`;
  }
  for (const [id, stored] of votesType(doc).entries()) {
    const keys = typeof stored === 'object' && stored !== null ? Object.keys(stored).sort() : [];
    if (!readStoredVote(doc, id) || JSON.stringify(keys) !== JSON.stringify([...VOTE_FIELDS].sort())) {
      return `vote ${id.slice(0, 40)} is not exactly {round, voter, note, at}`;
    }
  }
  const meta = doc.getMap<unknown>('meta');
  if (meta.size > 0 && (meta.size !== 3 || !getBoardMeta(doc))) return 'meta is invalid';
  for (const [id, version] of doc.getMap<unknown>('schema')) {
    if (KNOWN_MIGRATIONS.get(id) !== version) return `schema records ${id.slice(0, 40)}`;
  }
  return null;
}

/** Why the facilitation state holds data a reader would skip or trip over, or null. */
function findInvalidControl(doc: Y.Doc): string | null {
  for (const name of doc.share.keys()) if (!CONTROL_ROOTS.includes(name)) return `unknown root ${name}`;
  const limits = { maxLength: 8 * 1024, maxDepth: 4 };
  const history = phaseHistoryType(doc);
  if (!history.toArray().every((entry) => isPlainValue(entry, limits))) return 'phase history is not plain';
  if (readPhaseHistory(doc).length !== history.length) return 'phase history holds an invalid visit';
  for (const name of CONTROL_ROOTS.filter((root) => root !== 'phaseHistory')) {
    for (const value of doc.getMap<unknown>(name).values()) {
      if (!isPlainValue(value, limits)) return `${name} holds a value that is not plain`;
    }
  }
  if (readVotingRounds(doc).length !== votingRoundsType(doc).size) return 'a voting round is invalid';
  if (readRoundStarts(doc).length !== roundStartsType(doc).size) return 'a round start is invalid';
  return null;
}

function sameSnapshot(a: Y.Doc, b: Y.Doc): boolean {
  return Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
}

async function getOk(path: string, token: string): Promise<string> {
  if (!server) throw new Error('no server');
  const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${body.slice(0, 200)}`);
  return body;
}

interface Stats {
  accepted: Record<string, number>;
  closed: Record<string, number>;
  steps: number;
}

/**
 * Every hostile writer comes from this one address, and each refusal counts against it: without lifting that
 * budget (refused-writes.test.ts covers it) the address would be kept out after ten refusals.
 */
const SERVER_FLAGS = ['--max-notes', String(MAX_NOTES), '--refused-writes-per-minute', '0'];

async function fuzz(seed: number): Promise<Stats> {
  const gen = prng.create(seed);
  const fail = (step: number, message: string) => new Error(`seed ${seed}, step ${step}: ${message}`);
  dataDir = await tempDir('fuzz');
  server = await startTestServer(dataDir, SERVER_FLAGS);
  const board: CreatedBoard = await createBoard(server);
  const bram = await joinBoard(server, board.id, board.invites.participant, 'Bram');
  const senders: (Sender & { token: string })[] = [
    { ...board.people.facilitator, role: 'facilitator', token: board.tokens.facilitator },
    { ...board.people.participant, role: 'participant', token: board.tokens.participant },
    { ...bram.person, role: 'participant', token: bram.token },
  ];
  const people: Person[] = [
    board.people.facilitator,
    board.people.participant,
    board.people.observer,
    bram.person,
  ];
  const control = `${board.id}.control`;
  const drafts = `${board.id}.drafts`;

  const connect = (room: string, token: string) => connectSynced(server as TestServer, room, token, clients);
  const honest = await connect(board.id, board.tokens.participant);
  const observer = await connect(board.id, board.tokens.observer);
  const observerControl = await connect(control, board.tokens.observer);
  const facilitatorControl = await connect(control, board.tokens.facilitator);
  const facilitatorDrafts = await connect(drafts, board.tokens.facilitator);
  const disconnects = new Map<Client, number>();
  for (const client of [honest, observer, observerControl, facilitatorControl, facilitatorDrafts]) {
    watchDisconnects(client, disconnects);
  }

  // Facilitation started and a round open, so votes can be placed; a few notes by others to be hostile to.
  startFacilitation(facilitatorControl.doc, { actor: board.people.facilitator.id });
  openVotingRound(facilitatorControl.doc, { budget: 5, scope: { kind: 'board' }, results: 'live' });
  await waitFor(() => readVotingRounds(observerControl.doc).length === 1, 'the voting round');
  for (const text of ['Wachtlijst', 'Mantelzorg', 'Wijkteam']) {
    createNote(honest.doc, { text, step: (STEPS[0] as Step).id, author: board.people.participant });
  }
  await waitFor(() => listNotes(observer.doc).length === 3, 'the first notes');

  const mirrors: Record<RoomKind, Client> = {
    content: observer,
    control: observerControl,
    drafts: facilitatorDrafts,
  };
  const rooms: Record<RoomKind, string> = { content: board.id, control, drafts };
  const refusedClients = new Set<number>();
  const stats: Stats = { accepted: {}, closed: {}, steps: 0 };
  const deadline = Date.now() + SEED_BUDGET_MS;

  for (let step = 0; step < FUZZ_STEPS && Date.now() < deadline; step++) {
    stats.steps = step + 1;
    const room = prng.real53(gen) < 0.65 ? 'content' : prng.bool(gen) ? 'control' : 'drafts';
    const sender = prng.oneOf(gen, senders);
    const mirror = mirrors[room].doc;
    const change: BuiltChange = buildChange({
      gen,
      room,
      sender,
      people,
      base: mirror,
      control: observerControl.doc,
    });
    const attempt = `${change.kind} change to ${room} by ${sender.role} ${sender.name}: ${change.what}`;
    // Not read for the control room, which has no notes: reading would add the name to its document.
    const notesBefore = room === 'control' ? 0 : notesType(mirror).size;
    const outcome = await sendRaw(
      rooms[room],
      sender.token,
      change.update,
      prng.bool(gen),
      Y.encodeStateVector(change.copy),
    ).catch((error: unknown) => {
      throw fail(step, `${attempt}: ${String(error)}`);
    });
    const readOnly = room === 'control' && sender.role !== 'facilitator';

    if (outcome.kind === 'closed') {
      const key = `${outcome.code} ${outcome.reason.replace(/".*$|‘.*$|[0-9a-f-]{36}/g, '…').slice(0, 60)}`;
      stats.closed[key] = (stats.closed[key] ?? 0) + 1;
      refusedClients.add(change.copy.clientID);
      if (!REFUSAL_CODES.includes(outcome.code)) {
        throw fail(step, `${attempt}: closed with ${outcome.code} ${outcome.reason}`);
      }
      if (change.kind === 'gap' && outcome.code !== CloseCode.missingParts) {
        throw fail(step, `${attempt}: closed with ${outcome.code} ${outcome.reason}, not 4509`);
      }
      if (change.kind === 'valid') {
        const overBudget = outcome.code === CloseCode.overBudget && notesBefore >= MAX_NOTES;
        if (!overBudget)
          throw fail(step, `${attempt}: a valid write was refused: ${outcome.code} ${outcome.reason}`);
      }
    } else if (readOnly) {
      refusedClients.add(change.copy.clientID);
    } else {
      if (change.kind === 'gap') throw fail(step, `${attempt}: taken although it lacks its dependencies`);
      const key = `${change.kind} ${room}`;
      stats.accepted[key] = (stats.accepted[key] ?? 0) + 1;
      await waitFor(() => sameSnapshot(mirror, change.copy), 'the change to reach the honest client').catch(
        () => {
          throw fail(step, `${attempt}: accepted, yet never reached the honest client`);
        },
      );
      const invalid = room === 'control' ? findInvalidControl(mirror) : findInvalidContent(mirror);
      if (invalid !== null) throw fail(step, `${attempt}: accepted, and now ${invalid}`);
    }
    change.copy.destroy();

    // Now and then the honest participant writes too, through the official client; it must reach the observer.
    if (step % 25 === 24 && notesType(honest.doc).size < MAX_NOTES - 1) {
      const note = createNote(honest.doc, {
        text: `Honest ${step}`,
        step: (STEPS[1] as Step).id,
        author: board.people.participant,
      });
      await waitFor(() => getNote(observer.doc, note.id) !== undefined, 'the honest note').catch(() => {
        throw fail(step, 'the honest participant’s note never reached the observer');
      });
    }
  }

  const health = await fetch(`${server.url}/healthz`);
  expect(health.status, `seed ${seed}: /healthz`).toBe(200);
  for (const [client, count] of disconnects) {
    expect(count, `seed ${seed}: disconnects of the honest client in ${client.provider.roomname}`).toBe(0);
  }
  await waitFor(() => sameSnapshot(honest.doc, observer.doc), 'the honest clients to converge').catch(() => {
    throw new Error(`seed ${seed}: the honest participant and the observer did not converge`);
  });
  expect(findInvalidContent(observer.doc), `seed ${seed}: the board as the observer holds it`).toBeNull();
  expect(findInvalidContent(facilitatorDrafts.doc), `seed ${seed}: the drafts`).toBeNull();
  expect(findInvalidControl(observerControl.doc), `seed ${seed}: the facilitation state`).toBeNull();
  for (const client of [observer, observerControl, facilitatorDrafts]) {
    const stored = [...Y.decodeStateVector(Y.encodeStateVector(client.doc)).keys()];
    const leaked = stored.filter((id) => refusedClients.has(id));
    expect(leaked, `seed ${seed}: refused writers stored in ${client.provider.roomname}`).toEqual([]);
  }
  await expectReadersAfterRestart(seed, board, observer.doc);
  return stats;
}

/** After a restart on the same data, the report and every replay route answer and agree with the board. */
async function expectReadersAfterRestart(seed: number, board: CreatedBoard, held: Y.Doc): Promise<void> {
  const notes = listNotes(held)
    .map((note) => note.id)
    .sort();
  const votes = [...votesType(held).keys()].sort();
  closeClients(...clients);
  clients = [];
  await server?.close();
  server = await startTestServer(dataDir as string, SERVER_FLAGS);
  const token = board.tokens.facilitator;
  const base = `/api/boards/${board.id}`;
  const now = Date.now();

  const replayed = JSON.parse(await getOk(`${base}/replay/board?at=${now}`, token)) as {
    state: { notes: Record<string, unknown>; votes: Record<string, unknown> };
  };
  expect(Object.keys(replayed.state.notes).sort(), `seed ${seed}: notes in the replay`).toEqual(notes);
  expect(Object.keys(replayed.state.votes).sort(), `seed ${seed}: votes in the replay`).toEqual(votes);
  const report = JSON.parse(await getOk(`${base}/report?format=json`, token)) as {
    totals: { notes: number };
  };
  expect(report.totals.notes, `seed ${seed}: notes in the report`).toBe(notes.length);
  expect(await getOk(`${base}/report?format=md`, token), `seed ${seed}: markdown report`).toContain('#');
  const csv = await getOk(`${base}/report?format=csv`, token);
  expect(csv.split('\n')[0], `seed ${seed}: csv header`).toContain(NOTES_CSV_COLUMNS.nl[0]);

  for (const part of [
    'frames',
    'events',
    `state?at=${now}`,
    `presence?from=${now - 60_000}&to=${now}`,
    'log?content=0&control=0',
  ]) {
    JSON.parse(await getOk(`${base}/replay/${part}`, token));
  }
}

describe('hostile but well-formed updates', () => {
  for (const seed of SEEDS) {
    it(`are refused or stored validly, seed ${seed}`, { timeout: SEED_BUDGET_MS + 30_000 }, async () => {
      const stats = await fuzz(seed);
      console.info(`seed ${seed}: ${stats.steps} steps`, JSON.stringify(stats));
      expect(Object.keys(stats.accepted).length, `seed ${seed}: some writes were taken`).toBeGreaterThan(0);
      expect(Object.keys(stats.closed).length, `seed ${seed}: some writes were refused`).toBeGreaterThan(0);
    });
  }
});
