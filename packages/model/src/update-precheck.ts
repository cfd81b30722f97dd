import * as Y from 'yjs';
import { describeValue } from './errors.ts';
import { ID_MAX_LENGTH } from './id.ts';
import { isPlainValue } from './plain-value.ts';
import { VOTES_KEY } from './voting.ts';
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
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue;
    // What the document already holds is not written again: a browser resending it (a reload, a second tab)
    // writes nothing, whoever wrote it first.
    if (known && Y.getState(known.store, struct.id.client) >= struct.id.clock + struct.length) continue;
    if (typeof struct.parent === 'string' && !knownRoots.has(struct.parent)) {
      return `unknown top-level type ${describeValue(struct.parent)}`;
    }
    if (struct.parentSub !== null && struct.parentSub.length > ID_MAX_LENGTH) return 'a key is too long';
    const problem =
      findMalformedContent(struct.content, kind) ?? (writer ? findOthersName(struct, writer) : null);
    if (problem !== null) return problem;
  }
  return null;
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
