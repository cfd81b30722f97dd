/**
 * Searching and merging runs of logged items (a room's updates, a board's frames): ordered by log position
 * `seq`, with server times `at` that never decrease. Shared by the server's replay index and the browser's
 * replay, which both look items up by position and by time.
 */
export interface Logged {
  seq: number;
  at: number;
}

/** Index of the item at position `seq`, or -1. */
export function indexOfSeq(items: readonly Logged[], seq: number): number {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = (items[middle] as Logged).seq;
    if (found === seq) return middle;
    if (found < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Index of the last item logged at or before time `t`, or -1. */
export function lastIndexAtOrBefore(items: readonly Logged[], t: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((items[middle] as Logged).at <= t) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** `items` with `more` added (in any order), ordered by position; an item already there is kept. */
export function mergeLogged<T extends Logged>(items: readonly T[], more: readonly T[]): T[] {
  const sorted = [...more].sort((a, b) => a.seq - b.seq);
  const last = items.at(-1);
  if (!last || (sorted[0] && sorted[0].seq > last.seq)) return [...items, ...sorted];
  const bySeq = new Map(items.map((item) => [item.seq, item]));
  for (const item of sorted) bySeq.set(item.seq, bySeq.get(item.seq) ?? item);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
