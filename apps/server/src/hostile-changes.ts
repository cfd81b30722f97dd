import {
  closeVotingRound,
  createNote,
  currentVotingRound,
  deleteNote,
  editNote,
  endPrivateRound,
  getNote,
  listNotes,
  listVotes,
  moveNote,
  NOTE_COLORS,
  type Note,
  nextPhase,
  openVotingRound,
  pauseTimer,
  placeVote,
  previousPhase,
  recolorNote,
  resetTimer,
  STEP_STATUSES,
  STEPS,
  setStepStatus,
  startFacilitation,
  startPrivateRound,
  startTimer,
  takeBackVote,
} from '@kompas/model';
import type { RoomKind } from '@kompas/protocol';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';

/**
 * Builds one change to a board room, as a client could send it: valid ones through the model's own writes, hostile
 * ones straight into the Yjs structures (unknown names and keys, odd values, other people's notes and votes), and
 * ones whose dependencies the room lacks. For hostile-updates.fuzz.test.ts.
 */

export interface Person {
  id: string;
  name: string;
}

export interface Sender extends Person {
  role: 'facilitator' | 'participant';
}

/** 'valid': the model's own write under the sender's own person; 'gap': depends on a change never sent. */
export type ChangeKind = 'valid' | 'hostile' | 'gap';

export interface BuiltChange {
  kind: ChangeKind;
  /** What the change does, for failure messages. */
  what: string;
  /** The update holding only the change: what the room lacks of the changed copy. */
  update: Uint8Array;
  /** The changed copy, to compare with what the room holds once it took the change. */
  copy: Y.Doc;
}

export interface ChangeInput {
  gen: prng.PRNG;
  room: RoomKind;
  sender: Sender;
  /** Everyone on the board, the sender too. */
  people: readonly Person[];
  /** The room's document as an honest client holds it. */
  base: Y.Doc;
  /** The board's facilitation state as an honest client holds it. */
  control: Y.Doc;
}

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
const UNKNOWN_ROOTS = ['notes2', 'Notes', '', '__proto__', 'constructor', 'x'.repeat(300)];
const NOTE_FIELDS = [
  'text',
  'step',
  'pos',
  'color',
  'authorId',
  'authorName',
  'createdAt',
  'updatedAt',
  'round',
  'carriedFrom',
];
/** Keys a plain object treats specially: a reader keeping notes or votes in one must not trip over them. */
const SPECIAL_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const LONG_STRING_MAX = 200_000;

function pick<T>(gen: prng.PRNG, items: readonly T[]): T {
  return prng.oneOf(gen, items as T[]);
}

function chance(gen: prng.PRNG, probability: number): boolean {
  return prng.real53(gen) < probability;
}

function randomId(gen: prng.PRNG): string {
  return `fz-${prng.word(gen, 4, 12)}`;
}

/** Ids a hostile client may try: plain, special to plain objects, too long, with control characters. */
function hostileId(gen: prng.PRNG): string {
  switch (prng.int32(gen, 0, 5)) {
    case 0:
      return pick(gen, SPECIAL_KEYS);
    case 1:
      return 'i'.repeat(prng.int32(gen, 65, 5000));
    case 2:
      return `bad\u0000${prng.word(gen, 1, 5)}`;
    case 3:
      return '';
    default:
      return randomId(gen);
  }
}

function randomText(gen: prng.PRNG): string {
  switch (prng.int32(gen, 0, 9)) {
    case 0:
      return '';
    case 1:
      return `  ${prng.word(gen, 1, 10)}  `;
    case 2:
      return `bell\u0007${prng.word(gen)}`;
    case 3:
      return `lone \ud800 surrogate`;
    case 4:
      return prng.utf16String(gen, 40);
    case 5:
      return pick(gen, SPECIAL_KEYS);
    case 6:
      return 'ü🙂\u202e'.repeat(prng.int32(gen, 1, 300));
    default:
      return prng.word(gen, 1, 30);
  }
}

const NUMBERS = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  1,
  -1,
  0.5,
  1.5,
  1e308,
  2 ** 53 + 2,
  Number.MIN_VALUE,
  4e12,
];

/** Budget shared by one change, so its update stays below the server's frame size. */
interface ValueBudget {
  longStrings: number;
}

function nestedDeep(gen: prng.PRNG): unknown {
  // Up to where Yjs's own encoder gives up: the server must read what it can, and refuse the rest as data.
  const depth = prng.int32(gen, 5, 7000);
  let value: unknown = prng.word(gen);
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

/** Any value Yjs can store; shared types only at the top (`depth` 0), where Yjs integrates them. */
export function randomValue(gen: prng.PRNG, budget: ValueBudget, depth = 0): unknown {
  const kind = prng.int32(gen, 0, depth === 0 ? 15 : 11);
  switch (kind) {
    case 0:
      return randomText(gen);
    case 1:
      if (budget.longStrings > 0) {
        budget.longStrings -= 1;
        return 'L'.repeat(prng.int32(gen, 1000, LONG_STRING_MAX));
      }
      return prng.word(gen);
    case 2:
      return pick(gen, NUMBERS);
    case 3:
      return prng.real53(gen) * 10 ** prng.int32(gen, -5, 15);
    case 4:
      return prng.bool(gen);
    case 5:
      return null;
    case 6:
      return undefined;
    case 7:
      return BigInt(prng.int32(gen, -1000, 1000)) * 10n ** 20n;
    case 8:
      return prng.uint8Array(gen, prng.int32(gen, 0, 64));
    case 9: {
      const object: Record<string, unknown> = {};
      const size = depth > 3 ? 0 : prng.int32(gen, 0, 4);
      for (let i = 0; i < size; i++) setOwn(object, randomKey(gen), randomValue(gen, budget, depth + 1));
      return object;
    }
    case 10: {
      const size = depth > 3 ? 0 : prng.int32(gen, 0, 4);
      return Array.from({ length: size }, () => randomValue(gen, budget, depth + 1));
    }
    case 11:
      return nestedDeep(gen);
    case 12: {
      const map = new Y.Map<unknown>();
      for (let i = prng.int32(gen, 0, 3); i > 0; i--) map.set(randomKey(gen), randomValue(gen, budget, 1));
      return map;
    }
    case 13: {
      const array = new Y.Array<unknown>();
      array.insert(0, [listItem(randomValue(gen, budget, 1))]);
      return array;
    }
    case 14:
      return chance(gen, 0.8) ? new Y.Text(randomText(gen)) : new Y.Doc();
    default:
      return plausibleNote(gen, budget);
  }
}

/**
 * Sets `key` as an own property, also for `__proto__`, which an assignment would take as the prototype. Yjs
 * writes only objects whose `constructor` is Object; lib0 encodes a function as undefined, so an own
 * `constructor` reaches the server as undefined.
 */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  const own = key === 'constructor' ? Object : value;
  Object.defineProperty(object, key, { value: own, enumerable: true, writable: true, configurable: true });
}

function withOwn(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  setOwn(object, key, value);
  return object;
}

/** As a list item: Yjs inserts neither undefined nor a BigInt straight into a list, only inside a value. */
function listItem(value: unknown): unknown {
  return value === undefined || typeof value === 'bigint' ? [value] : value;
}

function randomKey(gen: prng.PRNG): string {
  switch (prng.int32(gen, 0, 5)) {
    case 0:
      return pick(gen, NOTE_FIELDS);
    case 1:
      return pick(gen, SPECIAL_KEYS);
    case 2:
      return 'k'.repeat(prng.int32(gen, 100, 20_000));
    case 3:
      return pick(gen, ['', '\u0000', '\ud800', 'r', 't', 'round', 'voter', 'note', 'at', 'current']);
    default:
      return prng.word(gen, 1, 12);
  }
}

/** A note's fields as plain values, mostly valid, with one of them spoilt. */
function plausibleNoteFields(gen: prng.PRNG, budget: ValueBudget, author: Person): Map<string, unknown> {
  const now = Date.now();
  const fields = new Map<string, unknown>([
    ['text', prng.word(gen, 1, 30)],
    ['step', pick(gen, STEPS).id],
    ['pos', { r: prng.real53(gen), t: prng.real53(gen) }],
    ['color', pick(gen, NOTE_COLORS)],
    ['authorId', author.id],
    ['authorName', author.name],
    ['createdAt', now],
    ['updatedAt', now],
  ]);
  switch (prng.int32(gen, 0, 4)) {
    case 0:
      fields.set(pick(gen, NOTE_FIELDS), randomValue(gen, budget));
      break;
    case 1:
      fields.delete(pick(gen, NOTE_FIELDS));
      break;
    case 2:
      fields.set(randomKey(gen), randomValue(gen, budget));
      break;
    case 3:
      fields.set('pos', withOwn({ r: 0.5, t: 0.5 }, randomKey(gen), randomValue(gen, budget, 1)));
      break;
    default:
      // Left valid: whether it passes is up to who writes it and under whose name.
      break;
  }
  return fields;
}

function plausibleNote(gen: prng.PRNG, budget: ValueBudget): Y.Map<unknown> {
  const author = { id: randomId(gen), name: prng.word(gen, 1, 10) };
  return new Y.Map<unknown>([...plausibleNoteFields(gen, budget, author)]);
}

function plausibleVote(gen: prng.PRNG, budget: ValueBudget, input: ChangeInput, notes: Note[]): unknown {
  const round = currentVotingRound(input.control);
  const vote: Record<string, unknown> = {
    round: round?.id ?? randomId(gen),
    voter: chance(gen, 0.5) ? input.sender.id : chance(gen, 0.5) ? pick(gen, input.people).id : randomId(gen),
    note: notes.length > 0 && chance(gen, 0.8) ? pick(gen, notes).id : randomId(gen),
    at: Date.now(),
  };
  switch (prng.int32(gen, 0, 3)) {
    case 0:
      vote[pick(gen, ['round', 'voter', 'note', 'at'])] = randomValue(gen, budget, 1);
      break;
    case 1:
      setOwn(vote, randomKey(gen), randomValue(gen, budget, 1));
      break;
    default:
      break;
  }
  return vote;
}

function othersNote(notes: Note[], sender: Sender, gen: prng.PRNG): Note | undefined {
  const others = notes.filter((note) => note.authorId !== sender.id);
  return others.length > 0 ? pick(gen, others) : undefined;
}

/** One hostile change to a content or drafts document; returns what it did. */
function hostileNotesChange(doc: Y.Doc, input: ChangeInput, attempts = 3): string {
  const { gen, sender } = input;
  const budget: ValueBudget = { longStrings: 1 };
  const first = prng.int32(gen, 0, 12);
  // A retry has read the roots as maps already: it writes no list.
  const choice = attempts === 0 || (first === 9 && attempts < 3) ? 0 : first;
  const retry = () => hostileNotesChange(doc, input, attempts - 1);
  if (choice === 9) {
    // Before anything reads the roots as maps: Yjs refuses to read one name as two kinds.
    const name = pick(gen, CONTENT_ROOTS);
    if (chance(gen, 0.5)) doc.getArray<unknown>(name).insert(0, [listItem(randomValue(gen, budget, 1))]);
    else doc.getText(name).insert(0, randomText(gen));
    return `wrote ${name} as a list`;
  }
  const notes = listNotes(doc);
  const notesMap = doc.getMap<unknown>('notes');
  const votes = doc.getMap<unknown>('votes');
  switch (choice) {
    case 0: {
      const name = pick(gen, UNKNOWN_ROOTS);
      doc.getMap<unknown>(name).set(randomKey(gen), randomValue(gen, budget));
      return `set a key in unknown root ${JSON.stringify(name.slice(0, 20))}`;
    }
    case 1: {
      const name = pick(gen, CONTENT_ROOTS);
      doc.getMap<unknown>(name).set(randomKey(gen), randomValue(gen, budget));
      return `set a random key in ${name}`;
    }
    case 2: {
      const note = notes.length > 0 ? pick(gen, notes) : undefined;
      const stored = note && notesMap.get(note.id);
      if (!(stored instanceof Y.Map)) return retry();
      const key = chance(gen, 0.7) ? pick(gen, NOTE_FIELDS) : randomKey(gen);
      stored.set(key, randomValue(gen, budget));
      return `set note field ${JSON.stringify(key.slice(0, 20))} to a random value`;
    }
    case 3: {
      const author = chance(gen, 0.5) ? sender : pick(gen, input.people);
      const id = chance(gen, 0.8) ? randomId(gen) : hostileId(gen);
      notesMap.set(id, new Y.Map<unknown>([...plausibleNoteFields(gen, budget, author)]));
      return `wrote a plausible note as ${author.name} under id ${JSON.stringify(id.slice(0, 20))}`;
    }
    case 4: {
      const note = othersNote(notes, sender, gen);
      if (!note) return retry();
      notesMap.delete(note.id);
      return `deleted ${note.authorName}'s note`;
    }
    case 5: {
      const note = notes.length > 0 ? pick(gen, notes) : undefined;
      const stored = note && notesMap.get(note.id);
      if (!(stored instanceof Y.Map)) return retry();
      const field = pick(gen, ['authorId', 'authorName', 'createdAt', 'round', 'carriedFrom']);
      const person = pick(gen, input.people);
      const other = pick(gen, notes).id;
      stored.set(
        field,
        field === 'authorId'
          ? person.id
          : field === 'authorName'
            ? person.name
            : field === 'carriedFrom'
              ? other
              : 1,
      );
      return `rewrote ${field} of a note`;
    }
    case 6: {
      const id = chance(gen, 0.8) ? randomId(gen) : hostileId(gen);
      votes.set(id, plausibleVote(gen, budget, input, notes));
      return 'placed a plausible vote';
    }
    case 7: {
      const all = [...votes.keys()];
      if (all.length === 0) return retry();
      votes.delete(pick(gen, all));
      return 'deleted a vote';
    }
    case 8: {
      const target = pick(gen, [notesMap, votes, doc.getMap<unknown>('meta')]);
      const nested = pick(gen, [new Y.Map<unknown>(), new Y.Array<unknown>(), new Y.Text('nested')]);
      target.set(chance(gen, 0.5) ? randomId(gen) : pick(gen, [...target.keys(), 'x']), nested);
      return 'nested a shared type';
    }
    case 10: {
      const meta = doc.getMap<unknown>('meta');
      const key = pick(gen, ['title', 'task', 'createdAt', randomKey(gen)]);
      meta.set(key, chance(gen, 0.5) ? prng.word(gen, 1, 20) : randomValue(gen, budget));
      return `set meta ${JSON.stringify(key.slice(0, 20))}`;
    }
    case 11: {
      const schema = doc.getMap<unknown>('schema');
      const keys = [...schema.keys()];
      const key = keys.length > 0 && chance(gen, 0.5) ? pick(gen, keys) : randomKey(gen);
      schema.set(key, chance(gen, 0.5) ? prng.int32(gen, -1, 1000) : randomValue(gen, budget));
      return 'wrote a migration into the schema';
    }
    default: {
      const note = notes.length > 0 ? pick(gen, notes) : undefined;
      const stored = note && notesMap.get(note.id);
      if (!note || !(stored instanceof Y.Map)) return retry();
      notesMap.set(note.id, new Y.Map<unknown>([...stored.entries()]));
      return 'replaced a note by a copy of it';
    }
  }
}

/** One hostile change to the control document. */
function hostileControlChange(doc: Y.Doc, input: ChangeInput): string {
  const { gen } = input;
  const budget: ValueBudget = { longStrings: 1 };
  const name = chance(gen, 0.85) ? pick(gen, CONTROL_ROOTS) : pick(gen, UNKNOWN_ROOTS);
  const asList = name === 'phaseHistory' ? chance(gen, 0.8) : chance(gen, 0.15);
  if (asList) {
    const list = doc.getArray<unknown>(name);
    if (list.length > 0 && chance(gen, 0.3)) {
      list.delete(prng.int32(gen, 0, list.length - 1), 1);
      return `removed an entry of ${name}`;
    }
    const entry = list.length > 0 && chance(gen, 0.5) ? mutated(gen, list.get(list.length - 1)) : null;
    list.push([listItem(entry ?? randomValue(gen, budget))]);
    return `appended to ${name}`;
  }
  const map = doc.getMap<unknown>(name);
  const keys = [...map.keys()];
  const key = keys.length > 0 && chance(gen, 0.6) ? pick(gen, keys) : randomKey(gen);
  const value = map.has(key) && chance(gen, 0.5) ? mutated(gen, map.get(key)) : randomValue(gen, budget);
  map.set(key, value);
  return `set ${JSON.stringify(key.slice(0, 20))} in ${JSON.stringify(name.slice(0, 20))}`;
}

/** A plain object with one field replaced or added: close to valid, which is where rules tend to slip. */
function mutated(gen: prng.PRNG, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const key = keys.length > 0 && chance(gen, 0.7) ? pick(gen, keys) : randomKey(gen);
  return withOwn({ ...value }, key, randomValue(gen, { longStrings: 0 }, 1));
}

/** One valid write through the model, under the sender's own person; throws when the model refuses it. */
function validChange(doc: Y.Doc, input: ChangeInput): string {
  const { gen, sender, room, control } = input;
  const author = { id: sender.id, name: sender.name };
  if (room === 'control') {
    const now = Date.now();
    const options = { now, actor: sender.id };
    const writes: [string, () => unknown][] = [
      ['set a step status', () => setStepStatus(doc, pick(gen, STEPS).id, pick(gen, STEP_STATUSES))],
      ['started facilitation', () => startFacilitation(doc, options)],
      ['moved to the next phase', () => nextPhase(doc, options)],
      ['moved to the previous phase', () => previousPhase(doc, options)],
      ['started the timer', () => startTimer(doc, options)],
      ['paused the timer', () => pauseTimer(doc, options)],
      ['reset the timer', () => resetTimer(doc, options)],
      ['closed the voting round', () => closeVotingRound(doc, options)],
      [
        'opened a voting round',
        () =>
          openVotingRound(
            doc,
            { budget: prng.int32(gen, 1, 5), scope: { kind: 'board' }, results: 'live' },
            options,
          ),
      ],
      ['started a private round', () => startPrivateRound(doc, options)],
      ['ended the private round', () => endPrivateRound(doc, options)],
    ];
    const [what, write] = pick(gen, writes);
    write();
    return what;
  }
  const notes = listNotes(doc);
  const note = notes.length > 0 ? pick(gen, notes) : undefined;
  const own = notes.filter((candidate) => candidate.authorId === sender.id);
  const round = currentVotingRound(control);
  switch (prng.int32(gen, 0, 7)) {
    case 0:
      if (note) {
        editNote(doc, note.id, prng.word(gen, 1, 40));
        return 'edited a note';
      }
      break;
    case 1:
      if (note) {
        moveNote(doc, note.id, pick(gen, STEPS).id, { r: prng.real53(gen), t: prng.real53(gen) });
        return 'moved a note';
      }
      break;
    case 2:
      if (note) {
        recolorNote(doc, note.id, pick(gen, NOTE_COLORS));
        return 'recoloured a note';
      }
      break;
    case 3: {
      const deletable = sender.role === 'facilitator' ? notes : own;
      if (deletable.length > 0) {
        deleteNote(doc, pick(gen, deletable).id);
        return 'deleted a note it may delete';
      }
      break;
    }
    case 4:
      if (round && note && room === 'content') {
        placeVote(doc, round, { note: note.id, voter: sender.id });
        return 'placed a vote';
      }
      break;
    case 5: {
      const mine = round ? listVotes(doc, round.id).filter((vote) => vote.voterId === sender.id) : [];
      if (round && mine.length > 0 && room === 'content') {
        takeBackVote(doc, round, { note: pick(gen, mine).noteId, voter: sender.id });
        return 'took back a vote';
      }
      break;
    }
    default:
      break;
  }
  // Ids a plain object treats specially are valid note ids too.
  const id = chance(gen, 0.1) ? pick(gen, SPECIAL_KEYS) : undefined;
  if (id !== undefined && getNote(doc, id)) return validChange(doc, input);
  createNote(doc, { text: prng.word(gen, 1, 40), step: pick(gen, STEPS).id, author, ...(id ? { id } : {}) });
  return `created a note${id ? ` with id ${id}` : ''}`;
}

/**
 * Builds a change on a copy of `input.base`. The copy writes as a new Yjs client, so the change never collides
 * with what others wrote; every attempt starts from a fresh copy, so one the model refused leaves nothing behind.
 */
export function buildChange(input: ChangeInput): BuiltChange {
  const { gen, base, room } = input;
  const clientID = prng.uint32(gen, 1, 0x7fffffff);
  const baseState = Y.encodeStateAsUpdate(base);
  const before = Y.encodeStateVector(base);
  const freshCopy = () => {
    const copy = new Y.Doc();
    copy.clientID = clientID;
    Y.applyUpdate(copy, baseState);
    return copy;
  };
  const roll = prng.real53(gen);

  if (roll < 0.05) {
    // A change the room never gets, then one that depends on it: the room cannot integrate the second.
    const copy = freshCopy();
    const root = copy.getMap<unknown>(room === 'control' ? 'stepStatus' : 'notes');
    const hidden = new Y.Map<unknown>();
    root.set(randomId(gen), hidden);
    const missing = Y.encodeStateVector(copy);
    hidden.set('text', prng.word(gen, 1, 10));
    const update = Y.encodeStateAsUpdate(copy, missing);
    return { kind: 'gap', what: 'a change depending on one never sent', update, copy };
  }

  if (roll < 0.35) {
    const copy = freshCopy();
    try {
      let what = '';
      copy.transact(() => {
        what = validChange(copy, input);
      });
      return { kind: 'valid', what, update: Y.encodeStateAsUpdate(copy, before), copy };
    } catch {
      // The model refused it here (no round open, no votes left, ...): send something hostile instead.
      copy.destroy();
    }
  }

  // Yjs's encoder may run out of stack on a deeply nested value, before it ever reaches the server.
  for (let attempt = 0; ; attempt++) {
    const copy = freshCopy();
    try {
      let what = '';
      copy.transact(() => {
        what = room === 'control' ? hostileControlChange(copy, input) : hostileNotesChange(copy, input);
      });
      return { kind: 'hostile', what, update: Y.encodeStateAsUpdate(copy, before), copy };
    } catch (error) {
      copy.destroy();
      if (!(error instanceof RangeError) || attempt >= 3) throw error;
    }
  }
}
