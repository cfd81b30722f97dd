import { REMOTE_ORIGIN } from '@kompas/model';
import { CloseCode, retriesAfter } from '@kompas/protocol';
import { ObservableV2 } from 'lib0/observable';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { reconnectDelay } from './backoff.ts';
import { DeliveryTracker, type StateVector } from './delivery.ts';
import {
  encodeAwareness,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeUpdate,
  readIncoming,
} from './protocol.ts';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline';

/** The server closed the connection on purpose (a code it does not retry after, see CLOSE_CODES). */
export interface Refusal {
  code: number;
  reason: string;
}

type ConnectionEvents = {
  status: (status: ConnectionStatus) => void;
  synced: () => void;
  refused: (refusal: Refusal) => void;
  /** More of the document is known to be stored by the server (see `delivered`). */
  delivered: () => void;
};

export interface RoomConnectionOptions {
  /** WebSocket base URL, e.g. `ws://localhost:8080/ws`; the room name is appended as a path segment. */
  url: string;
  room: string;
  doc: Y.Doc;
  token: string;
  awareness?: Awareness;
  /** A WebSocket implementation for environments without a global one (Node tests). */
  WebSocketImpl?: typeof WebSocket;
  /** Milliseconds without any message after which the connection counts as dead (default 30 000). */
  silenceTimeout?: number;
}

const DEFAULT_SILENCE_TIMEOUT = 30_000;
/** How long a probe waits after an update, so that a burst of writes is confirmed by one. */
const PROBE_DELAY = 150;

/**
 * One document's connection to the relay, speaking the y-websocket protocol. Unlike the official
 * client it only ever sends the local client's awareness, so cursor traffic grows linearly with
 * the room size instead of with its square.
 */
export class RoomConnection extends ObservableV2<ConnectionEvents> {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly room: string;
  status: ConnectionStatus = 'connecting';
  synced = false;
  refusal: Refusal | null = null;

  private readonly socketUrl: string;
  private readonly WebSocketImpl: typeof WebSocket;
  private readonly silenceTimeout: number;
  private socket: WebSocket | null = null;
  private lastMessageAt = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private failedAttempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  /** Our presence while the page sits in the back/forward cache, put back if the page is shown again. */
  private hiddenState: Record<string, unknown> | null = null;
  /** An awareness we created ourselves is ours to stop (it runs a renewal timer). */
  private readonly ownsAwareness: boolean;
  private readonly delivery: DeliveryTracker;
  private probeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: RoomConnectionOptions) {
    super();
    this.doc = options.doc;
    this.room = options.room;
    this.ownsAwareness = !options.awareness;
    this.awareness = options.awareness ?? new Awareness(options.doc);
    this.delivery = new DeliveryTracker(options.doc);
    const WebSocketImpl = options.WebSocketImpl ?? globalThis.WebSocket;
    if (!WebSocketImpl) throw new Error('No WebSocket implementation available');
    this.WebSocketImpl = WebSocketImpl;
    this.silenceTimeout = options.silenceTimeout ?? DEFAULT_SILENCE_TIMEOUT;
    const base = options.url.replace(/\/+$/, '');
    this.socketUrl = `${base}/${encodeURIComponent(options.room)}?token=${encodeURIComponent(options.token)}`;
    this.doc.on('update', this.onDocUpdate);
    this.doc.on('afterTransaction', this.onTransaction);
    this.awareness.on('update', this.onAwarenessUpdate);
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onBrowserOnline);
      window.addEventListener('offline', this.onBrowserOffline);
      window.addEventListener('pagehide', this.onPageHide);
      window.addEventListener('pageshow', this.onPageShow);
    }
    this.connect();
  }

  /** Closes the connection for good, telling the others that we left. */
  override destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.announceLeaving();
    this.clearReconnect();
    this.stopWatchdog();
    this.clearProbe();
    this.doc.off('update', this.onDocUpdate);
    this.doc.off('afterTransaction', this.onTransaction);
    this.awareness.off('update', this.onAwarenessUpdate);
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onBrowserOnline);
      window.removeEventListener('offline', this.onBrowserOffline);
      window.removeEventListener('pagehide', this.onPageHide);
      window.removeEventListener('pageshow', this.onPageShow);
    }
    this.socket?.close(CloseCode.normal);
    this.socket = null;
    if (this.ownsAwareness) this.awareness.destroy();
    this.setStatus('offline');
    super.destroy();
  }

  private connect(): void {
    if (this.destroyed || this.refusal) return;
    const socket = new this.WebSocketImpl(this.socketUrl);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      this.setStatus('online');
      this.startWatchdog(socket);
      this.delivery.connectionStarted();
      this.askSync();
      if (this.awareness.getLocalState() !== null) {
        this.send(encodeAwareness(this.awareness, [this.awareness.clientID]));
      }
    };
    socket.onmessage = (event: MessageEvent) => this.onMessage(socket, event.data);
    socket.onerror = () => {};
    socket.onclose = (event: CloseEvent) => this.onClose(socket, event.code, event.reason);
  }

  private onMessage(socket: WebSocket, data: unknown): void {
    if (socket !== this.socket) return;
    this.lastMessageAt = Date.now();
    if (!(data instanceof ArrayBuffer)) return;
    let result: ReturnType<typeof readIncoming>;
    try {
      result = readIncoming(new Uint8Array(data), {
        doc: this.doc,
        awareness: this.awareness,
        origin: REMOTE_ORIGIN,
      });
    } catch {
      // A frame we cannot read means the stream is out of step; start over with a fresh sync.
      socket.close(CloseCode.malformed, 'malformed frame');
      return;
    }
    if (result.reply) this.send(result.reply);
    if (result.serverState && this.delivery.serverHolds(result.serverState)) this.emit('delivered', []);
    if (result.synced) {
      if (this.delivery.answered()) this.emit('delivered', []);
      if (!this.synced) {
        this.synced = true;
        this.failedAttempts = 0;
        this.emit('synced', []);
      }
    }
    this.scheduleProbe();
  }

  /**
   * Every item the server is known to hold, as a state vector: what this document holds beyond it has not
   * reached the server yet (see DeliveryTracker).
   */
  get delivered(): StateVector {
    return this.delivery.delivered();
  }

  private askSync(): void {
    this.send(encodeSyncStep1(this.doc));
    this.delivery.asked();
  }

  /** Asks the server again once updates went out, to learn that they are stored (see DeliveryTracker). */
  private scheduleProbe(): void {
    if (this.probeTimer !== null || !this.delivery.wantsProbe) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      if (this.delivery.wantsProbe && this.isOpen) this.askSync();
    }, PROBE_DELAY);
  }

  private clearProbe(): void {
    if (this.probeTimer !== null) clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  private onClose(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.stopWatchdog();
    this.clearProbe();
    this.synced = false;
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.awareness.clientID);
    removeAwarenessStates(this.awareness, others, REMOTE_ORIGIN);
    if (this.destroyed) return;
    if (!retriesAfter(code)) {
      this.refusal = { code, reason };
      this.setStatus('offline');
      this.emit('refused', [this.refusal]);
      return;
    }
    this.setStatus(isBrowserOffline() ? 'offline' : 'reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.clearReconnect();
    const delay = reconnectDelay(this.failedAttempts++);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /**
   * After sleep or a network change a socket can stay open for minutes with nothing getting through, and
   * browsers do not expose pings: so ask the relay something when it has been quiet, and give up on the
   * socket when even that goes unanswered.
   */
  private startWatchdog(socket: WebSocket): void {
    this.stopWatchdog();
    this.lastMessageAt = Date.now();
    this.watchdog = setInterval(() => {
      const silentFor = Date.now() - this.lastMessageAt;
      if (silentFor >= this.silenceTimeout) {
        socket.close();
        // It never closed, so no code came from the server: reported as a connection lost without one.
        this.onClose(socket, CloseCode.abnormal, 'no answer from the server');
      } else if (silentFor >= this.silenceTimeout / 2) {
        this.send(encodeQueryAwareness());
      }
    }, this.silenceTimeout / 4);
  }

  private stopWatchdog(): void {
    if (this.watchdog !== null) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  /** Updates written while `hold` runs, sent together when it ends. */
  private held: Uint8Array[] | null = null;

  private get isOpen(): boolean {
    return this.socket?.readyState === this.WebSocketImpl.OPEN;
  }

  private send(frame: Uint8Array): void {
    if (this.isOpen) this.socket?.send(frame);
  }

  /** Sends an update of the document; one that cannot go now goes with the next connection's sync. */
  private sendUpdate(update: Uint8Array): void {
    if (!this.isOpen) return;
    this.send(encodeUpdate(update));
    this.delivery.sent();
    this.scheduleProbe();
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.emit('status', [status]);
  }

  /** What the server sent is stored there: the notes in it are delivered for everyone. */
  private readonly onTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin !== REMOTE_ORIGIN) return;
    if (this.delivery.receivedFromServer(transaction.beforeState, transaction.afterState)) {
      this.emit('delivered', []);
    }
  };

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === REMOTE_ORIGIN) return;
    if (this.held) this.held.push(update);
    else this.sendUpdate(update);
  };

  /**
   * Runs `change` and sends what it wrote to the document as one update, once it is done: for a change
   * made of steps that are only acceptable together (an undo taken back at once because a lock forbids it,
   * which together change nothing), so the server never sees one step alone.
   */
  hold<T>(change: () => T): T {
    if (this.held) return change();
    this.held = [];
    try {
      return change();
    } finally {
      const held = this.held;
      this.held = null;
      if (held.length > 0) this.sendUpdate(Y.mergeUpdates(held));
    }
  }

  private readonly onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin !== 'local') return;
    // The awareness's id, not the document's: Yjs gives the document a new id when it meets a clash.
    const mine = [...changes.added, ...changes.updated, ...changes.removed].filter(
      (id) => id === this.awareness.clientID,
    );
    if (mine.length > 0) this.send(encodeAwareness(this.awareness, mine));
  };

  private readonly onBrowserOnline = (): void => {
    if (this.destroyed || this.refusal) return;
    if (this.socket) {
      // The socket outlived the outage, or is still opening: report what it is doing again.
      this.setStatus(this.socket.readyState === this.WebSocketImpl.OPEN ? 'online' : 'reconnecting');
      return;
    }
    this.failedAttempts = 0;
    this.clearReconnect();
    this.setStatus('reconnecting');
    this.connect();
  };

  private readonly onBrowserOffline = (): void => {
    this.setStatus('offline');
  };

  /** Tell the others at once that we left, instead of letting our cursor linger until it times out. */
  private announceLeaving(): void {
    removeAwarenessStates(this.awareness, [this.awareness.clientID], 'local');
  }

  private readonly onPageHide = (): void => {
    this.hiddenState = this.awareness.getLocalState();
    this.announceLeaving();
  };

  /** Back from the back/forward cache: `setLocalStateField` ignores a removed state, so restore it here. */
  private readonly onPageShow = (event: PageTransitionEvent): void => {
    const state = this.hiddenState;
    this.hiddenState = null;
    if (event.persisted && state !== null && this.awareness.getLocalState() === null) {
      this.awareness.setLocalState(state);
    }
  };
}

function isBrowserOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}
