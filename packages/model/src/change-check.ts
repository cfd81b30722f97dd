import type * as Y from 'yjs';
import { hasExactBoardMeta, META_KEY } from './board.ts';
import { BoardBefore } from './board-before.ts';
import { describeValue } from './errors.ts';
import {
  getNote,
  hasExactNoteShape,
  holdsMoreNotesThan,
  NOTES_KEY,
  notesBudgetRefusal,
  notesType,
} from './note.ts';
import { findRefusedNoteChange } from './note-rules.ts';
import { keepsRecordedMigrations, recordsOnlyKnownMigrations, SCHEMA_KEY } from './schema.ts';
import { findMalformedUpdate, type UpdateContext } from './update-precheck.ts';
import { findRefusedVoteChange } from './vote-rules.ts';
import { isVoteEntryValid, VOTES_KEY } from './voting.ts';
import type { WriteContext, WriteRefusal, Writer } from './writer.ts';

/** Any Yjs type, as Yjs names the keys of `transaction.changed`. */
type SharedType = Parameters<Y.Transaction['changed']['get']>[0];

/** The top-level types a board document may hold; each is a Y.Map. */
const KNOWN_ROOTS: ReadonlySet<string> = new Set([META_KEY, NOTES_KEY, SCHEMA_KEY, VOTES_KEY]);

/** What one transaction touched in a board document, by the parts the rules are about. */
interface TouchedParts {
  notes: Set<string>;
  votes: Set<string>;
  meta: boolean;
  schema: boolean;
}

/**
 * Checks what `transaction` changed in `doc` (a board's content document, after the transaction) and returns
 * why the change is invalid, or null when it is fine. For a server that receives updates straight from
 * clients: anything the typed operations could write passes, including deleting notes and taking back votes;
 * a change that leaves data the readers would skip (an invalid note, vote or metadata, an unknown top-level
 * type) or anything beside it (an unknown key in a note, a vote or the metadata) does not. Who may make the
 * change is for findRefusedChange.
 */
export function findInvalidChange(doc: Y.Doc, transaction: Y.Transaction): string | null {
  const touched = touchedParts(doc, transaction);
  return typeof touched === 'string' ? touched : findInvalidParts(doc, touched);
}

/**
 * findInvalidChange, then the rules of who may write what (note-rules.ts, vote-rules.ts; the title and task
 * are the facilitators'; recorded migrations stay), and the board's budget of notes. Returns why the change is
 * refused, or null. Called while `transaction` is still open (from an 'afterTransaction' listener): what the
 * board was before the change is read from it (see BoardBefore).
 */
export function findRefusedChange(
  doc: Y.Doc,
  transaction: Y.Transaction,
  context: WriteContext,
): WriteRefusal | null {
  const touched = touchedParts(doc, transaction);
  const invalid = typeof touched === 'string' ? touched : findInvalidParts(doc, touched);
  if (invalid !== null || typeof touched === 'string') return { reason: invalid ?? 'invalid change' };
  // Observers only read; the server drops their writes already, and should that ever fail, the rules refuse them.
  if (context.writer.role === 'observer') return { reason: 'observers do not write to the board' };
  const before = new BoardBefore(doc, transaction);
  if (touched.schema && !keepsRecordedMigrations(before.recordedMigrations(), doc)) {
    return { reason: 'a recorded migration cannot be removed' };
  }
  if (touched.meta && context.writer.role !== 'facilitator') {
    return { reason: 'only facilitators change the board’s title and task' };
  }
  for (const id of touched.notes) {
    const refusal = findRefusedNoteChange(doc, id, before, context);
    if (refusal) return refusal;
  }
  for (const id of touched.votes) {
    const refusal = findRefusedVoteChange(doc, id, before, context);
    if (refusal) return refusal;
  }
  const { maxNotes } = context;
  if (maxNotes !== undefined) {
    if (holdsMoreNotesThan(doc, maxNotes) && notesType(doc).size > before.notesCount(touched.notes)) {
      return notesBudgetRefusal(maxNotes);
    }
  }
  return null;
}

/**
 * Why an update cannot be a valid write to a board's content document (or its drafts) by `writer`, from the
 * update alone, or null: findRefusedChange still decides.
 */
export function findMalformedBoardUpdate(
  update: Uint8Array,
  writer?: Pick<Writer, 'person' | 'role'>,
  known?: Y.Doc,
  control?: Y.Doc | null,
): string | null {
  return findRefusedBoardUpdate(update, { writer, known, control })?.reason ?? null;
}

/**
 * findMalformedBoardUpdate with the board's budget of notes too: the one check of an update before the
 * server tries it, reading it once. A refusal past the budget says so (`overBudget`).
 */
export function findRefusedBoardUpdate(update: Uint8Array, context: UpdateContext): WriteRefusal | null {
  return findMalformedUpdate(update, 'content', KNOWN_ROOTS, context);
}

function touchedParts(doc: Y.Doc, transaction: Y.Transaction): TouchedParts | string {
  // Names first: reading a root through the model below can replace a root that Yjs created without knowing
  // its kind, after which the changed types no longer match the document's roots.
  const rootNames = new Map<SharedType, string>();
  for (const [name, type] of doc.share) rootNames.set(type, name);

  const touched: TouchedParts = { notes: new Set(), votes: new Set(), meta: false, schema: false };
  for (const [type, keys] of transaction.changed) {
    const { root, topKey } = locate(type);
    const name = rootNames.get(root);
    if (name === undefined || !KNOWN_ROOTS.has(name)) {
      return `unknown top-level type ${describeValue(name)}`;
    }
    if (type === root && keys.has(null)) return `top-level type ${describeValue(name)} must be a map`;
    if (name === NOTES_KEY) {
      if (topKey !== null) touched.notes.add(topKey);
      else for (const key of keys) if (key !== null) touched.notes.add(key);
    } else if (name === VOTES_KEY) {
      if (type !== root) return 'votes hold no nested types';
      for (const key of keys) if (key !== null) touched.votes.add(key);
    } else if (name === META_KEY) {
      if (type !== root) return 'the board’s title and task hold no nested types';
      touched.meta = true;
    } else {
      if (type !== root) return 'the schema holds no nested types';
      touched.schema = true;
    }
  }
  return touched;
}

function findInvalidParts(doc: Y.Doc, touched: TouchedParts): string | null {
  const notes = notesType(doc);
  for (const id of touched.notes) {
    // A deleted note is fine; one that is there must be readable, and hold nothing else.
    if (notes.has(id) && (!getNote(doc, id) || !hasExactNoteShape(doc, id))) {
      return `note ${describeValue(id)} is not a valid note`;
    }
  }
  for (const id of touched.votes) {
    if (!isVoteEntryValid(doc, id)) return `vote ${describeValue(id)} is not a valid vote`;
  }
  if (touched.meta && !hasExactBoardMeta(doc)) return 'board title, task or creation time is invalid';
  if (touched.schema && !recordsOnlyKnownMigrations(doc))
    return 'schema records a migration this server does not know';
  return null;
}

/** The root a type lies under, and the key in the root under which it lies (null for the root itself). */
function locate(type: SharedType): { root: SharedType; topKey: string | null } {
  let current = type;
  let topKey: string | null = null;
  while (current._item !== null) {
    topKey = current._item.parentSub;
    current = current._item.parent as SharedType;
  }
  return { root: current, topKey };
}
