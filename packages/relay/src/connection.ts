import type { Socket } from 'node:net';
import { CloseCode, MessageType } from '@kompas/protocol';
import * as decoding from 'lib0/decoding';
import { type RawData, WebSocket } from 'ws';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { BUDGET_REASONS, type Budget } from './budgets.ts';
import { watchFrameDeadline } from './frame-deadline.ts';
import type { RelayLogger } from './logger.ts';
import type { WriteOrigin } from './origins.ts';
import { cleanPresenceEntry, decodePresenceEntries, type PresenceEntry } from './presence-entries.ts';
import { PresenceThrottle } from './presence-throttle.ts';
import {
  EMPTY_DOC,
  encodeAwareness,
  encodeSyncAnswer,
  encodeSyncStep2,
  fitCloseReason,
  MAX_PRESENCE_BYTES,
  ProtocolError,
} from './protocol.ts';
import type { Room } from './room.ts';
import { TokenBucket } from './token-bucket.ts';
import { atTurnEnd } from './turn-end.ts';
import type { Refusal, Writer } from './write-check.ts';
import { frameableSocket, underlyingSocket, writeBinaryFrame } from './ws-frames.ts';

export interface ConnectionSettings {
  /** Who writes through this connection, for the room's validator. */
  writer: Writer;
  readOnly: boolean;
  /** Receives nothing of the room; see ConnectionParams.writeOnly. */
  writeOnly: boolean;
  actor: string;
  maxFrameBytes: number;
  /** Past this many bytes waiting to be sent, the client is too slow and is cut off (see RelayOptions). */
  maxBufferedBytes: number;
  /** Bytes a second the client may keep sending, in frames, and how many it may send at once (a burst). */
  bytesPerSecond: number;
  burstBytes: number;
  /** Milliseconds a started frame may take to arrive whole (Infinity: no deadline). */
  frameDeadlineMs: number;
  /** Counts a refusal for a budget; the connection closes itself. */
  onOverBudget: (budget: Budget) => void;
  /** Called when a write of the client's was refused by the room's checks (4422, or a budget they keep). */
  onRefused?: () => void;
  /** Shortest time between two presence updates passed on (see RelayOptions.presenceUpdatesPerSecond). */
  presenceIntervalMs: number;
  logger: RelayLogger;
  /** Called once, when the connection closed for any reason. */
  onClose: (connection: Connection) => void;
}

/**
 * One client's WebSocket in one room. Reads y-websocket frames, one function per message type; a frame it
 * cannot read closes this connection only. Read-only is a property of the connection: its document writes
 * are dropped and counted, everything else (receiving, presence) works as for a writer.
 *
 * The connection is its own transaction origin, so the room relays its changes to everyone but itself.
 */
export class Connection implements WriteOrigin {
  readonly kind = 'client';
  readonly readOnly: boolean;
  readonly writeOnly: boolean;
  readonly actor: string;
  readonly writer: Writer;
  /** Frames that arrived before the room was loaded, handled in order once it is. */
  private queue: Uint8Array[] = [];
  /** Messages sent in this turn of the event loop, written at its end (see turn-end.ts). */
  private outgoing: Uint8Array[] = [];
  private queuedBytes = 0;
  private started = false;
  private closed = false;
  private alive = true;
  private readonly incoming: TokenBucket | null;
  private readonly presence: PresenceThrottle;
  /** The socket the connection writes its frames to itself, or null: ws writes them (see ws-frames.ts). */
  private readonly socket: Socket | null;
  /** Set once a refused presence update was logged: a client that keeps sending them is counted, not logged. */
  private presenceRefusalLogged = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly room: Room,
    private readonly settings: ConnectionSettings,
  ) {
    this.readOnly = settings.readOnly;
    this.writeOnly = settings.writeOnly;
    this.actor = settings.actor;
    this.writer = settings.writer;
    this.presence = new PresenceThrottle(settings.presenceIntervalMs, (entry) => this.passPresence(entry));
    this.socket = frameableSocket(ws);
    ws.on('message', this.onMessage);
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('close', () => this.dispose());
    ws.on('error', (error) => {
      // ws closes a frame over its maxPayload itself, with 1009, before the relay sees a byte of it.
      if ((error as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        settings.onOverBudget('frameSize');
      }
      this.log('warn', 'websocket error', { error: String(error) });
    });
    const { bytesPerSecond, burstBytes, frameDeadlineMs } = settings;
    this.incoming = Number.isFinite(bytesPerSecond) ? new TokenBucket(bytesPerSecond, burstBytes) : null;
    if (Number.isFinite(frameDeadlineMs) && !watchFrameDeadline(ws, frameDeadlineMs, this.onFrameDeadline)) {
      this.log('warn', 'cannot watch for unfinished frames: this ws version keeps its receiver differently');
    }
  }

  /** The room is loaded: greet the client, then handle what it sent meanwhile. */
  start(): void {
    if (this.closed) return;
    this.started = true;
    this.room.greet(this);
    const queued = this.queue;
    this.queue = [];
    for (const frame of queued) {
      if (this.closed) return;
      this.receive(frame);
    }
  }

  /** Queues `message`; what the connection is sent in one turn of the event loop leaves in one write. */
  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    this.outgoing.push(message);
    if (this.outgoing.length > 1) return;
    atTurnEnd(this.flush);
    this.room.presence.rideAlong();
  }

  /** Sends what is queued first, so a client learns everything it was sent before why it is closed. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.flush();
    this.ws.close(code, reason);
    this.dispose();
  }

  /** Closes the connection with 4429 for a budget it passed, and counts it. */
  closeOverBudget(budget: Budget): void {
    if (this.closed) return;
    this.log('warn', 'client over budget, closing', { budget });
    this.settings.onOverBudget(budget);
    this.close(CloseCode.overBudget, BUDGET_REASONS[budget]);
  }

  /**
   * A frame was started and not finished in time: close, and read no more of it, so the part received is all
   * it holds until ws's close timeout (30 s) ends a socket whose client does not answer the close.
   */
  private readonly onFrameDeadline = (): void => {
    this.closeOverBudget('frameDeadline');
    this.ws.pause();
  };

  /** Writes the queued messages, one frame each, in one write to the socket. */
  private readonly flush = (): void => {
    const messages = this.outgoing;
    this.outgoing = [];
    const last = messages.at(-1);
    if (this.closed || last === undefined || this.ws.readyState !== WebSocket.OPEN) return;
    const corked = this.socket ?? underlyingSocket(this.ws);
    corked?.cork();
    for (const message of messages) {
      if (this.socket) writeBinaryFrame(this.socket, message);
      else this.ws.send(message);
    }
    corked?.uncork();
    // What was waiting before the last message: one large message (a big board's first sync) is never too much.
    if (this.ws.bufferedAmount - last.byteLength > this.settings.maxBufferedBytes) {
      this.log('warn', 'client too slow, cut off', { buffered: this.ws.bufferedAmount });
      // Not a close handshake: its frame would wait behind the backlog the client is not reading.
      this.ws.terminate();
      this.dispose();
    }
  };

  /** Called every ping interval: a connection that did not answer the previous ping is dead. */
  heartbeat(): void {
    if (this.closed) return;
    if (!this.alive) {
      this.log('info', 'no pong, closing');
      this.ws.terminate();
      this.dispose();
      return;
    }
    this.alive = false;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
  }

  private readonly onMessage = (data: RawData, isBinary: boolean): void => {
    if (this.closed) return;
    const frame = toBytes(data);
    const { maxFrameBytes } = this.settings;
    if (frame.byteLength > maxFrameBytes) {
      this.settings.onOverBudget('frameSize');
      this.close(CloseCode.tooLarge, `frame larger than ${maxFrameBytes} bytes`);
    } else if (this.incoming && !this.incoming.take(frame.byteLength)) {
      this.closeOverBudget('bytesPerSecond');
    } else if (!isBinary) {
      this.close(CloseCode.unsupportedData, 'binary frames only');
    } else if (this.started) {
      this.receive(frame);
    } else if (this.queuedBytes + frame.byteLength > maxFrameBytes) {
      this.close(CloseCode.tooLarge, 'too much data before the room loaded');
    } else {
      this.queuedBytes += frame.byteLength;
      this.queue.push(frame);
    }
  };

  /** The one place a frame is decoded, so the one place a malformed frame is caught. */
  private receive(frame: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(frame);
      const messageType = decoding.readVarUint(decoder);
      switch (messageType) {
        case MessageType.sync:
          this.readSync(decoder);
          break;
        case MessageType.awareness:
          this.applyAwareness(decoding.readVarUint8Array(decoder));
          break;
        case MessageType.auth:
          break;
        case MessageType.queryAwareness:
          this.answerQueryAwareness();
          break;
        default:
          throw new ProtocolError(`unknown message type ${messageType}`);
      }
    } catch (error) {
      const reason = error instanceof ProtocolError ? error.reason : 'malformed message';
      const cause = error instanceof ProtocolError ? error.cause : error;
      this.log('warn', 'closing connection after a bad frame', { reason, error: String(cause) });
      this.close(CloseCode.malformed, reason);
    }
  }

  private readSync(decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    switch (syncType) {
      case messageYjsSyncStep1:
        this.answerSyncStep1(payload);
        break;
      case messageYjsSyncStep2:
      case messageYjsUpdate:
        this.applyUpdate(payload);
        break;
      default:
        throw new ProtocolError(`unknown sync message type ${syncType}`);
    }
  }

  /** Sync step 1 carries the client's state vector; the answer (step 2) is everything it lacks. */
  private answerSyncStep1(stateVector: Uint8Array): void {
    let answer: Uint8Array;
    try {
      // A write-only client is told the room holds nothing, which completes its sync without a byte of content.
      answer = this.writeOnly
        ? encodeSyncStep2(EMPTY_DOC, stateVector)
        : encodeSyncAnswer(this.room.syncAnswers.missingFor(stateVector));
    } catch (cause) {
      throw new ProtocolError('invalid state vector', { cause });
    }
    this.room.sendInOrder(this, answer);
  }

  /**
   * Sync step 2 and update both carry a Yjs update; the room stores and relays what is new in it. A write the
   * room's validator refuses closes this connection: the client would only send it again.
   */
  private applyUpdate(update: Uint8Array): void {
    if (this.readOnly) {
      this.room.countDroppedWrite();
      return;
    }
    let problem: ReturnType<Room['write']>;
    try {
      problem = this.room.write(update, this);
    } catch (cause) {
      throw new ProtocolError('invalid update', { cause });
    }
    if (problem !== null) this.refuse(problem);
  }

  /** The room's checks refused a write of the client's (here, or on the server that owns the room). */
  refuse(problem: string | Refusal): void {
    // Each refusal the validator makes may have cost the room a rebuild of its document: it counts against the address.
    this.settings.onRefused?.();
    if (typeof problem === 'string') {
      this.log('warn', 'refused an invalid write', { reason: problem });
      this.close(CloseCode.invalidData, fitCloseReason(`invalid board data: ${problem}`));
    } else {
      this.log('warn', 'refused a write', { reason: problem.reason, code: problem.code });
      this.close(problem.code, fitCloseReason(problem.reason));
    }
  }

  /**
   * A connection sets its own presence only: one client id, a state the room's check passes, at most so many
   * updates a second. A refused update is dropped and counted, not closed on: the client would reconnect and
   * send the same state again, and dropping one costs less than a reconnect and a sync. Only a frame no
   * client would send (larger than MAX_PRESENCE_BYTES, or not an awareness update) closes the connection.
   */
  private applyAwareness(update: Uint8Array): void {
    if (this.writeOnly) return;
    if (update.length > MAX_PRESENCE_BYTES) {
      throw new ProtocolError(`presence update larger than ${MAX_PRESENCE_BYTES} bytes`);
    }
    let entries: PresenceEntry[];
    try {
      entries = decodePresenceEntries(update);
    } catch (cause) {
      throw new ProtocolError('invalid awareness update', { cause });
    }
    const own = this.room.presence.own(this, entries);
    if (own === null) return;
    const clean =
      typeof own === 'string' ? own : cleanPresenceEntry(own, this.writer, this.room.presenceCheck);
    if (typeof clean === 'string') {
      this.refusePresence(clean);
      return;
    }
    this.presence.offer(clean);
  }

  private refusePresence(reason: string): void {
    this.room.countDroppedPresence();
    if (this.presenceRefusalLogged) return;
    this.presenceRefusalLogged = true;
    this.log('warn', 'dropped a presence update', { reason });
  }

  /** Runs now or later (from the throttle), so it catches what it throws instead of leaving it unhandled. */
  private passPresence(entry: PresenceEntry): void {
    if (this.closed) return;
    try {
      this.room.presence.apply(this, entry);
    } catch (error) {
      this.settings.logger.error('presence could not be applied', {
        room: this.room.name,
        actor: this.actor,
        error: String(error),
      });
      this.close(CloseCode.internalError, 'presence failure');
    }
  }

  private answerQueryAwareness(): void {
    // A write-only client learns nobody's presence, but still hears that the server is there.
    if (this.writeOnly) this.send(NO_PRESENCE);
    else this.room.presence.sendTo(this);
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.outgoing = [];
    this.presence.stop();
    this.settings.onClose(this);
  }

  private log(level: 'info' | 'warn', message: string, fields: Record<string, unknown> = {}): void {
    this.settings.logger[level](message, { room: this.room.name, actor: this.actor, ...fields });
  }
}

/** An awareness message listing no one. */
const NO_PRESENCE = encodeAwareness(new Uint8Array([0]));

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
