import type { Connection } from './connection.ts';
import { encodePresenceEntries, type PresenceEntry } from './presence-entries.ts';
import type { PresenceRecorder } from './presence-recorder.ts';
import { OUTDATED_CHECK_MS, PresenceTable } from './presence-table.ts';
import { encodeAwareness } from './protocol.ts';
import { atTurnEnd } from './turn-end.ts';

/**
 * Longest time between two presence messages to a room's connections. Writing to a socket costs a system call
 * whatever it carries, and in a room of hundreds a message per cursor move was most of the relay's time: the
 * changes that come within a tick of the last message leave together, the latest state per client id only. The
 * first change after a quiet tick leaves at once, so a lone move is not delayed.
 */
export const PRESENCE_TICK_MS = 20;

/**
 * Presence messages a room writes to its connections per second at most, over all of them. The tick grows with
 * the room up to PRESENCE_TICK_MS, so the wait it adds to cursors is only paid where the writes would cost: a
 * room of 300 waits up to 20 ms, one of 50 about 3 ms, a small room hardly at all.
 */
export const PRESENCE_WRITES_PER_SECOND = 15_000;

/** The tick of a room with `connections` connections (see PRESENCE_WRITES_PER_SECOND). */
export function presenceTick(connections: number): number {
  return Math.min(PRESENCE_TICK_MS, (connections * 1000) / PRESENCE_WRITES_PER_SECOND);
}

/** A change of presence to pass on: the entry everyone gets, and the echo its owner gets instead. */
interface PresenceChange {
  relayed: PresenceEntry;
  owner: Connection | null;
  echo: PresenceEntry | null;
}

/**
 * A room's presence: which client id each connection publishes, the states (PresenceTable), and passing
 * their changes on, a tick's worth in one awareness message, to the room's connections and its recorder.
 */
export class RoomPresence {
  private readonly table = new PresenceTable();
  /** The one awareness client id each connection publishes presence for, and back: who holds each id. */
  private readonly clients = new Map<Connection, number>();
  private readonly holders = new Map<number, Connection>();
  /** Presence changes not passed on yet, the latest per client id: passed on together (see PRESENCE_TICK_MS). */
  private changes = new Map<number, PresenceChange>();
  /** When the changes were last passed on (performance.now()), and the wait for the next tick, if one runs. */
  private passedAt = Number.NEGATIVE_INFINITY;
  private tick: NodeJS.Timeout | null = null;
  /** Whether passing the changes on is asked for at the end of this turn. */
  private composing = false;
  /** In a cluster: the client ids whose states other servers publish, and which server publishes each. */
  private readonly remote = new Map<number, string>();
  /** In a cluster: tells the other servers of a change of this server's connections' presence. */
  private publish: ((entry: PresenceEntry) => void) | null = null;
  private readonly outdatedCheck: NodeJS.Timeout;

  constructor(
    /** The room's connections, which presence is passed on to. */
    private readonly connections: ReadonlySet<Connection>,
    private readonly recorder: PresenceRecorder | null,
    /** The tick for a room of so many connections. */
    private readonly tickFor: (connections: number) => number = presenceTick,
  ) {
    // As y-protocols does: a client that stopped renewing its state (every 15 s) is taken for gone.
    this.outdatedCheck = setInterval(() => {
      for (const client of this.table.outdated()) this.remove(client);
    }, OUTDATED_CHECK_MS);
    this.outdatedCheck.unref();
  }

  /** Every present state, to one connection (an answer to its query). */
  sendTo(connection: Connection): void {
    connection.send(encodeAwareness(this.table.encodePresent()));
  }

  /** Every present state to a connection that just arrived, when anyone is present. */
  greet(connection: Connection): void {
    if (this.table.size > 0) this.sendTo(connection);
  }

  /**
   * The entry of an awareness update that `connection` may apply: the one for its own client id, which is the
   * first it uses in the room, unless another open connection holds that. Entries that would change nothing
   * are passed over (the official client sends back every state it receives). Returns null when nothing is
   * left, or why the update is refused: it touches another client id, someone else's or a second of its own.
   */
  own(connection: Connection, entries: readonly PresenceEntry[]): PresenceEntry | null | string {
    const own = this.clients.get(connection);
    let mine: PresenceEntry | null = null;
    for (const entry of entries) {
      const holder = this.holders.get(entry.client);
      const claimable = own === undefined && holder === undefined && entry.state !== 'null';
      if (holder === connection || (claimable && mine === null)) {
        if (mine !== null) return 'presence for its client id twice in one update';
        mine = entry;
      } else if (!this.table.changesNothing(entry)) {
        return holder === undefined ? 'presence for a second client id' : 'presence for another client';
      }
    }
    if (mine !== null && own === undefined) {
      this.clients.set(connection, mine.client);
      this.holders.set(mine.client, connection);
      // A tab that moved here from another server: its state is ours to publish now.
      this.remote.delete(mine.client);
    }
    return mine;
  }

  /**
   * Sets a connection's own presence (checked and throttled by the connection): relayed to everyone, the
   * owner getting it back at the clock it sent, and recorded. An observer's is not: it only goes back to the
   * observer, whose client counts its own echo as a sign that the connection lives.
   */
  apply(connection: Connection, entry: PresenceEntry): void {
    if (connection.readOnly) {
      connection.send(encodeAwareness(encodePresenceEntries([entry])));
      return;
    }
    const relayed = this.table.set(entry);
    if (relayed === null) return;
    this.recorder?.record(
      entry.client,
      entry.state === 'null' ? null : entry.state,
      connection.writer.person,
    );
    this.publish?.(relayed);
    this.passOn({ relayed, owner: connection, echo: entry });
  }

  /** In a cluster: `publish` is told of every change of this server's connections' presence. */
  share(publish: (entry: PresenceEntry) => void): void {
    this.publish = publish;
  }

  /**
   * A presence change another server published (checked there) for one of its connections: passed on to this
   * server's connections, not recorded (its server records it). A client id one of this server's connections
   * holds stays theirs, and a removal counts only from the server that published the state.
   */
  applyRemote(server: string, entry: PresenceEntry): void {
    if (this.holders.has(entry.client)) return;
    if (entry.state === 'null') {
      if (this.remote.get(entry.client) === server) this.remove(entry.client);
      return;
    }
    this.remote.set(entry.client, server);
    const relayed = this.table.set(entry);
    if (relayed !== null) this.passOn({ relayed, owner: null, echo: null });
  }

  /** The servers whose connections' presence this room shows. */
  remoteServers(): Set<string> {
    return new Set(this.remote.values());
  }

  /** A server stopped: the presence of its connections goes with it. */
  dropServer(server: string): void {
    for (const [client, publisher] of Array.from(this.remote)) {
      if (publisher === server) this.remove(client);
    }
  }

  /** The connection's presence goes with it; its client id is free again, for the same tab reconnecting. */
  leave(connection: Connection): void {
    const client = this.clients.get(connection);
    if (client === undefined) return;
    this.remove(client);
    this.clients.delete(connection);
    this.holders.delete(client);
  }

  /**
   * The room's connections are written to in this turn anyway (an update): the changes waiting for the tick
   * leave with it, in the same write, rather than cost a write of their own a few milliseconds later.
   */
  rideAlong(): void {
    if (this.tick !== null) this.composeAtTurnEnd();
  }

  destroy(): void {
    clearInterval(this.outdatedCheck);
    if (this.tick !== null) clearTimeout(this.tick);
    this.tick = null;
  }

  /** A client's state is gone: its connection closed, or it stopped renewing it. */
  private remove(client: number): void {
    const removal = this.table.remove(client);
    if (removal === null) return;
    if (!this.remote.delete(client)) {
      this.recorder?.record(client, null, this.holders.get(client)?.writer.person);
      this.publish?.(removal);
    }
    this.passOn({ relayed: removal, owner: null, echo: null });
  }

  /**
   * Queues a change, replacing one of the same client id; the first asks for the changes to be passed on at the
   * end of this turn when the last tick is over, or else when it is.
   */
  private passOn(change: PresenceChange): void {
    this.changes.set(change.relayed.client, change);
    if (this.composing || this.tick !== null) return;
    const wait = this.passedAt + this.tickFor(this.connections.size) - performance.now();
    if (wait <= 0) {
      this.composeAtTurnEnd();
      return;
    }
    this.tick = setTimeout(this.composeAtTurnEnd, wait);
    this.tick.unref();
  }

  private readonly composeAtTurnEnd = (): void => {
    if (this.tick !== null) clearTimeout(this.tick);
    this.tick = null;
    if (this.composing) return;
    this.composing = true;
    atTurnEnd(this.flush, 'compose');
  };

  /**
   * Passes on the presence changes of this tick in one awareness message to every connection that reads the
   * room, the owner of a changed state getting its own entry at the clock it sent (see presence-table.ts).
   */
  private readonly flush = (): void => {
    this.composing = false;
    const changes = [...this.changes.values()];
    this.changes = new Map();
    if (changes.length === 0) return;
    this.passedAt = performance.now();
    const message = encodeAwareness(encodePresenceEntries(changes.map((change) => change.relayed)));
    const owners = new Set(changes.map((change) => change.owner));
    for (const connection of this.connections) {
      if (connection.writeOnly) continue;
      if (!owners.has(connection)) {
        connection.send(message);
        continue;
      }
      const entries = changes.map((change) =>
        change.owner === connection && change.echo ? change.echo : change.relayed,
      );
      connection.send(encodeAwareness(encodePresenceEntries(entries)));
    }
  };
}
