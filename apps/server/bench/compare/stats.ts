import type { LoadReport } from './load-messages.ts';

export interface Spread {
  p50: number;
  p99: number;
  max: number;
  count: number;
}

/** Nearest-rank percentiles of `values` (ms); NaN when there are none. */
export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return { p50: rank(0.5), p99: rank(0.99), max: sorted.at(-1) ?? Number.NaN, count: sorted.length };
}

/**
 * Per probe, every note written in its room by someone else: the time from its send to its arrival, or lost
 * when it never arrived (the drain waits until every probe holds every note, or gives up).
 */
export function noteLatencies(reports: readonly LoadReport[]): { latencies: number[]; lost: number } {
  const byRoom = groupBy(
    reports.flatMap((report) => report.sent),
    ([, room]) => room,
  );
  const latencies: number[] = [];
  let lost = 0;
  for (const probe of reports.flatMap((report) => report.probes)) {
    const arrived = new Map(probe.notes);
    for (const [id, , writer, sentAt] of byRoom.get(probe.room) ?? []) {
      if (writer === probe.person) continue;
      const at = arrived.get(id);
      if (at === undefined) lost++;
      else latencies.push(at - sentAt);
    }
  }
  return { latencies, lost };
}

/**
 * Per probe, every cursor move of someone else in its room: the time until the probe saw that move or a later
 * one of the same person (a server may pass on only the latest of several moves, as presence is latest-wins).
 * `unseen` counts moves after which nothing of that person arrived.
 */
export function cursorLatencies(reports: readonly LoadReport[]): { latencies: number[]; unseen: number } {
  const movesOf = groupBy(
    reports.flatMap((report) => report.moves),
    ([person]) => person,
  );
  const latencies: number[] = [];
  let unseen = 0;
  for (const probe of reports.flatMap((report) => report.probes)) {
    const seenOf = groupBy(probe.cursors, ([person]) => person);
    for (const [person, moves] of movesOf) {
      if (person === probe.person || moves[0]?.[1] !== probe.room) continue;
      const bySequence = [...moves].sort((a, b) => a[2] - b[2]);
      let answered = 0;
      for (const [, sequence, at] of [...(seenOf.get(person) ?? [])].sort((a, b) => a[2] - b[2])) {
        for (; answered < bySequence.length && (bySequence[answered]?.[2] ?? 0) <= sequence; answered++) {
          latencies.push(at - (bySequence[answered]?.[3] ?? at));
        }
      }
      unseen += bySequence.length - answered;
    }
  }
  return { latencies, unseen };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
