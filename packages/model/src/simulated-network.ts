import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { REMOTE_ORIGIN } from './origins.ts';

/**
 * A test network of Y.Docs in the manner of Yjs's tests/testHelper.js: messages wait in inboxes until the
 * test delivers them in random order, clients go offline (losing what was on its way to them, keeping their
 * own updates in an outbox) and come back (a state-vector exchange, like y-protocols sync step 1/2).
 * Used by the convergence tests; not part of the package's API.
 */
type Message = { kind: 'sync-step-1'; stateVector: Uint8Array } | { kind: 'update'; update: Uint8Array };

export class SimulatedClient {
  readonly doc = new Y.Doc();
  online = true;
  /** Updates this client's own transactions produced; tests compare it to prove a call wrote nothing. */
  localUpdates = 0;
  /** Per sender, in sending order: one connection delivers in order, different connections interleave. */
  readonly inbox = new Map<SimulatedClient, Message[]>();
  private outbox: Uint8Array[] = [];

  constructor(
    private readonly network: SimulatedNetwork,
    clientId: number,
  ) {
    this.doc.clientID = clientId;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE_ORIGIN) return;
      this.localUpdates++;
      if (this.online) this.network.broadcast(this, { kind: 'update', update });
      else this.outbox.push(update);
    });
  }

  send(from: SimulatedClient, message: Message): void {
    const queue = this.inbox.get(from);
    if (queue) queue.push(message);
    else this.inbox.set(from, [message]);
  }

  receive(from: SimulatedClient, message: Message): void {
    if (message.kind === 'update') {
      Y.applyUpdate(this.doc, message.update, REMOTE_ORIGIN);
    } else if (from.online) {
      from.send(this, { kind: 'update', update: Y.encodeStateAsUpdate(this.doc, message.stateVector) });
    }
  }

  disconnect(): void {
    this.online = false;
    this.inbox.clear();
  }

  connect(): void {
    if (this.online) return;
    this.online = true;
    for (const peer of this.network.clients) {
      if (peer === this || !peer.online) continue;
      peer.send(this, { kind: 'sync-step-1', stateVector: Y.encodeStateVector(this.doc) });
      this.send(peer, { kind: 'sync-step-1', stateVector: Y.encodeStateVector(peer.doc) });
    }
    for (const update of this.outbox) this.network.broadcast(this, { kind: 'update', update });
    this.outbox = [];
  }
}

export class SimulatedNetwork {
  readonly clients: SimulatedClient[];

  constructor(
    private readonly gen: prng.PRNG,
    clientCount: number,
  ) {
    this.clients = Array.from({ length: clientCount }, (_, index) => new SimulatedClient(this, index + 1));
  }

  broadcast(from: SimulatedClient, message: Message): void {
    for (const client of this.clients) {
      if (client !== from && client.online) client.send(from, message);
    }
  }

  /** Delivers one waiting message to a random client from a random sender; false when nothing is waiting. */
  deliverRandom(): boolean {
    const receivers = this.clients.filter((client) => client.online && client.inbox.size > 0);
    if (receivers.length === 0) return false;
    const receiver = prng.oneOf(this.gen, receivers);
    const [sender, queue] = prng.oneOf(this.gen, [...receiver.inbox]);
    const message = queue.shift();
    if (queue.length === 0) receiver.inbox.delete(sender);
    if (message) receiver.receive(sender, message);
    return true;
  }

  /** Delivers everything, including replies; the bound turns a protocol loop into a failure, not a hang. */
  deliverAll(maxMessages = 100_000): void {
    for (let delivered = 0; this.deliverRandom(); delivered++) {
      if (delivered >= maxMessages) throw new Error(`more than ${maxMessages} messages in flight`);
    }
  }

  disconnectRandom(): void {
    const online = this.clients.filter((client) => client.online);
    if (online.length > 0) prng.oneOf(this.gen, online).disconnect();
  }

  reconnectRandom(): void {
    const offline = this.clients.filter((client) => !client.online);
    if (offline.length > 0) prng.oneOf(this.gen, offline).connect();
  }

  /** Everyone online, every message delivered. */
  syncAll(): void {
    for (const client of this.clients) client.connect();
    this.deliverAll();
  }
}
