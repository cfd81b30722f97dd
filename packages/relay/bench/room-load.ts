/**
 * A workshop's load on the real server, for profiling the relay as shipped (SQLite, the board's checks, presence
 * check and recording, the replay index). The server runs in its own process; this one plays the clients.
 *
 * Run: node --import tsx packages/relay/bench/room-load.ts [--clients 50] [--rooms 1] [--notes-per-second 2]
 *        [--cursors 10] [--cursor-hz 10] [--seconds 30] [--warmup 5] [--measured 5] [--profile <dir>]
 *        [--server-root <checkout>] [--reference <@y/websocket-server's src/server.js>] [--node-flag <flag>]...
 *        [--server-log <file>] [--entry <server entry, default apps/server/src/main.ts>]
 *
 * Every client writes new notes (a Y.Map with the board's fields) at its rate; `--cursors` of them per room move
 * a cursor. Most clients only count what they receive; `--measured` per room apply it to a document, which gives
 * the note latency (from the note's creation time) and, at the end, whether any note was lost. Prints the
 * server's CPU time per 1,000 delivered notes (from /proc), note latency and the server's peak RSS. With
 * `--profile`, the server runs under `--cpu-prof` and writes its profile into that folder when it stops;
 * `--server-root` runs the server of another checkout (an older commit, to compare) under the same load;
 * `--reference` runs the reference y-websocket server instead (in memory, no checks), for scale; each
 * `--node-flag` is passed to the server's Node (e.g. --trace-gc), and `--server-log` keeps what it prints.
 * `--entry` starts another entry of the server's checkout, e.g. a bundle of it in plain JavaScript.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

const { values: flags } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    rooms: { type: 'string', default: '1' },
    'notes-per-second': { type: 'string', default: '2' },
    cursors: { type: 'string', default: '10' },
    'cursor-hz': { type: 'string', default: '10' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    measured: { type: 'string', default: '5' },
    profile: { type: 'string' },
    'server-root': { type: 'string' },
    reference: { type: 'string' },
    'node-flag': { type: 'string', multiple: true, default: [] },
    'server-log': { type: 'string' },
    entry: { type: 'string', default: 'apps/server/src/main.ts' },
  },
});
const CLIENTS = Number(flags.clients);
const ROOMS = Number(flags.rooms);
const NOTES_PER_SECOND = Number(flags['notes-per-second']);
const CURSORS = Number(flags.cursors);
const CURSOR_HZ = Number(flags['cursor-hz']);
const SECONDS = Number(flags.seconds);
const WARMUP = Number(flags.warmup);
const MEASURED = Number(flags.measured);
const STEP = 'verkennen.eigen-situatie';
const SYNC = 0;
const AWARENESS = 1;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const CLOCK_TICKS = 100;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface Person {
  id: string;
  name: string;
  token: string;
}

/** The reference server as a child process, on a port that was free a moment ago. */
async function startReference(server: string): Promise<{ child: ChildProcess; url: string }> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  const child = spawn(process.execPath, [server], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((done) => child.stdout?.once('data', () => done()));
  child.stdout?.resume();
  return { child, url: `http://127.0.0.1:${port}` };
}

/** The server as a child process; resolves with its URL once it listens. */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const root = resolve(flags['server-root'] ?? resolve(import.meta.dirname, '../../..'));
  const profile = flags.profile ? ['--cpu-prof', '--cpu-prof-dir', resolve(flags.profile)] : [];
  profile.push(...flags['node-flag']);
  const child = spawn(
    process.execPath,
    [
      ...profile,
      // A built server (plain JavaScript, as production runs it) needs no compiler.
      ...(flags.entry.endsWith('.ts') ? ['--import', 'tsx'] : []),
      flags.entry,
      ...['--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir],
      ...['--connections-per-address', '10000', '--connections-per-room', '10000', '--max-notes', '100000'],
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /Kompas listening on (http:\/\/[^\s"]+)/.exec(out);
      if (found?.[1]) done(found[1]);
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
  if (flags['server-log']) child.stdout?.pipe(createWriteStream(flags['server-log']));
  else child.stdout?.resume();
  return { child, url };
}

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

async function createBoard(url: string, people: number): Promise<{ id: string; people: Person[] }> {
  if (flags.reference) {
    const id = `room-${Math.random().toString(36).slice(2)}`;
    const names = Array.from({ length: people }, (_, i) => `Person ${i}`);
    return { id, people: names.map((name, i) => ({ id: `person-${i}`, name, token: '' })) };
  }
  const board = await post<{ id: string; tokens: { participant: string } }>(`${url}/api/boards`, {
    title: 'Load',
    task: 'Profile the relay',
  });
  const joined: Person[] = [];
  for (let i = 0; i < people; i++) {
    const name = `Person ${i}`;
    const answer = await post<{ person: { id: string }; token: string }>(
      `${url}/api/boards/${board.id}/people`,
      { name },
      board.tokens.participant,
    );
    joined.push({ id: answer.person.id, name, token: answer.token });
  }
  return { id: board.id, people: joined };
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, SYNC);
    encoding.writeVarUint(encoder, type);
    encoding.writeVarUint8Array(encoder, payload);
  });
}

function presenceMessage(client: number, clock: number, state: unknown): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, AWARENESS);
    encoding.writeVarUint8Array(
      encoder,
      message((inner) => {
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, client);
        encoding.writeVarUint(inner, clock);
        encoding.writeVarString(inner, JSON.stringify(state));
      }),
    );
  });
}

/** One client: writes its notes from its own document, counts what it receives, and measures when asked to. */
class LoadClient {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  synced = false;
  received = 0;
  written = 0;
  readonly latencies: number[] = [];
  private presenceClock = 0;
  private readonly color = '#3366cc';

  constructor(
    url: string,
    room: string,
    private readonly person: Person,
    private readonly measured: boolean,
  ) {
    const path = flags.reference ? `/${room}` : `/ws/${room}?token=${person.token}`;
    this.ws = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`);
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => {
      this.ws.send(syncMessage(STEP1, Y.encodeStateVector(this.doc)));
      this.sendPresence(null);
    });
    this.ws.on('message', (data: Buffer) => this.receive(data));
    this.ws.on('error', () => {});
    if (measured) {
      this.doc.getMap('notes').observe((event) => {
        if (event.transaction.local) return;
        const at = now();
        for (const key of event.keysChanged) {
          const note = this.doc.getMap('notes').get(key);
          const created = note instanceof Y.Map ? note.get('createdAt') : undefined;
          if (typeof created === 'number') this.latencies.push(at - created);
        }
      });
    }
  }

  writeNote(): void {
    const at = now();
    const fields: [string, unknown][] = [
      ['text', `Note ${this.written} of ${this.person.name}`],
      ['step', STEP],
      ['pos', { r: Math.random(), t: Math.random() }],
      ['color', 'yellow'],
      ['authorId', this.person.id],
      ['authorName', this.person.name],
      ['createdAt', at],
      ['updatedAt', at],
    ];
    const id = `${this.person.id.slice(0, 20)}-${this.written}`;
    this.doc.transact(() => this.doc.getMap('notes').set(id, new Y.Map(fields)));
    this.written += 1;
  }

  sendPresence(cursor: { x: number; y: number } | null): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.presenceClock += 1;
    const user = { id: this.person.id, name: this.person.name, color: this.color };
    this.ws.send(presenceMessage(this.doc.clientID, this.presenceClock, { user, cursor }));
  }

  private receive(data: Buffer): void {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== SYNC) return;
    const type = decoding.readVarUint(decoder);
    if (type === STEP1) {
      this.ws.send(syncMessage(STEP2, Y.encodeStateAsUpdate(this.doc, decoding.readVarUint8Array(decoder))));
    } else if (type === STEP2 && !this.synced) {
      Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'server');
      this.synced = true;
      this.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== 'server' && this.ws.readyState === WebSocket.OPEN) {
          this.ws.send(syncMessage(UPDATE, update));
        }
      });
    } else if (type === UPDATE || type === STEP2) {
      this.received += 1;
      if (this.measured) Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'server');
    }
  }
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function peakRssMb(pid: number): number {
  const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? 0) / 1024;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kompas-room-load-'));
  const { child, url } = flags.reference ? await startReference(flags.reference) : await startServer(dataDir);
  const pid = child.pid ?? 0;
  const clients: LoadClient[] = [];
  const perRoom = Math.ceil(CLIENTS / ROOMS);
  for (let r = 0; r < ROOMS; r++) {
    const board = await createBoard(url, perRoom);
    board.people.forEach((person, i) => {
      clients.push(new LoadClient(url, board.id, person, i < MEASURED));
    });
  }
  const deadline = Date.now() + 30_000;
  while (!clients.every((client) => client.synced)) {
    if (Date.now() > deadline) throw new Error('clients did not sync within 30 s');
    await sleep(20);
  }
  const timers: NodeJS.Timeout[] = [];
  clients.forEach((client, i) => {
    const notesEvery = 1000 / NOTES_PER_SECOND;
    setTimeout(
      () => timers.push(setInterval(() => client.writeNote(), notesEvery)),
      Math.random() * notesEvery,
    );
    if (i % perRoom < CURSORS) {
      const cursorEvery = 1000 / CURSOR_HZ;
      let angle = Math.random() * 2 * Math.PI;
      setTimeout(
        () =>
          timers.push(
            setInterval(() => {
              angle += 0.1;
              client.sendPresence({ x: 500 + 300 * Math.cos(angle), y: 500 + 300 * Math.sin(angle) });
            }, cursorEvery),
          ),
        Math.random() * cursorEvery,
      );
    }
  });
  await sleep(WARMUP * 1000);
  const written = () => clients.reduce((sum, client) => sum + client.written, 0);
  const start = { cpu: cpuSeconds(pid), written: written(), self: process.cpuUsage() };
  for (const client of clients) client.latencies.length = 0;
  await sleep(SECONDS * 1000);
  const end = { cpu: cpuSeconds(pid), written: written(), self: process.cpuUsage(start.self) };
  for (const timer of timers) clearInterval(timer);
  await sleep(3000);

  const deliveries = (end.written - start.written) * (perRoom - 1);
  const latencies = clients.flatMap((client) => client.latencies).sort((a, b) => a - b);
  const byRoom = new Map<string, number>();
  let lost = 0;
  for (let r = 0; r < ROOMS; r++) {
    const inRoom = clients.slice(r * perRoom, (r + 1) * perRoom);
    const total = inRoom.reduce((sum, client) => sum + client.written, 0);
    for (const client of inRoom.slice(0, MEASURED)) lost += total - client.doc.getMap('notes').size;
    byRoom.set(String(r), total);
  }
  const cpuMs = (end.cpu - start.cpu) * 1000;
  console.log(
    JSON.stringify({
      clients: CLIENTS,
      rooms: ROOMS,
      notesPerSecond: NOTES_PER_SECOND,
      cursors: CURSORS,
      seconds: SECONDS,
      deliveries,
      serverCpuMs: Math.round(cpuMs),
      cpuMsPer1000Deliveries: Number(((cpuMs / deliveries) * 1000).toFixed(2)),
      noteP50Ms: Number(percentile(latencies, 50).toFixed(1)),
      noteP99Ms: Number(percentile(latencies, 99).toFixed(1)),
      noteMaxMs: Number((latencies.at(-1) ?? Number.NaN).toFixed(1)),
      lost,
      peakRssMb: Math.round(peakRssMb(pid)),
      loadCpuMs: Math.round((end.self.user + end.self.system) / 1000),
    }),
  );
  for (const client of clients) client.ws.terminate();
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
