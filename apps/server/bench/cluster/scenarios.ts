import type { LoadScenario } from '../compare/scenarios.ts';
import { CLUSTER_BY_BOARD, CLUSTER_SPREAD, NETWORK_STORES, type Setup, SQLITE } from './deployments.ts';

/** A load, and the deployments it runs on (each a fresh set of servers and stores, in interleaved repeats). */
export interface ClusterScenario {
  load: LoadScenario;
  setups: readonly Setup[];
}

export const DEFAULT_DURATION_MS = 20_000;

export function clusterScenarios(durationMs = DEFAULT_DURATION_MS, boards = 20): ClusterScenario[] {
  return [
    {
      // The comparison benchmark's first scenario, with a room size the three servers share evenly.
      load: {
        kind: 'load',
        name: '1 board, 48 clients, 2 notes/s, 10 cursors at 10 Hz',
        rooms: 1,
        clientsPerRoom: 48,
        notesPerSecond: 2,
        moversPerRoom: 10,
        cursorHz: 10,
        probesPerRoom: 3,
        durationMs,
      },
      setups: [SQLITE, NETWORK_STORES, CLUSTER_SPREAD],
    },
    {
      // The comparison benchmark's second scenario: many boards, each a small workshop.
      load: {
        kind: 'load',
        name: `${boards} boards of 10 clients, 2 notes/s, 2 cursors a board at 10 Hz`,
        rooms: boards,
        clientsPerRoom: 10,
        notesPerSecond: 2,
        moversPerRoom: 2,
        cursorHz: 10,
        probesPerRoom: 1,
        durationMs,
      },
      setups: [SQLITE, NETWORK_STORES, CLUSTER_BY_BOARD, CLUSTER_SPREAD],
    },
  ];
}
