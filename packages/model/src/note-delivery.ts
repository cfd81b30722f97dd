import * as Y from 'yjs';
import { notesType } from './note.ts';

/** A state vector: for each client, the clock up to which its items are known (Y.decodeStateVector). */
export type StateVector = ReadonlyMap<number, number>;

/** Whether `held` lacks the item with this id: its clock is not below the clock held for its client. */
function lacks(held: StateVector, { client, clock }: Y.ID): boolean {
  return clock >= (held.get(client) ?? 0);
}

/** Whether `held` has every item `doc` has: then no note can be unsent, and none has to be looked at. */
function holdsAll(doc: Y.Doc, held: StateVector): boolean {
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
    if ((held.get(client) ?? 0) < clock) return false;
  }
  return true;
}

/**
 * The ids of the notes whose current content a replica holding `held` (the server's state, as far as it is
 * known) lacks: a note it never received, or a field of it written since. Only the items a note shows now are
 * looked at, the note's own and its fields' latest values, so an older value the replica lacks does not count.
 * A deletion moves no state vector, so a note deleted here is simply gone, and never unsent.
 */
export function unsentNoteIds(doc: Y.Doc, held: StateVector): Set<string> {
  const unsent = new Set<string>();
  if (holdsAll(doc, held)) return unsent;
  for (const [id, stored] of notesType(doc).entries()) {
    if (!(stored instanceof Y.Map)) continue;
    const own = stored._item;
    if (own && lacks(held, own.id)) {
      unsent.add(id);
      continue;
    }
    for (const field of stored._map.values()) {
      if (!field.deleted && lacks(held, field.id)) {
        unsent.add(id);
        break;
      }
    }
  }
  return unsent;
}
