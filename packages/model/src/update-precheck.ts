import * as Y from 'yjs';
import { META_KEY } from './board.ts';
import { describeValue } from './errors.ts';
import { ID_MAX_LENGTH } from './id.ts';
import { getNote, NOTES_KEY, notesType } from './note.ts';
import { mayDeleteNote } from './note-rules.ts';
import { isPlainValue } from './plain-value.ts';
import { readStoredVote, VOTES_KEY, votesType } from './voting.ts';
import type { Writer } from './writer.ts';

/** Which of a board's documents an update is for: they differ in what they may hold. */
export type BoardDocumentKind = 'content' | 'control';

/** No value a board stores comes near this: the longest is a 500-character note text or task. */
const VALUE_LIMITS = { maxLength: 16 * 1024, maxDepth: 4 };

/**
 * Why an update cannot be a valid write to a board's document, read from the update alone, or null when it
 * may be (the full check, findRefusedChange, still decides). Cheap: it looks at what the update writes, not at
 * the document, so the server refuses the plainly malformed (binary, BigInts, shared text, huge values,
 * nested types where none belong, unknown top-level names) without trying it on its copy of the document.
 * Given the document (`known`), it looks only at what is new to it.
 */
export function findMalformedUpdate(
  update: Uint8Array,
  kind: BoardDocumentKind,
  knownRoots: ReadonlySet<string>,
  writer?: Pick<Writer, 'person' | 'role'>,
  known?: Y.Doc,
): string | null {
  const { structs, ds } = Y.decodeUpdate(update);
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
  return kind === 'content' && writer && known ? findRefusedRemoval(structs, ds, writer, known) : null;
}

/**
 * Removals that are refused whatever else the update does: a participant deleting someone else's note, anyone
 * taking back someone else's vote, a participant changing the title or task. Read from the document as it is
 * (`known`): what the update deletes, and what its new values overwrite. The same refusals as note-rules.ts,
 * vote-rules.ts and findRefusedChange, made before trying the write, so they cost no rebuild of the copy.
 */
function findRefusedRemoval(
  structs: ReturnType<typeof Y.decodeUpdate>['structs'],
  ds: ReturnType<typeof Y.decodeUpdate>['ds'],
  writer: Pick<Writer, 'person' | 'role'>,
  known: Y.Doc,
): string | null {
  const facilitator = writer.role === 'facilitator';
  // A value set over another names the one it replaces as its origin: a replaced entry is not a deleted one.
  const replaced = new Set<string>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || holds(known, struct)) continue;
    // Decoded, not integrated: a first value under a top-level key names its parent by name.
    if (!facilitator && (struct.parent as unknown) === META_KEY) return META_REFUSAL;
    if (struct.origin === null) continue;
    replaced.add(idKey(struct.origin));
    const overwritten = itemAt(known, struct.origin);
    if (!facilitator && overwritten && rootNameOf(overwritten) === META_KEY) return META_REFUSAL;
  }
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      for (let at = clock; at < clock + len; ) {
        const item = itemAt(known, Y.createID(client, at));
        if (!item) break;
        at = item.id.clock + item.length;
        if (item.deleted || item.parentSub === null) continue;
        if (replaced.has(idKey(Y.createID(item.id.client, item.id.clock + item.length - 1)))) continue;
        const problem = refusedEntryRemoval(item, item.parentSub, writer, known);
        if (problem !== null) return problem;
      }
    }
  }
  return null;
}

const META_REFUSAL = 'only facilitators change the board’s title and task';

function refusedEntryRemoval(
  item: Y.Item,
  key: string,
  writer: Pick<Writer, 'person' | 'role'>,
  known: Y.Doc,
): string | null {
  const root = rootNameOf(item);
  if (root === META_KEY) return writer.role === 'facilitator' ? null : META_REFUSAL;
  // Only the entry the document reads now: removing an older value of it removes nothing.
  if (root === NOTES_KEY && notesType(known)._map.get(key) === item) {
    const note = getNote(known, key);
    if (note && !mayDeleteNote(note, writer)) return 'only its author or a facilitator may delete a note';
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
