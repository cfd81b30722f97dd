import { MessageType } from '@kompas/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MemoryStorage } from './memory-storage.ts';
import type { PresenceCheck } from './presence-entries.ts';
import { MAX_PRESENCE_STATE_BYTES } from './protocol.ts';
import type { RelayOptions } from './relay.ts';
import { startTestServer, type TestServer, waitFor } from './test-server.ts';

/*
 * What one connection may do with presence, tried with raw frames as a hostile client would send them.
 */

let server: TestServer | null = null;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.close();
  server = null;
});

async function start(
  options: Partial<RelayOptions> = {},
): Promise<{ storage: MemoryStorage; live: TestServer }> {
  const storage = new MemoryStorage();
  server = await startTestServer({ storage, recordPresence: () => true, ...options });
  return { storage, live: server };
}

/** One awareness entry as received. */
interface Entry {
  client: number;
  clock: number;
  state: unknown;
}

/** A client in 'board', by raw frames; `seen` collects every awareness entry it receives. */
interface RawClient {
  socket: WebSocket;
  seen: Entry[];
  /** How many frames arrived (any type). */
  frames: () => number;
  /**
   * Sends one awareness update. An entry without a clock takes the next one after the newest this client
   * sent or received for that id: the relay moves a returning client's clock forward, and says so in its echo.
   */
  send(...entries: Array<{ client: number; clock?: number; state: unknown; raw?: string }>): void;
  /** Sends its state for `id` and waits until the relay echoed it back. */
  present(id: number, state: unknown): Promise<void>;
}

async function open(query: string): Promise<RawClient> {
  if (!server) throw new Error('no server');
  const socket = new WebSocket(`${server.url}/board?${query}`);
  sockets.push(socket);
  const seen: Entry[] = [];
  const clocks = new Map<number, number>();
  let frames = 0;
  socket.on('message', (data: Buffer) => {
    frames += 1;
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== MessageType.awareness) return;
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const count = decoding.readVarUint(update);
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(update);
      const clock = decoding.readVarUint(update);
      seen.push({ client, clock, state: JSON.parse(decoding.readVarString(update)) });
      clocks.set(client, Math.max(clocks.get(client) ?? 0, clock));
    }
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const raw: RawClient = {
    socket,
    seen,
    frames: () => frames,
    send(...entries) {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, entries.length);
      for (const { client, clock: given, state, raw } of entries) {
        const clock = given ?? (clocks.get(client) ?? 0) + 1;
        clocks.set(client, Math.max(clocks.get(client) ?? 0, clock));
        encoding.writeVarUint(update, client);
        encoding.writeVarUint(update, clock);
        encoding.writeVarString(update, raw ?? JSON.stringify(state));
      }
      const frame = encoding.createEncoder();
      encoding.writeVarUint(frame, MessageType.awareness);
      encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
      socket.send(encoding.toUint8Array(frame));
    },
    async present(id, state) {
      const before = seen.length;
      raw.send({ client: id, state });
      const json = JSON.stringify(state);
      await waitFor(
        () => seen.slice(before).some((entry) => entry.client === id && JSON.stringify(entry.state) === json),
        `the echo of ${json}`,
      );
    },
  };
  return raw;
}

/** The newest clock `client` saw for `id`. */
function clockSeen(client: RawClient, id: number): number {
  return Math.max(0, ...client.seen.filter((entry) => entry.client === id).map((entry) => entry.clock));
}

/** Whether `client` saw a state of `id` for which `match` holds. */
function saw(client: RawClient, id: number, match: (state: unknown) => boolean): boolean {
  return client.seen.some((entry) => entry.client === id && match(entry.state));
}

/** A presence state: what the recorder records needs a user. */
const who = (name: string) => ({ user: { name } });

const named = (name: string) => (state: unknown) =>
  (state as { user?: { name?: string } } | null)?.user?.name === name;

function droppedPresence(): number {
  return server?.relay.roomStats('board')?.droppedPresence ?? -1;
}

describe('presence a connection may set', () => {
  it('drops an update for a client id another connection holds, and counts it', async () => {
    await start();
    const ana = await open('person=ana');
    const bo = await open('person=bo');
    const watcher = await open('person=wim');
    await ana.present(1, who('Ana'));
    await waitFor(() => saw(watcher, 1, named('Ana')), "Ana's presence");

    // Bo renames Ana, then removes her (a null at her clock would remove her in y-protocols).
    const anaClock = clockSeen(watcher, 1);
    bo.send({ client: 1, clock: anaClock + 100, state: who('Ana is a fool') });
    bo.send({ client: 1, clock: anaClock, state: null });
    // Bo's frames are handled in order: once his own state arrives, both forgeries were handled.
    bo.send({ client: 2, state: who('Bo') });
    await waitFor(() => saw(watcher, 2, named('Bo')), "Bo's own presence");
    expect(saw(watcher, 1, (state) => !named('Ana')(state))).toBe(false);
    expect(droppedPresence()).toBe(2);

    // Ana is still there for whoever joins now.
    const late = await open('person=lea');
    await waitFor(() => saw(late, 1, named('Ana')) && saw(late, 2, named('Bo')), 'the greeting');
  });

  it('drops an update for a second client id of its own, and keeps its first', async () => {
    const { storage } = await start();
    const ana = await open('person=ana');
    const watcher = await open('person=wim');
    await ana.present(1, who('Ana'));
    ana.send({ client: 3, state: who('Ana again') });
    ana.send({ client: 1, state: who('Ana, twice') }, { client: 4, state: who('Ana 3') });
    ana.send({ client: 1, state: who('Ana, moved') });
    await waitFor(() => saw(watcher, 1, named('Ana, moved')), "Ana's update");
    expect(watcher.seen.filter((entry) => entry.client !== 1)).toEqual([]);
    expect(saw(watcher, 1, named('Ana, twice'))).toBe(false);
    expect(droppedPresence()).toBe(2);
    await waitFor(async () => (await storage.readPresence('board')).length > 0, 'a recorded sample');
    expect(new Set((await storage.readPresence('board')).map((sample) => sample.client))).toEqual(
      new Set([1]),
    );
  });

  it('lets nobody take a client id an open connection holds, and the same tab take it back after a reconnect', async () => {
    await start();
    const ana = await open('person=ana');
    const watcher = await open('person=wim');
    await ana.present(1, who('Ana'));
    await waitFor(() => saw(watcher, 1, named('Ana')), "Ana's presence");

    // A newcomer's first update cannot claim Ana's id.
    const thief = await open('person=tom');
    thief.send({ client: 1, clock: clockSeen(watcher, 1) + 100, state: who('Tom') });
    thief.send({ client: 5, state: who('Tom') });
    await waitFor(() => saw(watcher, 5, named('Tom')), "Tom's own presence");
    expect(saw(watcher, 1, named('Tom'))).toBe(false);
    expect(droppedPresence()).toBe(1);

    // Ana's connection drops; her tab comes back on a new one with the same id and the clock it had.
    const clockBefore = clockSeen(ana, 1);
    ana.socket.close();
    await waitFor(() => saw(watcher, 1, (state) => state === null), 'Ana to leave');
    const again = await open('person=ana');
    again.send({ client: 1, clock: clockBefore, state: who('Ana, back') });
    await waitFor(() => saw(watcher, 1, named('Ana, back')), 'Ana to be present again');
    // Removing her own state is hers to do.
    again.send({ client: 1, clock: clockSeen(again, 1) + 1, state: null });
    await waitFor(() => watcher.seen.at(-1)?.client === 1 && watcher.seen.at(-1)?.state === null, 'Ana gone');
    expect(droppedPresence()).toBe(1);
  });
});

describe('presence states', () => {
  /** Accepts `{ name }` whose name is the writer's person, nothing else. */
  const check: PresenceCheck = (state, writer) => {
    const { user, ...rest } = (state ?? {}) as { user?: { name?: unknown } };
    const valid = user?.name === writer.person && Object.keys(rest).length === 0;
    return valid ? who(writer.person) : null;
  };

  it('keeps and relays only what the check returns, given who publishes it', async () => {
    const { storage } = await start({ presenceCheck: (room) => (room === 'board' ? check : undefined) });
    const ana = await open('person=ana');
    const watcher = await open('person=wim');
    ana.send({ client: 1, state: who('bo') });
    ana.send({ client: 1, state: { ...who('ana'), extra: 'x'.repeat(100) } });
    ana.send({ client: 1, state: who('ana') });
    await waitFor(() => saw(watcher, 1, named('ana')), "Ana's valid presence");
    expect(watcher.seen.filter((entry) => entry.client === 1).map((entry) => entry.state)).toEqual([
      who('ana'),
    ]);
    expect(droppedPresence()).toBe(2);
    await waitFor(async () => (await storage.readPresence('board')).length > 0, 'a recorded sample');
    expect((await storage.readPresence('board')).map((sample) => sample.state?.user)).toEqual([
      { name: 'ana' },
    ]);
  });

  it.each([
    ['larger than the limit', JSON.stringify(who('x'.repeat(MAX_PRESENCE_STATE_BYTES)))],
    // Parses, but JSON.stringify overflows the stack on it: kept, it broke the greeting of the next joiner.
    ['nested too deeply to write again', `${'['.repeat(30_000)}${']'.repeat(30_000)}`],
  ])('drops a state %s and keeps serving the room', async (_what, raw) => {
    const { storage } = await start();
    const ana = await open('person=ana');
    const watcher = await open('person=wim');
    ana.send({ client: 1, state: null, raw });
    ana.send({ client: 1, state: who('Ana') });
    await waitFor(() => saw(watcher, 1, named('Ana')), "Ana's next presence");
    expect(watcher.seen.filter((entry) => entry.client === 1).length).toBe(1);
    expect(droppedPresence()).toBe(1);
    expect(ana.socket.readyState).toBe(WebSocket.OPEN);

    const late = await open('person=lea');
    await waitFor(() => saw(late, 1, named('Ana')), 'the greeting of the next joiner');
    expect((await storage.readPresence('board')).every((sample) => named('Ana')(sample.state))).toBe(true);
  });

  it('drops what the check returns but cannot be written, and keeps serving the room', async () => {
    const circular: Record<string, unknown> = who('Ana');
    circular.self = circular;
    await start({
      presenceCheck: () => (state) => ((state as { loop?: boolean }).loop ? circular : who('Ana')),
    });
    const ana = await open('person=ana');
    ana.send({ client: 1, state: { loop: true } });
    ana.send({ client: 1, state: {} });
    await waitFor(() => saw(ana, 1, named('Ana')), 'the valid state');
    expect(droppedPresence()).toBe(1);
    const late = await open('person=lea');
    await waitFor(() => saw(late, 1, named('Ana')), 'the greeting of the next joiner');
  });
});

describe('how much presence passes', () => {
  it('passes at most about 20 updates a second per connection, and always the last of a burst', async () => {
    await start();
    const ana = await open('person=ana');
    const watcher = await open('person=wim');
    await ana.present(1, { cursor: null });
    const before = watcher.seen.length;
    for (let x = 0; x < 200; x++) ana.send({ client: 1, state: { cursor: { x, y: 0 } } });
    const last = (state: unknown) => (state as { cursor?: { x: number } }).cursor?.x === 199;
    await waitFor(() => saw(watcher, 1, last), 'the final position');
    const received = watcher.seen.slice(before).filter((entry) => entry.client === 1);
    // The burst takes far less than a second to send: about the first update, then the one held at its end.
    expect(received.length).toBeLessThanOrEqual(21);
    expect(received.at(-1)?.state).toEqual({ cursor: { x: 199, y: 0 } });
    expect(droppedPresence()).toBe(0);
  });
});

describe('a burst of presence from many connections', () => {
  it('reaches everyone else as the latest state of each, and a refused state never goes out', async () => {
    await start();
    const watcher = await open('person=wim');
    const movers = await Promise.all([1, 2, 3, 4, 5].map((id) => open(`person=p${id}`)));
    await Promise.all(movers.map((mover, index) => mover.present(index + 1, who(`p${index + 1} at 0`))));
    const tooLarge = JSON.stringify(who('x'.repeat(MAX_PRESENCE_STATE_BYTES)));
    for (const [index, mover] of movers.entries()) {
      mover.send({ client: index + 1, state: who(`p${index + 1} at 1`) });
      mover.send({ client: index + 1, state: who(`p${index + 1} at 2`) });
      if (index === 0) mover.send({ client: 1, state: null, raw: tooLarge });
    }
    const latest = (id: number) => watcher.seen.findLast((entry) => entry.client === id)?.state;
    await waitFor(
      () => movers.every((_, index) => named(`p${index + 1} at 2`)(latest(index + 1))),
      'the latest state of every mover',
    );
    expect(watcher.seen.some((entry) => named('x'.repeat(MAX_PRESENCE_STATE_BYTES))(entry.state))).toBe(
      false,
    );
    expect(droppedPresence()).toBe(1);
    // Each mover sees the others' latest states too.
    await waitFor(
      () =>
        movers.every((mover, index) =>
          saw(mover, ((index + 1) % 5) + 1, named(`p${((index + 1) % 5) + 1} at 2`)),
        ),
      'the others at every mover',
    );
  });
});

describe("an observer's presence", () => {
  it('is not relayed nor recorded, goes back to the observer alone, and the observer sees everyone', async () => {
    const { storage } = await start();
    const writer = await open('person=wim');
    await writer.present(2, who('Wim'));
    const observer = await open('person=olga&role=observer');
    await waitFor(() => saw(observer, 2, named('Wim')), "the writer's presence at the observer");

    // Its own state comes back to it (the official client takes that as a sign of life), to nobody else.
    await observer.present(7, who('Olga'));
    writer.send({ client: 2, state: who('Wim, moved') });
    await waitFor(
      async () => (await storage.readPresence('board')).some((sample) => named('Wim, moved')(sample.state)),
      "the writer's later sample",
    );
    expect(saw(writer, 7, () => true)).toBe(false);
    expect((await storage.readPresence('board')).some((sample) => sample.client === 7)).toBe(false);
    const late = await open('person=lea');
    await waitFor(() => saw(late, 2, named('Wim, moved')), 'the greeting');
    expect(saw(late, 7, () => true)).toBe(false);
  });
});

describe('recorded presence', () => {
  it('stops at the ceilings given to the relay, counting what storage held', async () => {
    const storage = new MemoryStorage();
    await storage.appendPresence('board', [{ at: 1, client: 9, state: who('earlier'), person: 'ana' }]);
    server = await startTestServer({
      storage,
      recordPresence: () => true,
      maxPresenceSamplesPerPerson: 1,
      maxPresenceSamplesPerRoom: 3,
    });
    const people = await Promise.all(['ana', 'bo', 'cy', 'di'].map((person) => open(`person=${person}`)));
    for (const [index, client] of people.entries()) {
      // One after the other, so the room's ceiling is reached by the last.
      await client.present(index + 1, { user: { id: `p${index}` } });
      await waitFor(
        async () => (await storage.countPresence('board')).samples >= Math.min(1 + index, 3),
        'a sample',
      );
    }
    // Ana had her one sample already; Bo and Cy filled the room; Di came too late.
    expect((await storage.readPresence('board', { from: 2 })).map((sample) => sample.client)).toEqual([2, 3]);
    expect((await storage.countPresence('board')).samples).toBe(3);
  });
});
