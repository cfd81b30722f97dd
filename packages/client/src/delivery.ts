import * as Y from 'yjs';

/** A state vector: for each client, the clock up to which its items are held. */
export type StateVector = Map<number, number>;

function stateVectorOf(doc: Y.Doc): StateVector {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** Adds what `more` holds to `into`; returns whether that was anything. */
function mergeInto(into: StateVector, more: ReadonlyMap<number, number>): boolean {
  let grew = false;
  for (const [client, clock] of more) {
    if ((into.get(client) ?? 0) < clock) {
      into.set(client, clock);
      grew = true;
    }
  }
  return grew;
}

/**
 * What the server is known to hold of one document, though the y-websocket protocol acknowledges nothing.
 * Two things tell: the state vector the server greets each connection with (sync step 1), and the order in
 * which the relay answers: it sends the answer to a client's sync step 1 only once every update that client
 * sent before it is stored. So a step 1 sent after our updates (a probe) confirms, when answered, everything
 * our document held when it was sent: what the server had already, what our answer to its greeting carried
 * and what we sent since. A probe sent before that answer confirms nothing (our copy may hold what was
 * written offline and not sent yet). A refused update closes the connection, so it is never confirmed.
 *
 * What the server holds only grows (it stores before it relays), so what is known is kept across connections.
 */
export class DeliveryTracker {
  /** A lower bound of the server's state vector; null until the server has said anything. */
  private known: StateVector | null = null;
  /** One entry per sync step 1 of ours awaiting its answer, in order: what that answer confirms. */
  private awaiting: (StateVector | null)[] = [];
  /** Whether our answer to this connection's greeting has gone out, so a probe can confirm our copy. */
  private greeted = false;
  /** Whether updates went out since the last probe. */
  private unconfirmed = false;

  constructor(private readonly doc: Y.Doc) {}

  /** A new connection: nothing asked on it yet, and its greeting still to come. */
  connectionStarted(): void {
    this.awaiting = [];
    this.greeted = false;
  }

  /** We sent a sync step 1. */
  asked(): void {
    this.awaiting.push(this.greeted ? stateVectorOf(this.doc) : null);
    this.unconfirmed = false;
  }

  /** The server greeted us with the state vector it holds, and we answered with what it lacked. */
  serverHolds(stateVector: Uint8Array): boolean {
    this.greeted = true;
    this.unconfirmed = true;
    return this.learn(Y.decodeStateVector(stateVector));
  }

  /**
   * Items arrived from the server: it stores before it relays, and holds a client's items without gaps, so
   * it holds each client that grew up to where it grew. Without this, notes others wrote would look unsent
   * here until this page's next probe.
   */
  receivedFromServer(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): boolean {
    if (!this.known) return false;
    const grown = new Map<number, number>();
    for (const [client, clock] of after) {
      if (clock > (before.get(client) ?? 0)) grown.set(client, clock);
    }
    return mergeInto(this.known, grown);
  }

  /** We sent an update. */
  sent(): void {
    this.unconfirmed = true;
  }

  /** A sync step 2 arrived: the answer to our oldest question. Returns whether more is known now. */
  answered(): boolean {
    const confirmed = this.awaiting.shift();
    return confirmed ? this.learn(confirmed) : false;
  }

  /** Whether a probe would confirm something, and none is on its way. */
  get wantsProbe(): boolean {
    return this.greeted && this.unconfirmed && this.awaiting.length === 0;
  }

  /**
   * Every item the server holds, as a state vector. Before the server said anything, what the document held
   * from elsewhere (loaded from the device, written by an earlier page) is taken as held: only what this
   * document's own client wrote is not.
   */
  delivered(): StateVector {
    if (this.known) return new Map(this.known);
    const assumed = stateVectorOf(this.doc);
    assumed.delete(this.doc.clientID);
    return assumed;
  }

  private learn(held: ReadonlyMap<number, number>): boolean {
    if (!this.known) {
      this.known = new Map(held);
      return true;
    }
    return mergeInto(this.known, held);
  }
}
