import * as Y from 'yjs';
import { type Author, isAuthorName, parseAuthor } from './author.ts';
import { describeValue, ModelError } from './errors.ts';
import { isSlicePosition, parseSlicePosition, type SlicePosition } from './geometry.ts';
import { ID_MAX_LENGTH, isValidId, newId } from './id.ts';
import { compareStacking } from './note-stacking.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';
import { isRound } from './phase-history.ts';
import { getStep, isStepId, type PhaseId, type StepId } from './phases.ts';
import { hasExactKeys } from './plain-value.ts';
import { assertWritableSchema } from './schema.ts';
import { isNormalisedPlainText, normalisePlainText, type TextRule } from './text.ts';
import { isTimestamp, resolveNow } from './time.ts';

/**
 * A sticky note on one step's slice of the board.
 *
 * Stored as a Y.Map per note inside the top-level Y.Map 'notes', keyed by note id, with one key per field, so
 * that concurrent edits of different fields (text by one person, position by another) both survive. The phase
 * is not stored: it follows from the step.
 */
export interface Note {
  id: string;
  text: string;
  step: StepId;
  phase: PhaseId;
  pos: SlicePosition;
  color: NoteColor;
  authorId: string;
  authorName: string;
  createdAt: number;
  updatedAt: number;
  /**
   * The round of the circle the note was written in. Notes from before rounds were recorded have none: read
   * their round with noteRound (rounds.ts), which places them by their creation time.
   */
  round?: number;
  /** The note of an earlier round this one was carried over from (see carryNote in rounds.ts). */
  carriedFrom?: string;
}

export interface NoteInput {
  text: string;
  step: StepId;
  /** Defaults to the middle of the slice. */
  pos?: SlicePosition;
  /** Defaults to DEFAULT_NOTE_COLOR. */
  color?: NoteColor;
  author: Author;
  /** Defaults to a random id. */
  id?: string;
  /** The round of the circle it is written in; see Note.round. */
  round?: number;
  /** See Note.carriedFrom. */
  carriedFrom?: string;
}

export interface WriteOptions extends TransactOptions {
  /** The time written to createdAt/updatedAt; defaults to Date.now(). */
  now?: number;
}

export const NOTE_COLORS = ['yellow', 'orange', 'pink', 'purple', 'blue', 'green'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

/** Fill colours for the UI, light enough for dark text. */
export const NOTE_COLOR_HEX: Readonly<Record<NoteColor, string>> = Object.freeze({
  yellow: '#fff59d',
  orange: '#ffcc80',
  pink: '#f8bbd0',
  purple: '#d1c4e9',
  blue: '#b3e5fc',
  green: '#c8e6c9',
});

export const DEFAULT_NOTE_COLOR: NoteColor = 'yellow';
export const DEFAULT_NOTE_POSITION: Readonly<SlicePosition> = Object.freeze({ r: 0.5, t: 0.5 });
export const NOTE_TEXT_MAX = 500;

const TEXT_RULE: TextRule = {
  code: 'invalid-text',
  what: 'Note text',
  min: 1,
  max: NOTE_TEXT_MAX,
  multiline: true,
};
/** Name of the top-level Y.Map holding the notes. */
export const NOTES_KEY = 'notes';

export function isNoteColor(value: unknown): value is NoteColor {
  return (NOTE_COLORS as readonly unknown[]).includes(value);
}

/** Trimmed text, 1..500 characters, no control characters but newline and tab; throws ModelError('invalid-text'). */
export function normaliseText(text: string): string {
  return normalisePlainText(text, TEXT_RULE);
}

function parseColor(value: unknown): NoteColor {
  if (!isNoteColor(value)) {
    throw new ModelError(
      'invalid-color',
      `Color must be one of ${NOTE_COLORS.join(', ')}, got ${describeValue(value)}`,
    );
  }
  return value;
}

function parseRound(value: unknown): number {
  if (!isRound(value)) {
    throw new ModelError('invalid-round', `A round is a whole number from 1, got ${describeValue(value)}`);
  }
  return value;
}

/** The fields that place a note in the rounds of the circle, to copy along with a note written elsewhere. */
export function roundFields(
  note: Pick<Note, 'round' | 'carriedFrom'>,
): Pick<NoteInput, 'round' | 'carriedFrom'> {
  return {
    ...(note.round === undefined ? {} : { round: note.round }),
    ...(note.carriedFrom === undefined ? {} : { carriedFrom: note.carriedFrom }),
  };
}

function parseNoteId(value: unknown): string {
  if (!isValidId(value)) {
    throw new ModelError(
      'invalid-note-id',
      `A note id must be 1..${ID_MAX_LENGTH} characters without control characters, got ${describeValue(value)}`,
    );
  }
  return value;
}

/** The Yjs type holding all notes; scope a Y.UndoManager on it. */
export function notesType(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(NOTES_KEY);
}

/** Any client can write anything into the document, so every stored field is checked before it is shown. */
function readNote(id: string, stored: unknown): Note | undefined {
  return stored instanceof Y.Map ? readNoteFields(id, (key) => stored.get(key)) : undefined;
}

/**
 * The note `id` whose fields `field` reads, or undefined when they do not make a valid note: for the note as a
 * map holds it now, or as it held it before a change (see board-before.ts).
 */
export function readNoteFields(id: string, field: (key: string) => unknown): Note | undefined {
  if (!isValidId(id)) return undefined;
  const text = field('text');
  const step = field('step');
  const pos = field('pos');
  const color = field('color');
  const authorId = field('authorId');
  const authorName = field('authorName');
  const createdAt = field('createdAt');
  const updatedAt = field('updatedAt');
  const round = field('round');
  const carriedFrom = field('carriedFrom');
  if (
    !isNormalisedPlainText(text, TEXT_RULE) ||
    !isStepId(step) ||
    !isSlicePosition(pos) ||
    !isNoteColor(color) ||
    !isValidId(authorId) ||
    !isAuthorName(authorName) ||
    !isTimestamp(createdAt) ||
    !isTimestamp(updatedAt) ||
    (round !== undefined && !isRound(round)) ||
    (carriedFrom !== undefined && !isValidId(carriedFrom))
  ) {
    return undefined;
  }
  const note: Note = {
    id,
    text,
    step,
    phase: getStep(step).phase,
    pos: { r: pos.r, t: pos.t },
    color,
    authorId,
    authorName,
    createdAt,
    updatedAt,
  };
  if (round !== undefined) note.round = round;
  if (carriedFrom !== undefined) note.carriedFrom = carriedFrom;
  return note;
}

/** What each field of a stored note may hold: the same checks readNote makes, one field at a time. */
const FIELD_CHECKS: Readonly<Record<string, (value: unknown) => boolean>> = {
  text: (value) => isNormalisedPlainText(value, TEXT_RULE),
  step: isStepId,
  pos: (value) => isSlicePosition(value) && hasExactKeys(value, ['r', 't']),
  color: isNoteColor,
  authorId: isValidId,
  authorName: isAuthorName,
  createdAt: isTimestamp,
  updatedAt: isTimestamp,
  round: isRound,
  carriedFrom: isValidId,
};

/** Whether `value` may be stored under `key` of a note: a known field, holding what that field holds. */
export function isNoteFieldValue(key: string, value: unknown): boolean {
  const check = Object.hasOwn(FIELD_CHECKS, key) ? FIELD_CHECKS[key] : undefined;
  return check?.(value) ?? false;
}

/**
 * Whether the board holds more than `limit` notes. Counting a Y.Map's entries walks all of them, past the
 * deleted ones too: the server asked this of every note written, which grew with the board. What the map keeps
 * per key (deleted or not) bounds the count from above, so the walk is needed only near the limit.
 */
export function holdsMoreNotesThan(doc: Y.Doc, limit: number): boolean {
  const notes = notesType(doc);
  return notes._map.size > limit && notes.size > limit;
}

/** Why a write is refused that would take a board past `maxNotes` notes: over budget, not invalid. */
export function notesBudgetRefusal(maxNotes: number): { reason: string; overBudget: true } {
  return { reason: `a board holds at most ${maxNotes} notes`, overBudget: true };
}

/** A note's fields that are written once, when it is created. */
export const FIXED_NOTE_FIELDS: readonly string[] = [
  'authorId',
  'authorName',
  'createdAt',
  'round',
  'carriedFrom',
];

/**
 * Whether the note stored under `id` holds exactly its fields, its position exactly r and t: what a server
 * checks, so no client stores anything else in a note. Readers are lenient and ignore what they do not know.
 */
export function hasExactNoteShape(doc: Y.Doc, id: string): boolean {
  const stored = notesType(doc).get(id);
  if (!(stored instanceof Y.Map)) return false;
  for (const key of stored.keys()) if (!Object.hasOwn(FIELD_CHECKS, key)) return false;
  return hasExactKeys(stored.get('pos'), ['r', 't']);
}

/** The note, or undefined when there is none with this id or what is stored is invalid. */
export function getNote(doc: Y.Doc, id: string): Note | undefined {
  return typeof id === 'string' ? readNote(id, notesType(doc).get(id)) : undefined;
}

/** All valid notes in stacking order (see compareStacking), so every client lists and stacks them alike. */
export function listNotes(doc: Y.Doc): Note[] {
  const notes: Note[] = [];
  for (const [id, stored] of notesType(doc).entries()) {
    const note = readNote(id, stored);
    if (note) notes.push(note);
  }
  return notes.sort(compareStacking);
}

export function createNote(doc: Y.Doc, input: NoteInput, opts?: WriteOptions): Note {
  const id = input.id === undefined ? newId() : parseNoteId(input.id);
  const text = normaliseText(input.text);
  const { id: step, phase } = getStep(input.step);
  const pos = input.pos === undefined ? { ...DEFAULT_NOTE_POSITION } : parseSlicePosition(input.pos);
  const color = input.color === undefined ? DEFAULT_NOTE_COLOR : parseColor(input.color);
  const author = parseAuthor(input.author);
  const round = input.round === undefined ? undefined : parseRound(input.round);
  const carriedFrom = input.carriedFrom === undefined ? undefined : parseNoteId(input.carriedFrom);
  const now = resolveNow(opts?.now);
  assertWritableSchema(doc);
  const notes = notesType(doc);
  if (notes.has(id)) {
    throw new ModelError('duplicate-note', `A note with id ${describeValue(id)} already exists`);
  }
  const note: Note = {
    id,
    text,
    step,
    phase,
    pos,
    color,
    authorId: author.id,
    authorName: author.name,
    createdAt: now,
    updatedAt: now,
  };
  const fields: [string, unknown][] = [
    ['text', text],
    ['step', step],
    ['pos', { ...pos }],
    ['color', color],
    ['authorId', author.id],
    ['authorName', author.name],
    ['createdAt', now],
    ['updatedAt', now],
  ];
  if (round !== undefined) {
    note.round = round;
    fields.push(['round', round]);
  }
  if (carriedFrom !== undefined) {
    note.carriedFrom = carriedFrom;
    fields.push(['carriedFrom', carriedFrom]);
  }
  doc.transact(() => notes.set(id, new Y.Map<unknown>(fields)), opts?.origin ?? LOCAL_ORIGIN);
  return note;
}

type NoteChange = Partial<Pick<Note, 'text' | 'step' | 'pos' | 'color'>>;

/** Writes `change` (already validated) to an existing note; writes nothing if it changes nothing. */
function updateNote(doc: Y.Doc, id: string, change: NoteChange, opts: WriteOptions | undefined): Note {
  const now = resolveNow(opts?.now);
  assertWritableSchema(doc);
  const current = getNote(doc, id);
  const stored = notesType(doc).get(id);
  if (!current || !(stored instanceof Y.Map)) {
    throw new ModelError('unknown-note', `There is no note with id ${describeValue(id)}`);
  }
  const unchanged =
    (change.text === undefined || change.text === current.text) &&
    (change.step === undefined || change.step === current.step) &&
    (change.pos === undefined || (change.pos.r === current.pos.r && change.pos.t === current.pos.t)) &&
    (change.color === undefined || change.color === current.color);
  if (unchanged) return current;
  doc.transact(() => {
    if (change.text !== undefined) stored.set('text', change.text);
    // Step and position are always written together, so concurrent moves resolve to one mover's placement.
    if (change.step !== undefined) stored.set('step', change.step);
    if (change.pos !== undefined) stored.set('pos', { ...change.pos });
    if (change.color !== undefined) stored.set('color', change.color);
    stored.set('updatedAt', now);
  }, opts?.origin ?? LOCAL_ORIGIN);
  const step = change.step ?? current.step;
  return { ...current, ...change, step, phase: getStep(step).phase, updatedAt: now };
}

export function editNote(doc: Y.Doc, id: string, text: string, opts?: WriteOptions): Note {
  return updateNote(doc, id, { text: normaliseText(text) }, opts);
}

export function moveNote(
  doc: Y.Doc,
  id: string,
  step: StepId,
  pos: SlicePosition,
  opts?: WriteOptions,
): Note {
  return updateNote(doc, id, { step: getStep(step).id, pos: parseSlicePosition(pos) }, opts);
}

export function recolorNote(doc: Y.Doc, id: string, color: NoteColor, opts?: WriteOptions): Note {
  return updateNote(doc, id, { color: parseColor(color) }, opts);
}

export function deleteNote(doc: Y.Doc, id: string, opts?: TransactOptions): void {
  assertWritableSchema(doc);
  if (!getNote(doc, id)) {
    throw new ModelError('unknown-note', `There is no note with id ${describeValue(id)}`);
  }
  doc.transact(() => notesType(doc).delete(id), opts?.origin ?? LOCAL_ORIGIN);
}

/**
 * Calls `cb` after every transaction that touched notes, with the ids of the notes it touched (added, changed
 * or removed; read them with getNote) and the transaction's origin.
 */
export function observeNotes(doc: Y.Doc, cb: (changedIds: Set<string>, origin: unknown) => void): () => void {
  const notes = notesType(doc);
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    const changed = noteIdsOf(notes, events);
    if (changed.size > 0) cb(changed, transaction.origin);
  };
  notes.observeDeep(handler);
  return () => notes.unobserveDeep(handler);
}

/**
 * The ids of the notes a transaction of `doc` touched, as observeNotes gives them, read from the transaction
 * itself: also in the document's 'update' event, when its observers have run (a server reads what a write
 * changed there, without an observer of its own).
 */
export function notesChangedBy(doc: Y.Doc, transaction: Y.Transaction): Set<string> {
  const notes = notesType(doc);
  // Yjs does not pass on changes of types deleted in the same transaction; their note's key changed anyway.
  const changedParents: ReadonlyMap<unknown, Y.YEvent<Y.AbstractType<unknown>>[]> =
    transaction.changedParentTypes;
  const events = (changedParents.get(notes) ?? []).filter(
    (event) => event.target._item === null || !event.target._item.deleted,
  );
  return noteIdsOf(notes, events);
}

function noteIdsOf(notes: Y.Map<unknown>, events: readonly Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const changed = new Set<string>();
  for (const event of events) {
    if (event.target === notes) {
      for (const id of event.keys.keys()) changed.add(id);
    } else {
      const id = keyUnder(notes, event.target);
      if (id !== null) changed.add(id);
    }
  }
  return changed;
}

/** The key of `notes` under which `type` sits, however deep. */
function keyUnder(notes: Y.Map<unknown>, type: Y.AbstractType<unknown>): string | null {
  let item = type._item;
  while (item !== null && item.parent !== notes) item = (item.parent as Y.AbstractType<unknown>)._item;
  return item?.parentSub ?? null;
}
