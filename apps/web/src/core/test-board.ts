import type { Role } from '@kompas/protocol';
import { BoardCore } from './board-core.ts';
import { BoardDocuments } from './board-documents.ts';
import { leadingActions } from './leading.ts';

/**
 * A board core over plain documents, as one person with `role` works on it: no connections, no browser. For
 * tests of the core, the way tldraw's TestEditor drives its editor. `refusals` collects what they were told.
 */
export function testBoard(role: Role, id = 'ann') {
  const docs = new BoardDocuments(role !== 'observer');
  const refusals: string[] = [];
  const core = new BoardCore(docs, { id, name: id.toUpperCase(), role }, (text) => refusals.push(text));
  core.enableLeading(leadingActions);
  return { docs, core, refusals };
}

/** Another person on the same board: their own core over the same documents. */
export function samePlace(board: ReturnType<typeof testBoard>, role: Role, id: string) {
  const refusals: string[] = [];
  const core = new BoardCore(board.docs, { id, name: id.toUpperCase(), role }, (text) => refusals.push(text));
  core.enableLeading(leadingActions);
  return { docs: board.docs, core, refusals };
}
