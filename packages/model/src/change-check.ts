import type * as Y from 'yjs';
import { getBoardMeta, META_KEY } from './board.ts';
import { describeValue } from './errors.ts';
import { getNote, NOTES_KEY, notesType } from './note.ts';
import { recordsOnlyKnownMigrations, SCHEMA_KEY } from './schema.ts';
import { isVoteEntryValid, VOTES_KEY } from './voting.ts';

/** Any Yjs type, as Yjs names the keys of `transaction.changed`. */
type SharedType = Parameters<Y.Transaction['changed']['get']>[0];

/** The top-level types a board document may hold; each is a Y.Map. */
const KNOWN_ROOTS: ReadonlySet<string> = new Set([META_KEY, NOTES_KEY, SCHEMA_KEY, VOTES_KEY]);

/**
 * Checks what `transaction` changed in `doc` (a board's content document, after the transaction) and returns
 * why the change is invalid, or null when it is fine. For a server that receives updates straight from
 * clients: anything the typed operations could write passes, including deleting notes and taking back votes;
 * a change that leaves data the readers would skip (an invalid note, vote or metadata, an unknown top-level
 * type) does not. Votes are checked for their shape only: whether their round is open and the voter has votes
 * left is in the control document, which this check does not see.
 */
export function findInvalidChange(doc: Y.Doc, transaction: Y.Transaction): string | null {
  // Names first: reading a root through the model below can replace a root that Yjs created without knowing
  // its kind, after which the changed types no longer match the document's roots.
  const rootNames = new Map<SharedType, string>();
  for (const [name, type] of doc.share) rootNames.set(type, name);

  const touchedNotes = new Set<string>();
  const touchedVotes = new Set<string>();
  let metaTouched = false;
  let schemaTouched = false;
  for (const [type, keys] of transaction.changed) {
    const { root, topKey } = locate(type);
    const name = rootNames.get(root);
    if (name === undefined || !KNOWN_ROOTS.has(name)) {
      return `unknown top-level type ${describeValue(name)}`;
    }
    if (type === root && keys.has(null)) return `top-level type ${describeValue(name)} must be a map`;
    if (name === NOTES_KEY) {
      if (topKey !== null) touchedNotes.add(topKey);
      else for (const key of keys) if (key !== null) touchedNotes.add(key);
    } else if (name === VOTES_KEY) {
      if (type !== root) return 'votes hold no nested types';
      for (const key of keys) if (key !== null) touchedVotes.add(key);
    } else if (name === META_KEY) {
      metaTouched = true;
    } else {
      schemaTouched = true;
    }
  }

  const notes = notesType(doc);
  for (const id of touchedNotes) {
    // A deleted note is fine; one that is there must be readable.
    if (notes.has(id) && !getNote(doc, id)) return `note ${describeValue(id)} is not a valid note`;
  }
  for (const id of touchedVotes) {
    if (!isVoteEntryValid(doc, id)) return `vote ${describeValue(id)} is not a valid vote`;
  }
  if (metaTouched && !getBoardMeta(doc)) return 'board title, task or creation time is invalid';
  if (schemaTouched && !recordsOnlyKnownMigrations(doc))
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
