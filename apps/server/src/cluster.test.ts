import { createNote, listNotes } from '@kompas/model';
import { Redis } from 'ioredis';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describePg, freshDatabase, type TestDatabase } from '../../../packages/relay/src/pg-test-support.ts';
import { buildServerWhenStale } from '../../../scripts/server-command.mjs';
import { startRedis, type TestRedis } from '../../../scripts/services.mjs';
import { refused } from './adversary-arena.ts';
import { Balancer, HAS_REDIS, type Node, startNode } from './cluster-support.ts';
import { HostileClient } from './hostile-client.ts';
import type { RunningServer } from './server.ts';
import {
  type Client,
  type CreatedBoard,
  closeClients,
  connectSynced,
  createBoard,
  joinBoard,
  waitFor,
} from './test-support.ts';

/**
 * Three Kompas servers on one PostgreSQL database and one Redis, behind a load balancer: what an operator runs
 * to serve more workshops than one machine can, and to survive losing a machine.
 */
const describeCluster = HAS_REDIS || process.env.CI ? describePg : describe.skip;

const STEP = 'verkennen.eigen-situatie';

describeCluster('three servers behind one address', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let nodes: Node[];
  let balancer: Balancer;
  const clients: Client[] = [];
  const hostiles: HostileClient[] = [];

  beforeAll(() => buildServerWhenStale(), 120_000);

  beforeEach(async () => {
    database = await freshDatabase();
    redis = await startRedis();
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.redisUrl };
    // All at once, as after a deploy: their schema migrations take turns.
    nodes = await Promise.all(['a', 'b', 'c'].map((name) => startNode(name, env)));
    balancer = await Balancer.start(() => nodes);
  }, 60_000);

  afterEach(async () => {
    for (const hostile of hostiles.splice(0)) hostile.terminate();
    closeClients(...clients.splice(0));
    await balancer.close();
    await Promise.all(nodes.map((node) => node.stop()));
    await redis.stop();
    await database.drop();
  }, 60_000);

  /** A node as the test helpers address a server. */
  const at = (node: Node | Balancer) => ({ url: node.url }) as RunningServer;

  /** A participant of the board who joined through `server`, with the token that opens its rooms. */
  async function participant(server: Node | Balancer, board: CreatedBoard, name: string) {
    const joined = await joinBoard(at(server), board.id, board.invites.participant, name);
    return { token: joined.token, person: { id: joined.person.id, name: joined.person.name } };
  }

  /** The server holding the room's lease, by the process id in the holder's name. */
  async function ownerOf(room: string): Promise<Node> {
    const redisClient = new Redis(redis.redisUrl);
    try {
      const holder = await redisClient.get(`kompas:lease:${room}`);
      const owner = nodes.find((node) => holder?.includes(`-${node.child.pid}-`));
      if (!owner) throw new Error(`no server holds ${room} (${holder})`);
      return owner;
    } finally {
      redisClient.disconnect();
    }
  }

  function noteIds(client: Client): string[] {
    return listNotes(client.doc)
      .map((note) => note.id)
      .sort();
  }

  it('keeps clients of one board spread over all three servers in step', async () => {
    const [a, b, c] = nodes as [Node, Node, Node];
    const board = await createBoard(at(balancer));
    const bram = await participant(c, board, 'Bram');
    const fenna = await connectSynced(at(a), board.id, board.tokens.facilitator, clients);
    const ans = await connectSynced(at(b), board.id, board.tokens.participant, clients);
    const bramOnC = await connectSynced(at(c), board.id, bram.token, clients);
    const otto = await connectSynced(at(c), board.id, board.tokens.observer, clients);

    for (let i = 0; i < 10; i += 1) {
      createNote(fenna.doc, {
        text: `Fenna ${i}: wat speelt er in de wijk?`,
        step: STEP,
        author: board.people.facilitator,
      });
      createNote(ans.doc, {
        text: `Ans ${i}: de zorg thuis loopt vast`,
        step: STEP,
        author: board.people.participant,
      });
      createNote(bramOnC.doc, {
        text: `Bram ${i}: de bibliotheek doet mee`,
        step: STEP,
        author: bram.person,
      });
    }
    const everyone = [fenna, ans, bramOnC, otto];
    await waitFor(
      () => everyone.every((client) => listNotes(client.doc).length === 30),
      'all 30 notes everywhere',
      20_000,
    );
    const ids = noteIds(fenna);
    for (const client of everyone) expect(noteIds(client)).toEqual(ids);
  });

  it('holds the role and write rules whichever server a client is on', async () => {
    const [a, b, c] = nodes as [Node, Node, Node];
    const board = await createBoard(at(balancer));
    const fenna = await connectSynced(at(a), board.id, board.tokens.facilitator, clients);
    const otto = await connectSynced(at(c), board.id, board.tokens.observer, clients);
    const fennas = createNote(fenna.doc, {
      text: 'Alleen Fenna mag deze weghalen',
      step: STEP,
      author: board.people.facilitator,
    });
    await waitFor(() => listNotes(otto.doc).length === 1, 'the note on c');

    // A participant on b deletes the facilitator's note, written through a's log: the owner's rules refuse it.
    const ans = await HostileClient.connect(at(b), board.id, board.tokens.participant);
    hostiles.push(ans);
    ans.write((doc) => doc.getMap('notes').delete(fennas.id));
    expect(await ans.closeOf()).toEqual(refused('only its author or a facilitator may delete'));

    // An observer's write on b is dropped there.
    const ottoOnB = await connectSynced(at(b), board.id, board.tokens.observer, clients);
    createNote(ottoOnB.doc, {
      text: 'Een waarnemer schrijft niet',
      step: STEP,
      author: board.people.observer,
    });
    // A barrier: a later note from a reaches c, so whatever b relayed before it has reached c too.
    createNote(fenna.doc, { text: 'Daarna', step: STEP, author: board.people.facilitator });
    await waitFor(() => listNotes(otto.doc).length === 2, 'the barrier on c');

    const reader = await connectSynced(at(balancer), board.id, board.tokens.observer, clients);
    for (const client of [otto, fenna, reader]) {
      expect(
        listNotes(client.doc)
          .map((note) => note.text)
          .sort(),
      ).toEqual(['Alleen Fenna mag deze weghalen', 'Daarna']);
    }
  });

  it('loses no relayed note when the board owner is killed under load, and its clients carry on on the others', async () => {
    const board = await createBoard(at(balancer));
    const writers: { client: Client; person: { id: string; name: string } }[] = [];
    for (let i = 0; i < 6; i += 1) {
      const person = await participant(balancer, board, `Deelnemer ${i + 1}`);
      writers.push({
        client: await connectSynced(at(balancer), board.id, person.token, clients),
        person: person.person,
      });
    }
    const observers = await Promise.all(
      [0, 1, 2].map(() => connectSynced(at(balancer), board.id, board.tokens.observer, clients)),
    );
    // Every note any observer was ever sent: relayed, so it must survive.
    const relayed = new Set<string>();
    for (const observer of observers) {
      observer.doc.getMap('notes').observe((event) => {
        for (const key of event.keysChanged) relayed.add(key);
      });
    }

    const perWriter = 40;
    const written: string[] = [];
    // The server that owns the board room: it checks, stores and indexes the board's writes.
    const victim = await ownerOf(board.id);
    let killed = false;
    for (let round = 0; round < perWriter; round += 1) {
      for (const [index, { client, person }] of writers.entries()) {
        written.push(
          createNote(client.doc, {
            text: `Ronde ${round}, deelnemer ${index + 1}: wie doet wat?`,
            step: STEP,
            author: person,
          }).id,
        );
      }
      if (round === perWriter / 2 && !killed) {
        killed = true;
        await victim.kill();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(killed).toBe(true);
    const total = writers.length * perWriter;
    await waitFor(
      () => observers.every((observer) => listNotes(observer.doc).length === total),
      `all ${total} notes on every observer`,
      45_000,
    );

    const reader = await connectSynced(at(balancer), board.id, board.tokens.observer, clients);
    const stored = new Set(noteIds(reader));
    expect(stored.size).toBe(total);
    expect([...relayed].filter((id) => !stored.has(id))).toEqual([]);
    expect(written.filter((id) => !stored.has(id))).toEqual([]);

    // The replay and the report, asked of whichever server, hold every note.
    const headers = { Authorization: `Bearer ${board.tokens.observer}` };
    const report = await (
      await fetch(`${balancer.url}/api/boards/${board.id}/report?format=json`, { headers })
    ).json();
    expect(report.totals.notes).toBe(total);
    const replay = await (
      await fetch(`${balancer.url}/api/boards/${board.id}/replay/board?at=${Date.now()}`, { headers })
    ).json();
    expect(Object.keys(replay.state.notes)).toHaveLength(total);
  }, 120_000);

  it('loses nothing when Redis restarts during a session', async () => {
    const [a, b, c] = nodes as [Node, Node, Node];
    const board = await createBoard(at(balancer));
    const bram = await participant(c, board, 'Bram');
    const fenna = await connectSynced(at(a), board.id, board.tokens.facilitator, clients);
    const bramOnC = await connectSynced(at(c), board.id, bram.token, clients);
    const otto = await connectSynced(at(b), board.id, board.tokens.observer, clients);
    const write = (round: number) => {
      createNote(fenna.doc, { text: `Fenna, ronde ${round}`, step: STEP, author: board.people.facilitator });
      createNote(bramOnC.doc, { text: `Bram, ronde ${round}`, step: STEP, author: bram.person });
    };

    for (let round = 0; round < 5; round += 1) write(round);
    await waitFor(() => listNotes(otto.doc).length === 10, 'the first notes on b');
    await redis.stopRedis();
    for (let round = 5; round < 10; round += 1) write(round);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await redis.startRedis();
    for (let round = 10; round < 15; round += 1) write(round);

    const everyone = [fenna, bramOnC, otto];
    await waitFor(
      () => everyone.every((client) => listNotes(client.doc).length === 30),
      'all 30 notes everywhere',
      45_000,
    );
    // Whichever server it reaches, a newcomer gets all 30: the last ones before the restart may have been
    // published to the Redis that was lost, and a server then reads them from the log.
    const reader = await connectSynced(at(balancer), board.id, board.tokens.observer, clients);
    await waitFor(() => listNotes(reader.doc).length === 30, 'all 30 notes for a newcomer', 20_000);
    expect(noteIds(reader)).toEqual(noteIds(fenna));
  }, 90_000);
});
