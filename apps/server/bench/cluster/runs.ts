import type { LoadReport } from '../compare/load-messages.ts';
import type { LoadProcess } from '../compare/load-pool.ts';
import { machineCpuTicks, peakRssMb } from '../compare/process-stats.ts';
import { driveLoad, type LoadFigures, loadClients, loadFigures } from '../compare/runs.ts';
import type { LoadScenario } from '../compare/scenarios.ts';
import { prepareSeats, type Seat } from '../compare/seats.ts';
import { FRAMING, type RunningServer } from '../compare/servers.ts';
import { noteLatencies, type Spread, spread } from '../compare/stats.ts';
import { deploy, type Setup } from './deployments.ts';
import { type BenchStores, meterBackends, readCpu } from './stores.ts';

/** One load on one deployment: what the clients saw, what each server spent, and what the stores spent. */
export interface ClusterRun extends LoadFigures {
  scenario: string;
  setup: string;
  repeat: number;
  servers: number;
  clients: number;
  /** How many clients each server had. */
  clientsPerServer: number[];
  /** Note latency where the writer and the probe were on different servers (none on one server). */
  acrossServers: Spread;
  /** Each Kompas server's user + system CPU seconds over the window (the load and its drain). */
  serverCpuSeconds: number[];
  /** All Kompas servers' CPU per 1,000 deliveries, in ms. */
  cpuMsPerThousand: number;
  peakRssMb: number[];
  /** The CPU seconds of the PostgreSQL backends serving the run's database; NaN without one. */
  postgresCpuSeconds: number;
  /** The Redis server's CPU seconds: shared with whatever else uses that Redis; NaN without one. */
  redisCpuSeconds: number;
  /** How busy the whole machine was over the window, in % of all its cores. */
  machineBusyPercent: number;
  /** Deliveries over the window: the updates the clients made times the others in their room, per second. */
  deliveriesPerSecond: number;
  stoppedCleanly: boolean;
}

type Measured = Omit<ClusterRun, 'scenario' | 'setup' | 'repeat' | 'stoppedCleanly'>;

export async function runCluster(
  scenario: LoadScenario,
  setup: Setup,
  repeat: number,
  pool: readonly LoadProcess[],
  benchStores: BenchStores,
): Promise<ClusterRun> {
  const deployment = await deploy(setup, benchStores);
  const { database } = deployment;
  const stores: Stores = {
    meterPostgres: async () => (database ? meterBackends(database) : async () => Number.NaN),
    redisPid: setup.stores === 'pg+redis' ? benchStores.redis.pid : undefined,
  };
  const outcome = await measure(deployment.servers, scenario, setup, pool, stores).then(
    (measured) => ({ measured }),
    (error: unknown) => ({ error }),
  );
  await Promise.allSettled(pool.map((load) => load.ask({ kind: 'disconnect' }, 'disconnected')));
  const stoppedCleanly = await deployment.stop();
  if ('error' in outcome) {
    const output = deployment.servers.map((server, i) => `server ${i + 1}:\n${server.output()}`).join('\n');
    throw new Error(`${setup.name}, ${scenario.name}: ${(outcome.error as Error).message}\n${output}`);
  }
  return { scenario: scenario.name, setup: setup.name, repeat, ...outcome.measured, stoppedCleanly };
}

/** The server of client `place` of board `board`, as the setup places them. */
function serverOf(setup: Setup, board: number, place: number): number {
  return setup.placement === 'board' ? board % setup.servers : (board + place) % setup.servers;
}

/** What the run's stores spent: its PostgreSQL backends, and the Redis server (when it runs on this machine). */
interface Stores {
  meterPostgres: () => Promise<() => Promise<number>>;
  redisPid: number | undefined;
}

async function measure(
  servers: readonly RunningServer[],
  scenario: LoadScenario,
  setup: Setup,
  pool: readonly LoadProcess[],
  stores: Stores,
): Promise<Measured> {
  const size = scenario.clientsPerRoom;
  // Each board is made, and its people join, on the server of its first client.
  const rooms: Seat[][] = [];
  for (let board = 0; board < scenario.rooms; board++) {
    const home = servers[serverOf(setup, board, 0)] as RunningServer;
    rooms.push(...(await prepareSeats(home, [size])));
  }
  const clients = loadClients(rooms, scenario);
  const where = clients.map(({ index }) => serverOf(setup, Math.floor(index / size), index % size));
  const connections = servers.map((server, s) => ({
    target: { wsUrl: server.wsUrl, framing: FRAMING[server.name] },
    clients: clients.filter((_, i) => where[i] === s),
  }));

  const pids = servers.map((server) => server.pid);
  const { reports, windowMs, metered } = await driveLoad(pool, connections, scenario.durationMs, async () => {
    const servers = pids.map((pid) => readCpu(pid) ?? 0);
    const redis = redisCpu();
    const machine = machineCpuTicks();
    const postgres = await stores.meterPostgres();
    return async () => {
      const busy = machineCpuTicks();
      return {
        servers: pids.map((pid, i) => (readCpu(pid) ?? Number.NaN) - (servers[i] ?? 0)),
        redis: redisCpu() - redis,
        machineBusy: (busy.busy - machine.busy) / (busy.total - machine.total),
        postgres: await postgres(),
      };
    };
  });
  const figures = loadFigures(reports, size, windowMs);
  const serverOfPerson = new Map(clients.map((client, i) => [client.seat.person.id, where[i]]));
  const total = metered.servers.reduce((sum, seconds) => sum + seconds, 0);
  return {
    ...figures,
    servers: servers.length,
    clients: clients.length,
    clientsPerServer: connections.map((connection) => connection.clients.length),
    acrossServers: spread(latenciesAcross(reports, serverOfPerson)),
    serverCpuSeconds: metered.servers,
    cpuMsPerThousand: (total * 1000 * 1000) / figures.deliveries,
    peakRssMb: pids.map(peakRssMb),
    postgresCpuSeconds: metered.postgres,
    redisCpuSeconds: metered.redis,
    machineBusyPercent: metered.machineBusy * 100,
    deliveriesPerSecond: figures.deliveries / figures.windowSeconds,
  };

  function redisCpu(): number {
    return stores.redisPid === undefined ? Number.NaN : (readCpu(stores.redisPid) ?? Number.NaN);
  }
}

/** The latency of each note that reached a probe on another server than its writer's. */
function latenciesAcross(reports: readonly LoadReport[], serverOf: ReadonlyMap<string, number | undefined>) {
  const sent = reports.flatMap((report) => report.sent);
  return reports.flatMap((report) =>
    report.probes.flatMap((probe) => {
      const across = sent.filter(([, , writer]) => serverOf.get(writer) !== serverOf.get(probe.person));
      return noteLatencies([{ ...report, sent: across, probes: [probe] }]).latencies;
    }),
  );
}
