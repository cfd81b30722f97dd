import { now } from './clock.ts';
import { type Received, sumReceived, type Target } from './load-client.ts';
import type { ClientSpec, Expected, LoadReport } from './load-messages.ts';
import type { LoadProcess } from './load-pool.ts';
import { cpuSeconds, peakRssMb } from './process-stats.ts';
import type { JoinScenario, LoadScenario, Scenario } from './scenarios.ts';
import { prepareSeats, type Seat } from './seats.ts';
import { FRAMING, type RunningServer, type ServerName, startServer } from './servers.ts';
import { cursorLatencies, noteLatencies, type Spread, spread } from './stats.ts';

/** One scenario on one fresh server: what the clients saw and what the server spent. */
export interface RunResult {
  server: ServerName;
  scenario: string;
  repeat: number;
  clients: number;
  notesWritten: number;
  cursorMoves: number;
  /** Updates every other client in the room had to receive: each note and each move times (room size - 1). */
  deliveries: number;
  note: Spread;
  cursor: Spread;
  /** Notes written that some probe did not hold at the end. */
  lost: number;
  /** Cursor moves after which a probe saw nothing more of that person. */
  cursorsUnseen: number;
  /** Join scenario: from opening the connection until in step, per joining client. */
  join: Spread;
  joinFailures: string[];
  /** The server's user + system CPU over the measured window (the load and its drain, or the joins). */
  serverCpuSeconds: number;
  /** serverCpuSeconds per 1,000 deliveries (load) or per join (join), in ms. */
  cpuMsPerUnit: number;
  peakRssMb: number;
  /** The busiest load process's CPU over the window, in % of one core: near 100 means it measured itself. */
  loadCpuPercent: number;
  /** What all clients were sent, as counted frames (a server may merge several updates into one). */
  received: Received;
  windowSeconds: number;
  /** The server ended on SIGTERM within the grace period (it was not killed). */
  stoppedCleanly: boolean;
}

const CONNECT_TIMEOUT_MS = 120_000;
const DRAIN_TIMEOUT_MS = 30_000;
const SEED_TIMEOUT_MS = 120_000;
const JOIN_TIMEOUT_MS = 60_000;
/** Between the last client in step and the load: the server settles after hundreds of joins. */
const SETTLE_MS = 1_000;
/** Notes per update while seeding a board. */
const SEED_BATCH = 100;

export const NO_SPREAD: Spread = { p50: Number.NaN, p99: Number.NaN, max: Number.NaN, count: 0 };

export async function runScenario(
  name: ServerName,
  scenario: Scenario,
  repeat: number,
  pool: readonly LoadProcess[],
): Promise<RunResult> {
  const server = await startServer(name);
  const outcome = await (scenario.kind === 'load'
    ? runLoad(server, scenario, pool)
    : runJoins(server, scenario, pool)
  ).then(
    (measured) => ({ measured }),
    (error: unknown) => ({ error }),
  );
  await Promise.allSettled(pool.map((load) => load.ask({ kind: 'disconnect' }, 'disconnected')));
  const stoppedCleanly = await server.stop();
  if ('error' in outcome) {
    throw new Error(`${name}, ${scenario.name}: ${(outcome.error as Error).message}\n${server.output()}`);
  }
  return { server: name, scenario: scenario.name, repeat, ...outcome.measured, stoppedCleanly };
}

type Measured = Omit<RunResult, 'server' | 'scenario' | 'repeat' | 'stoppedCleanly'>;

/** The probes of a room of `size`: `probes` of them, spread evenly. */
function isProbe(seat: number, size: number, probes: number): boolean {
  const step = Math.max(1, Math.floor(size / probes));
  return seat % step === 0 && seat / step < probes;
}

/** Client `i` goes to load process `i mod n`. */
function share<T>(items: readonly T[], pool: readonly LoadProcess[], index: number): T[] {
  return items.filter((_, i) => i % pool.length === index);
}

function percentOfCore(cpuMs: number, windowMs: number): number {
  return (cpuMs / windowMs) * 100;
}

/** The clients of `rooms` as `scenario` has them write, move and measure; client `index` is its place in `rooms.flat()`. */
export function loadClients(rooms: readonly (readonly Seat[])[], scenario: LoadScenario): ClientSpec[] {
  const size = scenario.clientsPerRoom;
  return rooms.flat().map((seat, index): ClientSpec => {
    const place = index % size;
    return {
      index,
      seat,
      notesPerSecond: scenario.notesPerSecond,
      cursorHz: place >= size - scenario.moversPerRoom ? scenario.cursorHz : 0,
      probe: isProbe(place, size, scenario.probesPerRoom),
    };
  });
}

/** Clients that connect to one address. */
export interface Connection {
  target: Target;
  clients: readonly ClientSpec[];
}

/** Reads something over a load's measured window: started as the load starts, read once the drain ends. */
export type Meter<T> = () => Promise<() => Promise<T>>;

/**
 * Connects the clients (each load process takes its share of every connection), lets the servers settle, runs
 * the load for `durationMs` and waits until every probe holds everything; `meter` spans the load and its drain.
 */
export async function driveLoad<T>(
  pool: readonly LoadProcess[],
  connections: readonly Connection[],
  durationMs: number,
  meter: Meter<T>,
): Promise<{ reports: LoadReport[]; windowMs: number; metered: T }> {
  for (const { target, clients } of connections) {
    await Promise.all(
      pool.map((load, i) =>
        load.ask(
          { kind: 'connect', target, clients: share(clients, pool, i), timeoutMs: CONNECT_TIMEOUT_MS },
          'connected',
        ),
      ),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  const read = await meter();
  const startAt = now() + 200;
  const ran = await Promise.all(pool.map((load) => load.ask({ kind: 'run', startAt, durationMs }, 'ran')));
  const expected: Expected = { notes: {}, lastMoves: ran.flatMap((share) => share.expected.lastMoves) };
  for (const share of ran) {
    for (const [room, count] of Object.entries(share.expected.notes)) {
      expected.notes[room] = (expected.notes[room] ?? 0) + count;
    }
  }
  const reports: LoadReport[] = (
    await Promise.all(
      pool.map((load) => load.ask({ kind: 'drain', expected, timeoutMs: DRAIN_TIMEOUT_MS }, 'drained')),
    )
  ).map(({ report }) => report);
  const windowMs = now() - startAt;
  return { reports, windowMs, metered: await read() };
}

/** What the clients of a load saw, in rooms of `roomSize`. */
export type LoadFigures = Pick<
  RunResult,
  | 'notesWritten'
  | 'cursorMoves'
  | 'deliveries'
  | 'note'
  | 'cursor'
  | 'lost'
  | 'cursorsUnseen'
  | 'loadCpuPercent'
  | 'received'
  | 'windowSeconds'
>;

export function loadFigures(reports: readonly LoadReport[], roomSize: number, windowMs: number): LoadFigures {
  const notesWritten = reports.reduce((total, report) => total + report.sent.length, 0);
  const cursorMoves = reports.reduce((total, report) => total + report.moves.length, 0);
  const notes = noteLatencies(reports);
  const cursors = cursorLatencies(reports);
  return {
    notesWritten,
    cursorMoves,
    deliveries: (notesWritten + cursorMoves) * (roomSize - 1),
    note: spread(notes.latencies),
    cursor: cursorMoves > 0 ? spread(cursors.latencies) : NO_SPREAD,
    lost: notes.lost,
    cursorsUnseen: cursors.unseen,
    loadCpuPercent: Math.max(...reports.map((report) => percentOfCore(report.cpuMs, windowMs))),
    received: sumReceived(reports.map((report) => report.received)),
    windowSeconds: windowMs / 1000,
  };
}

async function runLoad(
  server: RunningServer,
  scenario: LoadScenario,
  pool: readonly LoadProcess[],
): Promise<Measured> {
  const rooms = await prepareSeats(
    server,
    Array.from({ length: scenario.rooms }, () => scenario.clientsPerRoom),
  );
  const clients = loadClients(rooms, scenario);
  const target = { wsUrl: server.wsUrl, framing: FRAMING[server.name] };
  const { reports, windowMs, metered } = await driveLoad(
    pool,
    [{ target, clients }],
    scenario.durationMs,
    async () => {
      const before = cpuSeconds(server.pid);
      return async () => cpuSeconds(server.pid) - before;
    },
  );
  const figures = loadFigures(reports, scenario.clientsPerRoom, windowMs);
  return {
    clients: clients.length,
    ...figures,
    join: NO_SPREAD,
    joinFailures: [],
    serverCpuSeconds: metered,
    cpuMsPerUnit: (metered * 1000 * 1000) / figures.deliveries,
    peakRssMb: peakRssMb(server.pid),
  };
}

async function runJoins(
  server: RunningServer,
  scenario: JoinScenario,
  pool: readonly LoadProcess[],
): Promise<Measured> {
  const [seats = []] = await prepareSeats(server, [scenario.joiners + 2]);
  const [keeper, seeder, ...joiners] = seats.map(
    (seat, index): ClientSpec => ({ index, seat, notesPerSecond: 0, cursorHz: 0, probe: index === 0 }),
  );
  if (!keeper || !seeder) throw new Error('no seats');
  const target = { wsUrl: server.wsUrl, framing: FRAMING[server.name] };
  const [first] = pool;
  if (!first) throw new Error('no load process');
  await first.ask(
    {
      kind: 'seed',
      target,
      keeper,
      seeder,
      notes: scenario.notes,
      batch: SEED_BATCH,
      timeoutMs: SEED_TIMEOUT_MS,
    },
    'seeded',
  );
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  const cpuBefore = cpuSeconds(server.pid);
  const start = now();
  const concurrency = Math.max(1, Math.ceil(scenario.concurrency / pool.length));
  const answers = await Promise.all(
    pool.map((load, i) =>
      load.ask(
        {
          kind: 'join',
          target,
          clients: share(joiners, pool, i),
          concurrency,
          notes: scenario.notes,
          timeoutMs: JOIN_TIMEOUT_MS,
        },
        'joined',
      ),
    ),
  );
  const windowMs = now() - start;
  const serverCpuSeconds = cpuSeconds(server.pid) - cpuBefore;
  return {
    clients: joiners.length,
    notesWritten: scenario.notes,
    cursorMoves: 0,
    deliveries: 0,
    note: NO_SPREAD,
    cursor: NO_SPREAD,
    lost: 0,
    cursorsUnseen: 0,
    join: spread(answers.flatMap((answer) => answer.times)),
    joinFailures: answers.flatMap((answer) => answer.failures),
    serverCpuSeconds,
    cpuMsPerUnit: (serverCpuSeconds * 1000) / joiners.length,
    peakRssMb: peakRssMb(server.pid),
    loadCpuPercent: Number.NaN,
    received: sumReceived([]),
    windowSeconds: windowMs / 1000,
  };
}
