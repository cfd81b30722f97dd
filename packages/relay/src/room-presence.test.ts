import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from './connection.ts';
import { decodePresenceEntries, type PresenceEntry } from './presence-entries.ts';
import { PRESENCE_TICK_MS, presenceTick, RoomPresence } from './room-presence.ts';

/*
 * When a room's presence changes leave, on a clock the test moves itself: no timing is measured.
 */

/** A connection that only collects the awareness messages it is sent, decoded. */
interface FakeConnection {
  connection: Connection;
  messages: PresenceEntry[][];
}

function fakeConnection(person: string, role: 'participant' | 'author' = 'participant'): FakeConnection {
  const messages: PresenceEntry[][] = [];
  const connection = {
    readOnly: false,
    writeOnly: role === 'author',
    writer: { person, role },
    send(message: Uint8Array) {
      const decoder = decoding.createDecoder(message);
      decoding.readVarUint(decoder);
      messages.push(decodePresenceEntries(decoding.readVarUint8Array(decoder)));
    },
  } as unknown as Connection;
  return { connection, messages };
}

function cursorAt(client: number, x: number): PresenceEntry {
  return { client, clock: x, state: JSON.stringify({ cursor: { x } }) };
}

/** The latest state each client id was sent as, in the order of the messages. */
function latestStates(messages: PresenceEntry[][]): Map<number, string> {
  return new Map(messages.flat().map((entry) => [entry.client, entry.state]));
}

let presence: RoomPresence;
let connections: Set<Connection>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'setInterval', 'performance'] });
  connections = new Set();
  // The longest tick whatever the room's size, so a burst's turns fall inside one.
  presence = new RoomPresence(connections, null, () => PRESENCE_TICK_MS);
});

afterEach(async () => {
  presence.destroy();
  // Runs what turn-end.ts waits for, so the next test starts with nothing scheduled.
  await vi.advanceTimersByTimeAsync(1);
  vi.useRealTimers();
});

/** Moves the clock past the tick, and through the turn it ends in. */
function afterTick(): Promise<unknown> {
  return vi.advanceTimersByTimeAsync(PRESENCE_TICK_MS + 1);
}

/** A connection in the room that publishes no presence of its own. */
function watching(): FakeConnection {
  const watcher = fakeConnection('watcher');
  connections.add(watcher.connection);
  return watcher;
}

/** A connection in the room holding client id `client`. */
function mover(client: number): FakeConnection {
  const joined = fakeConnection(`mover ${client}`);
  connections.add(joined.connection);
  expect(presence.own(joined.connection, [cursorAt(client, 0)])).not.toBeNull();
  return joined;
}

describe('RoomPresence', () => {
  it('passes the first change at the end of the turn, then a burst in one message of the latest states', async () => {
    const watcher = watching();
    const moving = Array.from({ length: 10 }, (_, index) => mover(index + 1));
    const first = moving[0] as FakeConnection;

    presence.apply(first.connection, cursorAt(1, 1));
    await vi.advanceTimersToNextTimerAsync();
    expect(watcher.messages).toEqual([[expect.objectContaining({ client: 1 })]]);

    // Within the tick, a millisecond (and a turn) apart: every mover moves, the first three twice.
    const moves = [
      ...moving.map((moved, index) => ({ moved, x: 2, index })),
      ...moving.slice(0, 3).map((moved, index) => ({ moved, x: 3, index })),
    ];
    for (const { moved, x, index } of moves) {
      presence.apply(moved.connection, cursorAt(index + 1, x));
      await vi.advanceTimersByTimeAsync(1);
    }
    await afterTick();

    expect(watcher.messages).toHaveLength(2);
    expect(watcher.messages[1]).toHaveLength(10);
    const expected = new Map(
      moving.map((_, index) => [index + 1, cursorAt(index + 1, index < 3 ? 3 : 2).state]),
    );
    expect(latestStates(watcher.messages)).toEqual(expected);
    // Each mover gets its own state back at the clock it sent, with the others' in the same message.
    for (const [index, { messages }] of moving.entries()) {
      expect(messages.at(-1)).toHaveLength(10);
      expect(messages.at(-1)).toContainEqual(cursorAt(index + 1, index < 3 ? 3 : 2));
    }
  });

  it('sends a write-only connection no presence', async () => {
    const author = fakeConnection('author', 'author');
    connections.add(author.connection);
    const only = mover(1);
    presence.apply(only.connection, cursorAt(1, 1));
    await afterTick();
    expect(only.messages).toHaveLength(1);
    expect(author.messages).toEqual([]);
  });

  it('lets the changes waiting for the tick ride along with a write in this turn', async () => {
    const watcher = watching();
    const first = mover(1);
    const second = mover(2);
    presence.apply(first.connection, cursorAt(1, 1));
    await vi.advanceTimersToNextTimerAsync();
    presence.apply(second.connection, cursorAt(2, 1));

    presence.rideAlong();
    await vi.advanceTimersToNextTimerAsync();
    expect(watcher.messages).toHaveLength(2);
    expect(latestStates(watcher.messages).get(2)).toBe(cursorAt(2, 1).state);
    // Nothing is left for the tick to send.
    await afterTick();
    expect(watcher.messages).toHaveLength(2);
  });

  it('passes a removal in place of a change of the same tick', async () => {
    const [watcher, first, second] = [watching(), mover(1), mover(2)];
    presence.apply(first.connection, cursorAt(1, 1));
    presence.apply(second.connection, cursorAt(2, 1));
    await vi.advanceTimersToNextTimerAsync();
    presence.apply(second.connection, cursorAt(2, 2));
    connections.delete(second.connection);
    presence.leave(second.connection);
    await afterTick();
    expect(watcher.messages).toHaveLength(2);
    expect(watcher.messages[1]).toEqual([expect.objectContaining({ client: 2, state: 'null' })]);
  });
});

describe('presenceTick', () => {
  it('grows with the room up to the longest tick', () => {
    expect(presenceTick(1)).toBeLessThan(1);
    expect(presenceTick(50)).toBeLessThan(presenceTick(150));
    expect(presenceTick(150)).toBeLessThan(PRESENCE_TICK_MS);
    expect(presenceTick(300)).toBe(PRESENCE_TICK_MS);
    expect(presenceTick(3000)).toBe(PRESENCE_TICK_MS);
  });
});

describe('RoomPresence of a small room', () => {
  it('passes moves a few milliseconds apart one by one, without waiting for the longest tick', async () => {
    const room = new Set<Connection>();
    const small = new RoomPresence(room, null);
    const watcher = fakeConnection('watcher');
    const moving = fakeConnection('mover');
    room.add(watcher.connection).add(moving.connection);
    expect(small.own(moving.connection, [cursorAt(1, 0)])).not.toBeNull();
    for (const x of [1, 2, 3]) {
      small.apply(moving.connection, cursorAt(1, x));
      await vi.advanceTimersByTimeAsync(2);
    }
    expect(watcher.messages.map((message) => message.map((entry) => entry.state))).toEqual(
      [1, 2, 3].map((x) => [cursorAt(1, x).state]),
    );
    small.destroy();
  });
});
