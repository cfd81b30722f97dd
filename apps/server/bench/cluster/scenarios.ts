import { type LoadScenario, scenarios } from '../compare/scenarios.ts';
import { CLUSTER_BY_BOARD, CLUSTER_SPREAD, NETWORK_STORES, type Setup, SQLITE } from './deployments.ts';

/** A load, and the deployments it runs on (each a fresh set of servers and stores, in interleaved repeats). */
export interface ClusterScenario {
  load: LoadScenario;
  setups: readonly Setup[];
}

export const DEFAULT_DURATION_MS = 20_000;

/** The comparison benchmark's first two loads: one board, and many boards that are each a small workshop. */
export function clusterScenarios(durationMs = DEFAULT_DURATION_MS, boards = 20): ClusterScenario[] {
  const [oneRoom, manyRooms] = scenarios(durationMs).filter(
    (scenario): scenario is LoadScenario => scenario.kind === 'load',
  );
  if (!oneRoom || !manyRooms) throw new Error('the comparison benchmark has no such loads');
  return [
    {
      // 48 clients rather than 50, so that the three servers share them evenly.
      load: { ...oneRoom, name: '1 board, 48 clients, 2 notes/s, 10 cursors at 10 Hz', clientsPerRoom: 48 },
      setups: [SQLITE, NETWORK_STORES, CLUSTER_SPREAD],
    },
    {
      load: {
        ...manyRooms,
        name: `${boards} boards of ${manyRooms.clientsPerRoom} clients, 2 notes/s, 2 cursors a board at 10 Hz`,
        rooms: boards,
      },
      setups: [SQLITE, NETWORK_STORES, CLUSTER_BY_BOARD, CLUSTER_SPREAD],
    },
  ];
}
