import * as Y from 'yjs';
import { META_KEY } from './board.ts';
import { describeValue } from './errors.ts';
import { ID_MAX_LENGTH } from './id.ts';
import {
  FIXED_NOTE_FIELDS,
  getNote,
  holdsMoreNotesThan,
  isNoteFieldValue,
  NOTES_KEY,
  type Note,
  notesBudgetRefusal,
  notesType,
} from './note.ts';
import { type LockCheck, lockFor, mayDeleteNote } from './note-rules.ts';
import { isStepId } from './phases.ts';
import { hasExactKeys, isPlainValue } from './plain-value.ts';
import { canVote, type Vote } from './vote-budget.ts';
import {
  currentVotingRound,
  isNoteInScope,
  listVotes,
  readStoredVote,
  VOTES_KEY,
  votesType,
} from './voting.ts';
import type { WriteRefusal, Writer } from './writer.ts';

/** Which of a board's documents an update is for: they differ in what they may hold. */
export type BoardDocumentKind = 'content' | 'control';

/** No value a board stores comes near this: the longest is a 500-character note text or task. */
const VALUE_LIMITS = { maxLength: 16 * 1024, maxDepth: 4 };

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** What a check of an update may know besides the update: who writes, the document, its facilitation state. */
export interface UpdateContext {
  writer?: Pick<Writer, 'person' | 'role'>;
  /** The document the update is for, as it is: only what is new to it is looked at. */
  known?: Y.Doc;
  /** The board's facilitation state (lock, voting rounds), for the rules that need it. */
  control?: Y.Doc | null;
  /** Most notes the board may hold: an update past it is refused as over budget. */
  maxNotes?: number;
}

/**
 * Why an update cannot be a valid write to a board's document, or null when it may be (the full check,
 * findRefusedChange, still decides). Cheap: it reads the update once, and the document only where the update
 * points, so the server refuses the malformed (binary, BigInts, shared text, huge values, nested types where
 * none belong, unknown top-level names) and, given the context, whatever the rules refuse whatever else the
 * update does, without applying it (a refusal after applying costs the server a rebuild of the document).
 */
export function findMalformedUpdate(
  update: Uint8Array,
  kind: BoardDocumentKind,
  knownRoots: ReadonlySet<string>,
  context: UpdateContext = {},
): WriteRefusal | null {
  const decoded = Y.decodeUpdate(update);
  const problem = findMalformedStructs(decoded, kind, knownRoots, context);
  if (problem !== null) return { reason: problem };
  const { known, maxNotes } = context;
  if (kind !== 'content' || known === undefined || maxNotes === undefined) return null;
  const added = countAddedNotes(decoded, known);
  return added > 0 && holdsMoreNotesThan(known, maxNotes - added) ? notesBudgetRefusal(maxNotes) : null;
}

function findMalformedStructs(
  { structs, ds }: DecodedUpdate,
  kind: BoardDocumentKind,
  knownRoots: ReadonlySet<string>,
  { writer, known, control }: UpdateContext,
): string | null {
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // What the document already holds is not written again: a browser resending it (a reload, a second tab)
    // writes nothing, whoever wrote it first.
    if (known && holds(known, struct)) continue;
    if (typeof struct.parent === 'string' && !knownRoots.has(struct.parent)) {
      return `unknown top-level type ${describeValue(struct.parent)}`;
    }
    if (struct.parentSub !== null && struct.parentSub.length > ID_MAX_LENGTH) return 'a key is too long';
    const problem =
      findMalformedContent(struct.content, kind) ?? (writer ? findOthersName(struct, writer) : null);
    if (problem !== null) return problem;
  }
  return kind === 'content' && writer && known
    ? findRefusedRemoval(structs, ds, writer, known, lockFor(writer, control), control ?? null)
    : null;
}

/**
 * Removals that are refused whatever else the update does: a participant deleting someone else's note, anyone
 * taking back someone else's vote, a participant changing the title or task. Read from the document as it is
 * (`known`): what the update deletes, and what its new values overwrite. The same refusals as note-rules.ts,
 * vote-rules.ts and findRefusedChange, made before applying the write, so they cost no rebuild of the document.
 */
function findRefusedRemoval(
  structs: DecodedUpdate['structs'],
  ds: DecodedUpdate['ds'],
  writer: Pick<Writer, 'person' | 'role'>,
  known: Y.Doc,
  lock: LockCheck | null,
  control: Y.Doc | null,
): string | null {
  const facilitator = writer.role === 'facilitator';
  // A value set over another names the one it replaces as its origin: a replaced entry is not a deleted one.
  const replaced = new Set<string>();
  // The notes this update creates: their maps' ids, with the note ids they are stored under.
  const newNotes = new Map<string, string>();
  for (const struct of structs) {
    if (struct instanceof Y.Item && (struct.parent as unknown) === NOTES_KEY && struct.parentSub !== null) {
      newNotes.set(idKey(struct.id), struct.parentSub);
    }
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || holds(known, struct)) continue;
    // Decoded, not integrated: a first value under a top-level key names its parent by name.
    if (!facilitator && (struct.parent as unknown) === META_KEY) return META_REFUSAL;
    const overwritten = struct.origin === null ? undefined : itemAt(known, struct.origin);
    if (struct.origin !== null) replaced.add(idKey(struct.origin));
    if (!facilitator && overwritten && rootNameOf(overwritten) === META_KEY) return META_REFUSAL;
    // A value the same update removes again never lands (an undo taken back at once): only what stays counts.
    if (Y.isDeleted(ds, struct.id)) continue;
    const problem = findInvalidNoteField(struct, overwritten, newNotes, known, lock);
    if (problem !== null) return problem;
  }
  let removesVotes = false;
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      for (let at = clock; at < clock + len; ) {
        const item = itemAt(known, Y.createID(client, at));
        if (!item) break;
        at = item.id.clock + item.length;
        if (item.deleted || item.parentSub === null) continue;
        if (replaced.has(idKey(Y.createID(item.id.client, item.id.clock + item.length - 1)))) continue;
        if (rootNameOf(item) === VOTES_KEY) removesVotes = true;
        const problem = refusedEntryRemoval(item, item.parentSub, writer, known, lock);
        if (problem !== null) return problem;
      }
    }
  }
  return control ? findRefusedVotes(structs, ds, known, control, !removesVotes) : null;
}

/**
 * New votes that vote-rules.ts would refuse whatever else the update does: while no round is open or in
 * another round, on a note of the board outside the round's scope, or (when the update takes back none)
 * past the voter's budget or the round's limit per note.
 */
function findRefusedVotes(
  structs: DecodedUpdate['structs'],
  ds: DecodedUpdate['ds'],
  known: Y.Doc,
  control: Y.Doc,
  checkBudget: boolean,
): string | null {
  const open = currentVotingRound(control);
  const cast: { id: string; vote: Vote }[] = [];
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || (struct.parent as unknown) !== VOTES_KEY || struct.parentSub === null)
      continue;
    if (holds(known, struct) || Y.isDeleted(ds, struct.id) || !(struct.content instanceof Y.ContentAny))
      continue;
    const value = struct.content.arr.at(-1);
    // A vote of another shape is refused for its shape, once applied.
    if (!hasExactKeys(value, ['round', 'voter', 'note', 'at'])) continue;
    const { round, voter, note } = value;
    if (typeof voter !== 'string' || typeof note !== 'string') continue;
    if (open === null || round !== open.id) return 'no voting round is open for this vote';
    const voted = getNote(known, note);
    if (voted === undefined) return null; // a note the update may create: the applied change decides
    if (!isNoteInScope(voted, open.scope)) return 'this note is not part of the voting round';
    cast.push({ id: struct.parentSub, vote: { voterId: voter, noteId: note } });
  }
  if (!checkBudget || open === null || cast.length === 0) return null;
  const counted = listVotes(known, open.id).filter((placed) => {
    const voted = getNote(known, placed.noteId);
    return voted !== undefined && isNoteInScope(voted, open.scope) && !cast.some((c) => c.id === placed.id);
  });
  for (const { id, vote } of cast) {
    const others = [...counted, ...cast.filter((other) => other.id !== id).map((other) => other.vote)];
    if (!canVote(others, vote, open)) return 'no votes left for this note in this round';
  }
  return null;
}

const META_REFUSAL = 'only facilitators change the board’s title and task';

/**
 * A value written into a note that no note may hold there: an unknown key, a field's value it cannot hold, or
 * a new author or creation time for a note that exists. Found for new notes (their map is in the update) and
 * for notes the document holds, whose fields a value is set beside or over.
 */
function findInvalidNoteField(
  item: Y.Item,
  overwritten: Y.Item | undefined,
  newNotes: ReadonlyMap<string, string>,
  known: Y.Doc,
  lock: LockCheck | null,
): string | null {
  if (!(item.content instanceof Y.ContentAny || item.content instanceof Y.ContentType)) return null;
  let key = item.parentSub;
  let noteId: string | null = null;
  let isNew = false;
  const parent = item.parent as unknown;
  if (parent instanceof Y.ID) {
    const created = newNotes.get(idKey(parent));
    if (created !== undefined) {
      noteId = created;
      isNew = true;
    } else {
      const holder = itemAt(known, parent);
      if (holder && rootNameOf(holder) === NOTES_KEY) noteId = holder.parentSub;
    }
  } else if (parent === null && overwritten?.parentSub) {
    const map = overwritten.parent;
    const holder = map instanceof Y.AbstractType ? map._item : null;
    if (holder && rootNameOf(holder) === NOTES_KEY) {
      noteId = holder.parentSub;
      key = overwritten.parentSub;
    }
  }
  if (noteId === null || key === null) return null;
  const value = item.content instanceof Y.ContentAny ? item.content.arr.at(-1) : item.content.type;
  if (!isNoteFieldValue(key, value)) return `note ${describeValue(noteId)} is not a valid note`;
  const current = isNew ? undefined : getNote(known, noteId);
  if (current && FIXED_NOTE_FIELDS.includes(key) && current[key as keyof typeof current] !== value) {
    return 'a note’s author and creation time never change';
  }
  if (lock === null) return null;
  // A note is neither put into a locked phase nor taken out of one, and one inside it does not change.
  if (key === 'step' && isStepId(value) && (current === undefined || value !== current.step)) {
    const into = lock(value);
    if (into !== null) return into;
  }
  if (current && !sameFieldValue(current, key, value)) return lock(current.step);
  return null;
}

/** Whether `value` is what `note` already holds under `key`. */
function sameFieldValue(note: Note, key: string, value: unknown): boolean {
  if (key === 'pos') {
    const pos = value as { r?: unknown; t?: unknown };
    return pos.r === note.pos.r && pos.t === note.pos.t;
  }
  return note[key as keyof Note] === value;
}

function refusedEntryRemoval(
  item: Y.Item,
  key: string,
  writer: Pick<Writer, 'person' | 'role'>,
  known: Y.Doc,
  lock: LockCheck | null,
): string | null {
  const root = rootNameOf(item);
  if (root === META_KEY) return writer.role === 'facilitator' ? null : META_REFUSAL;
  // Only the entry the document reads now: removing an older value of it removes nothing.
  if (root === NOTES_KEY && notesType(known)._map.get(key) === item) {
    const note = getNote(known, key);
    if (note && !mayDeleteNote(note, writer)) return 'only its author or a facilitator may delete a note';
    if (note && lock) return lock(note.step);
  }
  if (root === VOTES_KEY && votesType(known)._map.get(key) === item) {
    const vote = readStoredVote(known, key);
    if (vote && vote.voter !== writer.person) return 'only the voter may take a vote back';
  }
  return null;
}

/** Whether the document holds all of `item` already. */
function holds(known: Y.Doc, item: Y.Item): boolean {
  return Y.getState(known.store, item.id.client) >= item.id.clock + item.length;
}

/** The item of `known` at `id`, or undefined when the document does not hold it. */
function itemAt(known: Y.Doc, id: Y.ID): Y.Item | undefined {
  if (Y.getState(known.store, id.client) <= id.clock) return undefined;
  const struct = Y.getItem(known.store, id);
  return struct instanceof Y.Item ? struct : undefined;
}

/** The name of the top-level type `item` is an entry of, or undefined for an item deeper down. */
function rootNameOf(item: Y.Item): string | undefined {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType) || parent._item !== null) return undefined;
  return Y.findRootTypeKey(parent);
}

function idKey(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
}

/**
 * Authorship that is wrong whatever the document holds: a note's author is written once, when its writer
 * creates it (a facilitator revealing drafts writes their authors'), and a vote only ever under its voter's
 * own id. The same refusals as note-rules.ts and vote-rules.ts, made before trying the write.
 */
function findOthersName(item: Y.Item, writer: Pick<Writer, 'person' | 'role'>): string | null {
  if (!(item.content instanceof Y.ContentAny)) return null;
  for (const value of item.content.arr) {
    if (item.parentSub === 'authorId' && writer.role !== 'facilitator' && value !== writer.person) {
      return 'a new note must be written under its writer’s own name';
    }
    const voter =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>).voter : undefined;
    // Decoded, not integrated: a new top-level entry names its parent by name.
    if ((item.parent as unknown) === VOTES_KEY && voter !== undefined && voter !== writer.person) {
      return 'a vote must be cast under the voter’s own id';
    }
  }
  return null;
}

function findMalformedContent(content: Y.Item['content'], kind: BoardDocumentKind): string | null {
  if (content instanceof Y.ContentDeleted) return null;
  if (content instanceof Y.ContentAny) {
    return content.arr.every((value) => isPlainValue(value, VALUE_LIMITS))
      ? null
      : 'a value is not plain data, or too large';
  }
  // The notes are the only nested types a board holds: a map per note, in the content document.
  if (content instanceof Y.ContentType) {
    return kind === 'content' && content.type instanceof Y.Map ? null : 'a nested type where none belongs';
  }
  return 'content of a kind a board never holds';
}

/**
 * How many notes an update adds to the board `known`: new entries under keys the board does not hold yet; 0
 * for an update that also removes something, whose count only trying it tells.
 */
export function notesAddedBy(update: Uint8Array, known: Y.Doc): number {
  return countAddedNotes(Y.decodeUpdate(update), known);
}

function countAddedNotes({ structs, ds }: DecodedUpdate, known: Y.Doc): number {
  if (ds.clients.size > 0) return 0;
  const notes = notesType(known);
  const added = new Set<string>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || (struct.parent as unknown) !== NOTES_KEY || struct.parentSub === null)
      continue;
    if (holds(known, struct) || Y.isDeleted(ds, struct.id) || notes.has(struct.parentSub)) continue;
    added.add(struct.parentSub);
  }
  return added.size;
}
