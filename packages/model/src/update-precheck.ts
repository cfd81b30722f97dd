import * as Y from 'yjs';
import { describeValue } from './errors.ts';
import { ID_MAX_LENGTH } from './id.ts';
import { isPlainValue } from './plain-value.ts';

/** Which of a board's documents an update is for: they differ in what they may hold. */
export type BoardDocumentKind = 'content' | 'control';

/** No value a board stores comes near this: the longest is a 500-character note text or task. */
const VALUE_LIMITS = { maxLength: 16 * 1024, maxDepth: 4 };

/**
 * Why an update cannot be a valid write to a board's document, read from the update alone, or null when it
 * may be (the full check, findRefusedChange, still decides). Cheap: it looks at what the update writes, not at
 * the document, so the server refuses the plainly malformed (binary, BigInts, shared text, huge values,
 * nested types where none belong, unknown top-level names) without trying it on its copy of the document.
 */
export function findMalformedUpdate(
  update: Uint8Array,
  kind: BoardDocumentKind,
  knownRoots: ReadonlySet<string>,
): string | null {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (typeof struct.parent === 'string' && !knownRoots.has(struct.parent)) {
      return `unknown top-level type ${describeValue(struct.parent)}`;
    }
    if (struct.parentSub !== null && struct.parentSub.length > ID_MAX_LENGTH) return 'a key is too long';
    const problem = findMalformedContent(struct.content, kind);
    if (problem !== null) return problem;
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
