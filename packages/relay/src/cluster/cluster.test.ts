import { CloseCode } from '@kompas/protocol';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BUDGET_REASONS } from '../budgets.ts';
import { MemoryStorage } from '../memory-storage.ts';
import { mergeState } from '../merge-state.ts';
import { PgStorage } from '../pg-storage.ts';
import { describePg, freshDatabase } from '../pg-test-support.ts';
import { describeRedis, freshRedisKeys, REDIS_TEST_URL, type TestKeys } from '../redis-test-support.ts';
import type { RelayOptions } from '../relay.ts';
import type { Storage } from '../storage.ts';
import { connectClient, silentLogger, startTestServer, type TestServer, waitFor } from '../test-server.ts';
import type { ChangeValidator } from '../write-check.ts';
import type { ClusterBus } from './bus.ts';
import { fenced } from './fenced-storage.ts';
import { MemoryBus, type MemoryBusServer } from './memory-bus.ts';
import { RedisBus } from './redis-bus.ts';

/** Short leases and ticks, so a dead owner is replaced within a couple of seconds. */
const LEASE_TTL_MS = 600;
const TICK_MS = 100;
/** Long enough for a takeover (a lease's time, two ticks) on a busy machine. */
const TAKEOVER_MS = 8000;

const refuseForbidden: ChangeValidator = (doc) => {
  const item = doc.getMap('notes')._map.get('forbidden');
  return item && !item.deleted ? "key 'forbidden' in notes" : null;
};

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  notes: Y.Map<number | string>;
}

interface BusKind {
  name: string;
  /** The bus of one server, by its id. */
  bus(serverId: string): ClusterBus;
  /** Plays a crash of the server whose bus this is: nothing of it reaches the others any more. */
  kill(bus: ClusterBus): Promise<void>;
  /** Plays a Redis restart: every stream, lease and heartbeat is gone. */
  restart(): Promise<void>;
  /** Cuts the server whose bus this is off the bus; it comes back when the returned function is called. */
  interrupt(bus: ClusterBus): Promise<() => void>;
}

/** A log the servers share, each through a storage of its own. */
interface SharedLog {
  /** One server's storage on it. */
  forServer(): Promise<Storage>;
  /** Where the test reads it. */
  reader: Storage;
  /** Removes it, once the servers are closed. */
  dispose(): Promise<void>;
}

/** In memory, each server's storage fenced as one on PostgreSQL is. */
async function memoryLog(): Promise<SharedLog> {
  const reader = new MemoryStorage();
  return { reader, forServer: async () => fenced(reader), dispose: async () => {} };
}

/** On a fresh PostgreSQL database, a PgStorage per server. */
async function postgresLog(): Promise<SharedLog> {
  const database = await freshDatabase();
  const reader = await PgStorage.open(database.pool());
  return {
    reader,
    forServer: () => PgStorage.open(database.pool(), { logger: silentLogger }),
    dispose: () => database.drop(),
  };
}

/** The cluster tests, run once per kind of bus and of shared log. */
function clusterSuite(kind: () => BusKind, openLog: () => Promise<SharedLog> = memoryLog): void {
  let storage: Storage;
  let shared: SharedLog;
  let servers: TestServer[] = [];
  let killed = new Set<TestServer>();
  let buses: ClusterBus[] = [];
  let providers: WebsocketProvider[] = [];
  let sockets: WebSocket[] = [];

  beforeEach(async () => {
    shared = await openLog();
    storage = shared.reader;
    servers = [];
    killed = new Set();
    buses = [];
    providers = [];
    sockets = [];
  });

  afterEach(async () => {
    for (const provider of providers) provider.destroy();
    for (const socket of sockets) socket.terminate();
    await Promise.all(servers.filter((server) => !killed.has(server)).map((server) => server.close()));
    await shared.dispose();
  });

  async function startServers(count: number, options: Partial<RelayOptions> = {}): Promise<void> {
    for (let i = 0; i < count; i++) {
      const bus = kind().bus(`server-${i}`);
      buses.push(bus);
      servers.push(
        await startTestServer({
          storage: await shared.forServer(),
          ...options,
          cluster: { bus, leaseTtlMs: LEASE_TTL_MS, tickMs: TICK_MS },
        }),
      );
    }
  }

  async function kill(index: number): Promise<void> {
    const server = servers[index];
    if (!server) throw new Error(`no server ${index}`);
    killed.add(server);
    await kind().kill(buses[index] as ClusterBus);
    await server.kill();
  }

  function client(index: number, room = 'board', doc = new Y.Doc()): Client {
    const server = servers[index];
    if (!server) throw new Error(`no server ${index}`);
    const provider = connectClient(server, room, doc);
    providers.push(provider);
    return { doc, provider, notes: doc.getMap<number | string>('notes') };
  }

  async function synced(...clients: { provider: WebsocketProvider }[]): Promise<void> {
    await waitFor(() => clients.every((c) => c.provider.synced), 'the clients to sync');
  }

  function owners(): number[] {
    return servers.flatMap((server, index) =>
      !killed.has(server) && server.relay.stats().cluster?.roomsOwned ? [index] : [],
    );
  }

  /** The first client makes its server the room's owner. */
  async function ownedBy(index: number): Promise<void> {
    await waitFor(() => owners().join() === `${index}`, `server ${index} to own the room`);
  }

  /**
   * A room on `count` servers, one client on each, the first server owning the room (its client came first).
   */
  async function roomOnServers<N extends 2 | 3>(
    count: N,
    options: Partial<RelayOptions> = {},
  ): Promise<N extends 3 ? [Client, Client, Client] : [Client, Client]> {
    await startServers(count, options);
    const first = client(0);
    await synced(first);
    await ownedBy(0);
    const clients = [first];
    for (let index = 1; index < count; index++) clients.push(client(index));
    await synced(...clients);
    return clients as N extends 3 ? [Client, Client, Client] : [Client, Client];
  }

  async function logged(room = 'board'): Promise<Y.Doc> {
    const doc = new Y.Doc();
    const updates = (await storage.readLog(room)).map((entry) => entry.update);
    if (updates.length > 0) Y.applyUpdate(doc, mergeState(updates));
    return doc;
  }

  it('keeps clients of one room on three servers in sync, each update logged once, in one order', async () => {
    const clients = await roomOnServers(3);
    for (let round = 0; round < 5; round++) {
      clients.forEach((c, index) => {
        c.notes.set(`${index}-${round}`, round);
      });
    }
    const expected = clients.length * 5;
    await waitFor(() => clients.every((c) => c.notes.size === expected), 'every client to have every note');
    for (const c of clients) expect(c.notes.toJSON()).toEqual(clients[0]?.notes.toJSON());

    await waitFor(async () => (await logged()).getMap('notes').size === expected, 'every note logged');
    const log = await storage.readLog('board');
    expect(log.map((entry) => entry.seq)).toEqual(log.map((_, index) => index + 1));
    // Replayed in log order, every entry adds something: none was logged twice.
    const replay = new Y.Doc();
    for (const entry of log) {
      const before = Y.encodeStateVector(replay);
      Y.applyUpdate(replay, entry.update);
      expect(Y.encodeStateVector(replay)).not.toEqual(before);
    }
    expect(replay.getMap('notes').toJSON()).toEqual(clients[0]?.notes.toJSON());
    const [owner, ...followers] = servers.map((server) => server.relay.stats().cluster);
    expect(owner?.roomsOwned).toBe(1);
    for (const follower of followers) {
      expect(follower?.roomsFollowed).toBe(1);
      expect(follower?.writesForwarded).toBeGreaterThanOrEqual(5);
      expect(follower?.busConnected).toBe(true);
    }
  });

  it("refuses a follower's client a write the owner's validator refuses: closed 4422, it reaches nobody", async () => {
    const [alice, bob, carol] = await roomOnServers(3, { validator: () => refuseForbidden });
    bob.notes.set('ok', 1);
    await waitFor(() => alice.notes.get('ok') === 1 && carol.notes.get('ok') === 1, 'a valid write');

    // Hand-crafted, as a client that bypasses its model could send it, to a server that does not own the room.
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(bob.doc));
    const known = Y.encodeStateVector(attacker);
    attacker.getMap('notes').set('forbidden', 'x');
    const socket = await rawSocket(servers[1] as TestServer, 'board');
    const closing = closed(socket);
    socket.send(syncUpdateFrame(Y.encodeStateAsUpdate(attacker, known)));
    expect(await closing).toEqual({
      code: CloseCode.invalidData,
      reason: "invalid board data: key 'forbidden' in notes",
    });
    expect(servers[0]?.relay.stats().rejectedWrites).toBe(1);

    carol.notes.set('after', 2);
    await waitFor(
      () => [alice, bob].every((c) => c.notes.get('after') === 2),
      'valid writes after the refused one',
    );
    for (const c of [alice, bob, carol]) expect(c.notes.toJSON()).toEqual({ ok: 1, after: 2 });
    await waitFor(async () => (await logged()).getMap('notes').size === 2, 'the valid writes logged');
    expect((await logged()).getMap('notes').toJSON()).toEqual({ ok: 1, after: 2 });
  });

  it("closes a follower's client whose write would take the board past its stored bytes: 4429, counted there", async () => {
    const [alice, bob] = await roomOnServers(2, { maxStoredBytes: 2000 });
    bob.notes.set('small', 1);
    await waitFor(() => alice.notes.get('small') === 1, 'a write within the budget');

    const socket = await rawSocket(servers[1] as TestServer, 'board');
    const closing = closed(socket);
    const large = new Y.Doc();
    large.getMap('notes').set('large', 'x'.repeat(4000));
    socket.send(syncUpdateFrame(Y.encodeStateAsUpdate(large)));
    expect(await closing).toEqual({ code: CloseCode.overBudget, reason: BUDGET_REASONS.storedBytes });
    expect(servers[1]?.relay.stats().overBudget.storedBytes).toBe(1);
    expect(alice.notes.has('large') || bob.notes.has('large')).toBe(false);
    expect((await logged()).getMap('notes').has('large')).toBe(false);
  });

  it('lets a follower take over a room whose owner died: nothing relayed is lost, later writes are stored', async () => {
    const [alice, bob, carol] = await roomOnServers(3);
    for (let i = 0; i < 10; i++) alice.notes.set(`alice-${i}`, i);
    await waitFor(() => bob.notes.size === 10 && carol.notes.size === 10, 'alice’s notes relayed');

    await kill(0);
    bob.notes.set('bob', 1);
    carol.notes.set('carol', 1);
    await waitFor(() => owners().length === 1, 'a follower to take the room', TAKEOVER_MS);
    await waitFor(
      () => bob.notes.get('carol') === 1 && carol.notes.get('bob') === 1,
      'writes made while nobody owned the room',
      TAKEOVER_MS,
    );
    // Alice's client moves to a living server with what it has, and converges.
    const moved = client(2, 'board', alice.doc);
    await synced(moved);
    moved.notes.set('alice-after', 1);
    await waitFor(
      () => bob.notes.get('alice-after') === 1 && carol.notes.get('alice-after') === 1,
      'alice writing again through another server',
    );

    await waitFor(async () => (await logged()).getMap('notes').size === 13, 'every note logged');
    expect((await logged()).getMap('notes').toJSON()).toEqual(bob.notes.toJSON());
    expect(carol.notes.toJSON()).toEqual(bob.notes.toJSON());
    const taker = servers[owners()[0] ?? -1]?.relay.stats().cluster;
    expect(taker?.leaseChanges).toBeGreaterThanOrEqual(1);
  });

  it('shows the presence of a client on one server to clients on another, until its server dies', async () => {
    const [alice, bob] = await roomOnServers(2);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    const aliceId = alice.doc.clientID;
    await waitFor(
      () =>
        (bob.provider.awareness.getStates().get(aliceId) as { user?: { name: string } })?.user?.name ===
        'Alice',
      'alice’s presence on the other server',
    );
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob' });
    await waitFor(() => alice.provider.awareness.getStates().has(bob.doc.clientID), 'bob’s presence');

    await kill(0);
    await waitFor(
      () => !bob.provider.awareness.getStates().has(aliceId),
      'alice’s presence to go with her server',
      TAKEOVER_MS,
    );
  });

  it('loses nothing when the bus forgets every stream and lease during a session (a Redis restart)', async () => {
    const [alice, bob] = await roomOnServers(2);
    alice.notes.set('before-alice', 1);
    bob.notes.set('before-bob', 1);
    await waitFor(() => alice.notes.size === 2 && bob.notes.size === 2, 'writes before the restart');

    await kind().restart();
    for (let i = 0; i < 5; i++) {
      alice.notes.set(`after-alice-${i}`, i);
      bob.notes.set(`after-bob-${i}`, i);
    }
    await waitFor(
      () => alice.notes.size === 12 && bob.notes.size === 12,
      'writes after the restart on both servers',
      TAKEOVER_MS,
    );
    expect(bob.notes.toJSON()).toEqual(alice.notes.toJSON());
    await waitFor(async () => (await logged()).getMap('notes').size === 12, 'every note logged');
    const log = await storage.readLog('board');
    expect(log.map((entry) => entry.seq)).toEqual(log.map((_, index) => index + 1));
    expect(owners()).toEqual([0]);
  });

  it('catches up a follower whose bus connection dropped, and passes on the writes it held meanwhile', async () => {
    const [alice, bob] = await roomOnServers(2);
    const resume = await kind().interrupt(buses[1] as ClusterBus);
    for (let i = 0; i < 5; i++) alice.notes.set(`alice-${i}`, i);
    bob.notes.set('bob', 1);
    resume();
    await waitFor(
      () => alice.notes.size === 6 && bob.notes.size === 6,
      'both clients to have every note',
      TAKEOVER_MS,
    );
    expect(bob.notes.toJSON()).toEqual(alice.notes.toJSON());
    await waitFor(async () => (await logged()).getMap('notes').size === 6, 'every note logged');
    expect(await storage.readLog('board')).toHaveLength(6);
  });

  it("hands a room over at once when its owner's last client leaves", async () => {
    const [alice, bob] = await roomOnServers(2);
    alice.notes.set('alice', 1);
    await waitFor(() => bob.notes.get('alice') === 1, 'alice’s note');

    alice.provider.destroy();
    await ownedBy(1);
    bob.notes.set('bob', 1);
    await waitFor(
      async () => (await logged()).getMap('notes').size === 2,
      'bob’s note logged by the new owner',
    );
    expect(servers[1]?.relay.stats().cluster?.roomsOwned).toBe(1);
  });

  async function rawSocket(server: TestServer, room: string): Promise<WebSocket> {
    const socket = new WebSocket(`${server.url}/${room}`);
    sockets.push(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return socket;
  }

  return;
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: `${reason}` })),
  );
}

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // sync
  encoding.writeVarUint(encoder, 2); // update
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

describe('Relays in a cluster, on a memory bus', () => {
  let network: MemoryBus;
  beforeEach(() => {
    network = new MemoryBus();
  });

  it('catches a follower cut off from the bus up from the log, and takes the writes it held meanwhile', async () => {
    const storage = new MemoryStorage();
    const buses = [network.server('a'), network.server('b')];
    const servers = await Promise.all(
      buses.map((bus) =>
        startTestServer({
          storage: fenced(storage),
          cluster: { bus, leaseTtlMs: LEASE_TTL_MS, tickMs: TICK_MS },
        }),
      ),
    );
    const docs = [new Y.Doc(), new Y.Doc()];
    const providers: WebsocketProvider[] = [];
    try {
      providers.push(connectClient(servers[0] as TestServer, 'board', docs[0] as Y.Doc));
      await waitFor(
        () => servers[0]?.relay.stats().cluster?.roomsOwned === 1,
        'the first server to own the room',
      );
      providers.push(connectClient(servers[1] as TestServer, 'board', docs[1] as Y.Doc));
      await waitFor(() => providers.every((provider) => provider.synced), 'the clients to sync');
      const [alice, bob] = docs.map((doc) => doc.getMap<number>('notes'));

      buses[1]?.disconnect();
      expect(servers[1]?.relay.stats().cluster?.busConnected).toBe(false);
      for (let i = 0; i < 5; i++) alice?.set(`alice-${i}`, i);
      bob?.set('bob', 1);
      // What the follower missed is gone from the bus too.
      network.restart();
      buses[1]?.reconnect();
      await waitFor(
        () => bob?.size === 6 && alice?.size === 6,
        'both clients to have every note',
        TAKEOVER_MS,
      );
      expect(bob?.toJSON()).toEqual(alice?.toJSON());
      const log = await storage.readLog('board');
      expect(log).toHaveLength(6);
    } finally {
      for (const provider of providers) provider.destroy();
      await Promise.all(servers.map((server) => server.close()));
    }
  });

  clusterSuite(() => ({
    name: 'memory',
    bus: (serverId) => network.server(serverId),
    kill: async (bus) => (bus as MemoryBusServer).kill(),
    restart: async () => network.restart(),
    interrupt: async (bus) => {
      (bus as MemoryBusServer).disconnect();
      return () => (bus as MemoryBusServer).reconnect();
    },
  }));
});

/** The bus on Redis, each test under a key prefix of its own. */
function redisBus(): () => BusKind {
  let keys: TestKeys;
  beforeEach(() => {
    keys = freshRedisKeys();
  });
  afterEach(async () => {
    await keys.drop();
  });
  return () => ({
    name: 'redis',
    bus: (serverId) =>
      new RedisBus({
        url: REDIS_TEST_URL as string,
        serverId: `${keys.prefix}${serverId}`,
        prefix: keys.prefix,
        logger: silentLogger,
      }),
    kill: (bus) => bus.close(),
    restart: () => keys.clear(),
    interrupt: async (bus) => {
      // Its connections are cut; ioredis connects again by itself.
      const clients = String(await keys.redis.client('LIST'));
      for (const line of clients.split('\n')) {
        if (!line.includes(`name=kompas-bus`) || !line.includes(bus.serverId)) continue;
        const id = /\bid=(\d+)/.exec(line)?.[1];
        if (id) await keys.redis.client('KILL', 'ID', id);
      }
      return () => {};
    },
  });
}

describeRedis('Relays in a cluster, on Redis', () => {
  clusterSuite(redisBus());
});

describePg('Relays in a cluster, on Redis and PostgreSQL', () => {
  describeRedis('each server with a PgStorage of its own on one database', () => {
    clusterSuite(redisBus(), postgresLog);
  });
});
