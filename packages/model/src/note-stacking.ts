import type { Note } from './note.ts';

/**
 * The board's stacking order: older notes below newer ones, ids breaking ties, so every client (and a
 * replay) stacks and lists the same notes alike. A comparator for `Array.prototype.sort`.
 */
export function compareStacking(
  a: Pick<Note, 'id' | 'createdAt'>,
  b: Pick<Note, 'id' | 'createdAt'>,
): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
