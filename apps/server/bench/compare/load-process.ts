import { getNote, notesType } from '@kompas/model';
import { now } from './clock.ts';
import { LoadClient, sumReceived, type Target } from './load-client.ts';
import type { ClientSpec, Expected, LoadReply, LoadRequest, SentMove, SentNote } from './load-messages.ts';

/**
 * A load process: a share of the benchmark's clients, in a process apart from the server and from the other
 * load processes, driven by the benchmark over IPC (see load-messages.ts). Started by load-pool.ts.
 */

/** How often the schedule looks for writes and moves that are due. */
const TICK_MS = 2;
/** Between the updates of a seeding writer. */
const SEED_PAUSE_MS = 20;
/** How many clients connect at once, so the server is not asked for hundreds of upgrades in one go. */
const CONNECT_WAVE = 25;

let clients: { client: LoadClient; spec: ClientSpec }[] = [];
let sent: SentNote[] = [];
let moves: SentMove[] = [];
let cpuAtStart = process.cpuUsage();

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

async function connect(target: Target, specs: ClientSpec[], timeoutMs: number): Promise<void> {
  for (let i = 0; i < specs.length; i += CONNECT_WAVE) {
    const wave = specs.slice(i, i + CONNECT_WAVE).map((spec) => ({
      client: new LoadClient(target, spec.seat, spec.index, spec.probe),
      spec,
    }));
    clients.push(...wave);
    await Promise.all(wave.map(({ client }) => client.synced(timeoutMs)));
  }
}

interface Due {
  client: LoadClient;
  next: number;
  interval: number;
  act: (client: LoadClient) => void;
}

/** Runs the schedule: every client writes and moves at its rate, each from its own random phase. */
async function run(startAt: number, durationMs: number): Promise<Extract<LoadReply, { kind: 'ran' }>> {
  sent = [];
  moves = [];
  const written: Record<string, number> = {};
  const lastMoves = new Map<string, [string, string, number]>();
  const due: Due[] = [];
  for (const { client, spec } of clients) {
    const { room } = spec.seat;
    const person = spec.seat.person.id;
    const at = (perSecond: number, act: (client: LoadClient) => void) => {
      const interval = 1000 / perSecond;
      due.push({ client, next: startAt + Math.random() * interval, interval, act });
    };
    if (spec.notesPerSecond > 0) {
      at(spec.notesPerSecond, (writer) => {
        const time = now();
        const [id = ''] = writer.writeNotes();
        sent.push([id, room, person, time]);
        written[room] = (written[room] ?? 0) + 1;
      });
    }
    if (spec.cursorHz > 0) {
      let sequence = 0;
      at(spec.cursorHz, (mover) => {
        sequence++;
        moves.push([person, room, sequence, now()]);
        mover.moveCursor(sequence);
        lastMoves.set(person, [person, room, sequence]);
      });
    }
  }
  await delay(startAt - now());
  cpuAtStart = process.cpuUsage();
  const end = startAt + durationMs;
  for (;;) {
    const time = Math.min(now(), end);
    for (const entry of due) {
      // Catches up when a tick came late, so every client keeps its rate.
      while (entry.next <= time && entry.next < end) {
        entry.act(entry.client);
        entry.next += entry.interval;
      }
    }
    if (time >= end) break;
    await delay(TICK_MS);
  }
  return { kind: 'ran', expected: { notes: written, lastMoves: [...lastMoves.values()] } };
}

async function drain(expected: Expected, timeoutMs: number): Promise<LoadReply> {
  const probes = clients.filter(({ spec }) => spec.probe);
  const deadline = Date.now() + timeoutMs;
  const holdsAll = (client: LoadClient, { room, person }: ClientSpec['seat']) =>
    notesType(client.doc).size >= (expected.notes[room] ?? 0) &&
    expected.lastMoves.every(
      ([mover, moverRoom, sequence]) =>
        moverRoom !== room || mover === person.id || (client.lastCursorSeen.get(mover) ?? 0) >= sequence,
    );
  const complete = () => probes.every(({ client, spec }) => holdsAll(client, spec.seat));
  while (!complete() && Date.now() < deadline) await delay(20);
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    kind: 'drained',
    report: {
      sent,
      moves,
      probes: probes.map(({ client, spec }) => ({
        person: spec.seat.person.id,
        room: spec.seat.room,
        notes: [...client.notesSeen].filter(([id]) => getNote(client.doc, id) !== undefined),
        cursors: client.cursorsSeen,
      })),
      received: sumReceived(clients.map(({ client }) => client.received)),
      cpuMs: (cpu.user + cpu.system) / 1000,
    },
  };
}

async function seed(request: Extract<LoadRequest, { kind: 'seed' }>): Promise<LoadReply> {
  const { target, keeper, seeder, notes, batch, timeoutMs } = request;
  await connect(target, [keeper, seeder], timeoutMs);
  const seeding = clients.find(({ spec }) => spec === seeder)?.client;
  const keeping = clients.find(({ spec }) => spec === keeper)?.client;
  if (!seeding || !keeping) throw new Error('seed clients missing');
  for (let written = 0; written < notes; written += batch) {
    seeding.writeNotes(Math.min(batch, notes - written));
    // About 2 MB/s (an update of 100 notes is about 40 KB): within Kompas's budget per connection (4 MiB at
    // once, then 1 MiB/s), which the whole board (about 4 MB for 10,000 notes) would nearly use up at once.
    await delay(SEED_PAUSE_MS);
  }
  const deadline = Date.now() + timeoutMs;
  while (notesType(keeping.doc).size < notes) {
    if (Date.now() > deadline)
      throw new Error(`the keeper holds ${notesType(keeping.doc).size} of ${notes} notes`);
    await delay(20);
  }
  return { kind: 'seeded' };
}

async function join(request: Extract<LoadRequest, { kind: 'join' }>): Promise<LoadReply> {
  const { target, notes, timeoutMs } = request;
  const queue = [...request.clients];
  const times: number[] = [];
  const failures: string[] = [];
  const joinOne = async (spec: ClientSpec) => {
    const start = now();
    const client = new LoadClient(target, spec.seat, spec.index, true);
    try {
      await client.synced(timeoutMs);
      times.push(now() - start);
      const held = notesType(client.doc).size;
      if (held < notes) failures.push(`client ${spec.index} synced with ${held} of ${notes} notes`);
    } catch (error) {
      failures.push((error as Error).message);
    } finally {
      client.destroy();
    }
  };
  const lane = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) await joinOne(spec);
  };
  await Promise.all(Array.from({ length: request.concurrency }, lane));
  return { kind: 'joined', times, failures };
}

async function handle(request: LoadRequest): Promise<LoadReply> {
  switch (request.kind) {
    case 'connect':
      await connect(request.target, request.clients, request.timeoutMs);
      return { kind: 'connected' };
    case 'run':
      return run(request.startAt, request.durationMs);
    case 'drain':
      return drain(request.expected, request.timeoutMs);
    case 'seed':
      return seed(request);
    case 'join':
      return join(request);
    case 'disconnect':
      for (const { client } of clients) client.destroy();
      clients = [];
      return { kind: 'disconnected' };
  }
}

// Every official client listens for the process' exit, to say goodbye to the others.
process.setMaxListeners(0);
process.on('message', (request: LoadRequest) => {
  handle(request).then(
    (reply) => process.send?.(reply),
    (error: unknown) => process.send?.({ kind: 'error', message: (error as Error).stack ?? String(error) }),
  );
});
// Without its benchmark there is nothing to do: its clients' timers must not keep it alive.
process.on('disconnect', () => process.exit(0));
