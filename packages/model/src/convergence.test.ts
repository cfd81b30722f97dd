import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getBoardMeta, initBoard } from './board.ts';
import { isModelError, type ModelErrorCode } from './errors.ts';
import {
  BOARD_RADIUS,
  CENTRE_RADIUS,
  type SlicePosition,
  sliceAngles,
  slicePositionToPoint,
} from './geometry.ts';
import {
  createNote,
  deleteNote,
  editNote,
  getNote,
  isNoteColor,
  listNotes,
  moveNote,
  NOTE_COLORS,
  NOTE_TEXT_MAX,
  type NoteColor,
  normaliseText,
  notesType,
  recolorNote,
} from './note.ts';
import { getStep, isStepId, STEPS, type StepId } from './phases.ts';
import { CURRENT_SCHEMA_VERSION, migrateBoard } from './schema.ts';
import { type SimulatedClient, SimulatedNetwork } from './simulated-network.ts';

/**
 * Randomized convergence, in the manner of Yjs's own tests: several clients do random valid and invalid
 * operations while updates arrive in random order and clients drop off and come back. At the end everyone
 * reconnects and every client must hold the same document, with every note valid.
 * Rerun one seed with KOMPAS_SEED=<seed>; change the length with KOMPAS_ITERATIONS=<n>.
 */
const DEFAULT_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 42, 1337, 2024, 31337];
const SEEDS = process.env.KOMPAS_SEED ? [Number(process.env.KOMPAS_SEED)] : DEFAULT_SEEDS;
const ITERATIONS = Number(process.env.KOMPAS_ITERATIONS ?? 400);
const CLIENT_COUNT = 6;

const WORDS = [
  'partner',
  'ambitie',
  'opgave',
  'belang',
  'wijk',
  'zorg',
  'samen',
  'regio',
  'vorm',
  'reflectie',
];
const AUTHORS = [
  { id: 'anna', name: 'Anna' },
  { id: 'bram', name: '  Bram de Vries ' },
  { id: 'chen', name: 'Chen 🌱' },
];
const BAD_TEXTS: unknown[] = [
  '',
  '   \n ',
  'x'.repeat(NOTE_TEXT_MAX + 1),
  'bel\u0007l',
  'cr\rlf',
  'half \ud800',
  42,
];
const BAD_POSITIONS: unknown[] = [
  { r: Number.NaN, t: 0.5 },
  { r: 0.5, t: 1.01 },
  { r: -0.1, t: 0.5 },
  { r: 0.5, t: Number.POSITIVE_INFINITY },
  { r: 0.5 },
  null,
];
const BAD_STEPS: unknown[] = ['verkennen', 'verkennen.nope', '', 7];
const BAD_COLORS: unknown[] = ['red', 'Yellow', '', undefined];
const BAD_AUTHORS: unknown[] = [
  { id: '', name: 'Anna' },
  { id: 'x'.repeat(65), name: 'Anna' },
  { id: 'anna', name: '   ' },
  { id: 'anna', name: 'n'.repeat(61) },
  { id: 'anna', name: 'two\nlines' },
  null,
];
const BAD_IDS: unknown[] = ['', 'i'.repeat(65), 'tab\tid'];

interface Run {
  seed: number;
  gen: prng.PRNG;
  network: SimulatedNetwork;
  clock: number;
  nextId: number;
}

describe('randomized convergence', () => {
  it.each(SEEDS)('converges with seed %i', (seed) => {
    try {
      simulate(seed);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`seed ${seed} failed (rerun with KOMPAS_SEED=${seed}): ${message}`, { cause: error });
    }
  });
});

function simulate(seed: number): void {
  const gen = prng.create(seed);
  const run: Run = {
    seed,
    gen,
    network: new SimulatedNetwork(gen, CLIENT_COUNT),
    clock: 1_767_225_600_000,
    nextId: 0,
  };
  const { network } = run;
  for (const client of network.clients) client.disconnect();
  // Every client migrates before it has heard of the others, as concurrent first opens would.
  const [first, ...others] = network.clients;
  if (!first) throw new Error('no clients');
  initBoard(first.doc, { title: 'Convergentie', task: 'Samen één bord' }, { origin: 'setup' });
  for (const client of others) migrateBoard(client.doc);
  for (const client of network.clients) client.connect();

  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const roll = prng.int32(gen, 0, 99);
    const client = prng.oneOf(gen, network.clients);
    if (roll < 40) validOperation(run, client);
    else if (roll < 52) invalidOperation(run, client);
    else if (roll < 54) corruptNote(run, client);
    else if (roll < 85) for (let n = prng.int32(gen, 1, 6); n > 0; n--) network.deliverRandom();
    else if (roll < 90) network.disconnectRandom();
    else network.reconnectRandom();
    if (iteration % 25 === 0) checkInvariants(seed, client);
  }

  network.syncAll();
  for (const client of network.clients) checkInvariants(seed, client);
  checkConverged(seed, network.clients);
}

function tick(run: Run): number {
  run.clock += prng.int32(run.gen, 0, 3000);
  return run.clock;
}

function randomText(gen: prng.PRNG): string {
  const words = Array.from({ length: prng.int32(gen, 1, 8) }, () => prng.oneOf(gen, WORDS));
  const separator = prng.int32(gen, 0, 9) === 0 ? '\n' : ' ';
  return `${prng.bool(gen) ? '  ' : ''}${words.join(separator)}${prng.bool(gen) ? ' 🙂' : ''}`;
}

function randomPosition(gen: prng.PRNG): SlicePosition {
  const edge = () => prng.oneOf(gen, [0, 1]);
  return {
    r: prng.int32(gen, 0, 9) === 0 ? edge() : prng.real53(gen),
    t: prng.int32(gen, 0, 9) === 0 ? edge() : prng.real53(gen),
  };
}

function randomStep(gen: prng.PRNG): StepId {
  return prng.oneOf(gen, [...STEPS]).id;
}

function randomColor(gen: prng.PRNG): NoteColor {
  return prng.oneOf(gen, [...NOTE_COLORS]);
}

/** An operation with valid input on a note this client can see: it must succeed. */
function validOperation(run: Run, client: SimulatedClient): void {
  const { gen, seed } = run;
  const { doc } = client;
  const notes = listNotes(doc);
  const kind = notes.length === 0 ? 0 : prng.int32(gen, 0, 6);
  const target = notes.length === 0 ? undefined : prng.oneOf(gen, notes);
  if (kind <= 2 || !target) {
    const text = randomText(gen);
    const note = createNote(
      doc,
      {
        id: `note-${seed}-${run.nextId++}`,
        text,
        step: randomStep(gen),
        pos: randomPosition(gen),
        color: randomColor(gen),
        author: prng.oneOf(gen, AUTHORS),
      },
      { now: tick(run) },
    );
    expect(note.text).toBe(text.trim());
    expect(getNote(doc, note.id)).toEqual(note);
  } else if (kind === 3) {
    expect(editNote(doc, target.id, randomText(gen), { now: tick(run) })).toEqual(getNote(doc, target.id));
  } else if (kind === 4) {
    const moved = moveNote(doc, target.id, randomStep(gen), randomPosition(gen), { now: tick(run) });
    expect(moved).toEqual(getNote(doc, target.id));
  } else if (kind === 5) {
    expect(recolorNote(doc, target.id, randomColor(gen), { now: tick(run) })).toEqual(
      getNote(doc, target.id),
    );
  } else {
    deleteNote(doc, target.id);
    expect(getNote(doc, target.id)).toBeUndefined();
  }
}

/** An operation with one bad input: it must throw the expected ModelError and write nothing. */
function invalidOperation(run: Run, client: SimulatedClient): void {
  const { gen } = run;
  const { doc } = client;
  const notes = listNotes(doc);
  const existing = notes.length > 0 ? prng.oneOf(gen, notes).id : undefined;
  const unknownId = `missing-${prng.uint32(gen, 0, 1_000_000)}`;
  const good = {
    text: randomText(gen),
    step: randomStep(gen),
    pos: randomPosition(gen),
    color: randomColor(gen),
    author: prng.oneOf(gen, AUTHORS),
    id: `never-${run.nextId++}`,
  };
  const bad = <T>(values: T[]) => prng.oneOf(gen, values) as never;
  const cases: [ModelErrorCode, () => unknown][] = [
    ['invalid-text', () => createNote(doc, { ...good, text: bad(BAD_TEXTS) })],
    ['unknown-step', () => createNote(doc, { ...good, step: bad(BAD_STEPS) })],
    ['invalid-position', () => createNote(doc, { ...good, pos: bad(BAD_POSITIONS) })],
    [
      'invalid-color',
      () => createNote(doc, { ...good, color: bad(BAD_COLORS.filter((c) => c !== undefined)) }),
    ],
    ['invalid-author', () => createNote(doc, { ...good, author: bad(BAD_AUTHORS) })],
    ['invalid-note-id', () => createNote(doc, { ...good, id: bad(BAD_IDS) })],
    ['invalid-time', () => createNote(doc, good, { now: bad([Number.NaN, -1]) })],
    ['invalid-text', () => editNote(doc, existing ?? unknownId, bad(BAD_TEXTS))],
    ['unknown-note', () => editNote(doc, unknownId, good.text)],
    ['invalid-position', () => moveNote(doc, existing ?? unknownId, good.step, bad(BAD_POSITIONS))],
    ['unknown-step', () => moveNote(doc, existing ?? unknownId, bad(BAD_STEPS), good.pos)],
    ['unknown-note', () => moveNote(doc, unknownId, good.step, good.pos)],
    ['invalid-color', () => recolorNote(doc, existing ?? unknownId, bad(BAD_COLORS))],
    ['unknown-note', () => recolorNote(doc, unknownId, good.color)],
    ['unknown-note', () => deleteNote(doc, unknownId)],
  ];
  if (existing) cases.push(['duplicate-note', () => createNote(doc, { ...good, id: existing })]);
  const [code, operation] = prng.oneOf(gen, cases);
  const updatesBefore = client.localUpdates;
  const stateBefore = Y.encodeStateVector(doc);
  let thrown: unknown;
  try {
    operation();
  } catch (error) {
    thrown = error;
  }
  expect(isModelError(thrown, code), `expected ModelError ${code}, got ${String(thrown)}`).toBe(true);
  expect(client.localUpdates, `${code} must write nothing`).toBe(updatesBefore);
  expect(Y.encodeStateVector(doc)).toEqual(stateBefore);
}

/** A buggy or hostile client writes raw invalid data; readers must never show it. */
function corruptNote(run: Run, client: SimulatedClient): void {
  const { gen } = run;
  const notes = notesType(client.doc);
  const corruptions: [string, unknown][] = [
    ['text', ''],
    ['text', 'x'.repeat(NOTE_TEXT_MAX + 1)],
    ['text', ' untrimmed '],
    ['step', 'elsewhere'],
    ['pos', { r: 2, t: 0.5 }],
    ['pos', { r: Number.NaN, t: 0.5 }],
    ['color', 'red'],
    ['authorName', ''],
    ['createdAt', 'yesterday'],
  ];
  const [key, value] = prng.oneOf(gen, corruptions);
  const ids = [...notes.keys()];
  client.doc.transact(() => {
    const stored = ids.length > 0 && prng.bool(gen) ? notes.get(prng.oneOf(gen, ids)) : undefined;
    if (stored instanceof Y.Map) stored.set(key, value);
    else if (prng.bool(gen)) notes.set(`junk-${run.nextId++}`, new Y.Map([[key, value]]));
    else notes.set(`junk-${run.nextId++}`, value ?? null);
  }, 'buggy-client');
}

function checkInvariants(seed: number, client: SimulatedClient): void {
  const where = `seed ${seed}, client ${client.doc.clientID}`;
  const notes = listNotes(client.doc);
  expect(new Set(notes.map((note) => note.id)).size, `${where}: ids are unique`).toBe(notes.length);
  for (const note of notes) {
    const what = `${where}, note ${note.id}`;
    expect(normaliseText(note.text), `${what}: text is normalised`).toBe(note.text);
    expect(isStepId(note.step), `${what}: step is known`).toBe(true);
    expect(getStep(note.step).phase, `${what}: phase follows the step`).toBe(note.phase);
    expect(isNoteColor(note.color), `${what}: color is in the palette`).toBe(true);
    for (const value of [note.pos.r, note.pos.t]) {
      expect(Number.isFinite(value) && value >= 0 && value <= 1, `${what}: position ${value} in [0, 1]`).toBe(
        true,
      );
    }
    const point = slicePositionToPoint(note.step, note.pos);
    const radius = Math.hypot(point.x, point.y);
    expect(radius, `${what}: inside the ring`).toBeGreaterThanOrEqual(CENTRE_RADIUS - 1e-6);
    expect(radius, `${what}: inside the ring`).toBeLessThanOrEqual(BOARD_RADIUS + 1e-6);
    const angle = ((Math.atan2(point.x, -point.y) * 180) / Math.PI + 360) % 360;
    const { start, end } = sliceAngles(note.step);
    const inSlice = (angle >= start - 1e-6 && angle <= end + 1e-6) || (end === 360 && angle < 1e-6);
    expect(inSlice, `${what}: angle ${angle} inside its slice [${start}, ${end}]`).toBe(true);
    expect(getNote(client.doc, note.id), `${what}: getNote agrees with listNotes`).toEqual(note);
  }
}

/**
 * Converged means what Yjs's own tests check: same state vector and delete set (the snapshot), same content,
 * nothing waiting for missing updates. The raw bytes of encodeStateAsUpdate may still differ, because Yjs
 * merges adjacent structs depending on arrival order; so each client's encoded state is also loaded into a
 * fresh document, which must read the same.
 */
function checkConverged(seed: number, clients: SimulatedClient[]): void {
  const read = (doc: Y.Doc) => ({
    notes: listNotes(doc),
    meta: getBoardMeta(doc),
    raw: doc.toJSON(),
    snapshot: Y.encodeSnapshot(Y.snapshot(doc)),
  });
  const [reference] = clients;
  if (!reference) return;
  const expected = read(reference.doc);
  expect(expected.meta?.schemaVersion, `seed ${seed}: schema version`).toBe(CURRENT_SCHEMA_VERSION);
  for (const client of clients) {
    const where = `seed ${seed}, client ${client.doc.clientID}`;
    expect(client.doc.store.pendingStructs, `${where}: nothing pending`).toBeNull();
    expect(client.doc.store.pendingDs, `${where}: no pending deletions`).toBeNull();
    expect(read(client.doc), `${where}: same document`).toEqual(expected);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(client.doc));
    expect(read(reloaded), `${where}: its encoded state loads the same document`).toEqual(expected);
  }
}
