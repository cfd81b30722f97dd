import { createNote, NOTE_COLORS, notesType, STEPS } from '@kompas/model';
import { MessageType } from '@kompas/protocol';
import { messageYjsUpdate } from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { now } from './clock.ts';
import { frameCodec } from './frames.ts';
import { loadSocketClass } from './load-socket.ts';
import type { Seat } from './seats.ts';
import type { Framing } from './servers.ts';

export interface Target {
  wsUrl: string;
  framing: Framing;
}

/** What a client was sent, counted before any decoding. */
export interface Received {
  updates: number;
  presence: number;
  other: number;
  bytes: number;
}

export function sumReceived(counts: readonly Received[]): Received {
  return counts.reduce(
    (total, count) => ({
      updates: total.updates + count.updates,
      presence: total.presence + count.presence,
      other: total.other + count.other,
      bytes: total.bytes + count.bytes,
    }),
    { updates: 0, presence: 0, other: 0, bytes: 0 },
  );
}

const CURSOR_COLOR = '#3a7bd5';
const TEXT = 'Wij hebben drie wijkteams en te weinig mensen om alle gezinnen op tijd te helpen';

/** What others write: an update or a presence change, as opposed to the sync handshake. */
function isBroadcast(message: Uint8Array): boolean {
  return (
    message[0] === MessageType.awareness ||
    (message[0] === MessageType.sync && message[1] === messageYjsUpdate)
  );
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

/**
 * One person on a board through the official y-websocket client, writing notes as Kompas writes them (the
 * model's createNote: a Y.Map per note with the board's fields) and publishing presence as the web app does.
 *
 * A client that does not `decode` passes the official client only the sync handshake and counts the rest (updates,
 * presence) undecoded: it writes and stays connected like a browser without the cost of reading everyone's
 * notes. A client that decodes reads everything and notes when each note and cursor position arrived.
 * Neither re-sends presence it receives: the official client does (its awareness update handler forwards
 * every change), which multiplies cursor traffic by the room size; here only the person's own presence goes out.
 */
export class LoadClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly received: Received = { updates: 0, presence: 0, other: 0, bytes: 0 };
  /** Decoding clients: when each note id first arrived. */
  readonly notesSeen = new Map<string, number>();
  /** Decoding clients: [person id, cursor sequence number, time] of each cursor position that arrived. */
  readonly cursorsSeen: [string, number, number][] = [];
  /** Decoding clients: the latest cursor move seen of each person. */
  readonly lastCursorSeen = new Map<string, number>();
  private notesWritten = 0;
  private readonly sendOwnPresence: (changes: unknown, origin: unknown) => void;

  constructor(
    target: Target,
    readonly seat: Seat,
    readonly index: number,
    decode: boolean,
  ) {
    const filter = (message: Uint8Array) => {
      this.count(message);
      if (decode || !isBroadcast(message)) return true;
      // The client closes a connection that seems silent for 30 s; what it was not shown still counts as heard.
      this.provider.wsLastMessageReceived = Date.now();
      return false;
    };
    const params: Record<string, string> = seat.token ? { token: seat.token } : {};
    this.provider = new WebsocketProvider(target.wsUrl, seat.room, this.doc, {
      connect: false,
      disableBc: true,
      params,
      WebSocketPolyfill: loadSocketClass(
        frameCodec(target.framing, seat.token ?? ''),
        filter,
      ) as unknown as typeof WebSocket,
    });
    const { awareness } = this.provider;
    const forward = this.provider._awarenessUpdateHandler;
    awareness.off('update', forward);
    this.sendOwnPresence = (changes, origin) => {
      if (origin === 'local') forward(changes, origin);
    };
    awareness.on('update', this.sendOwnPresence);
    awareness.setLocalState({ user: { ...seat.person, color: CURSOR_COLOR }, cursor: null, following: null });
    if (decode) this.watch();
    this.provider.connect();
  }

  private count(message: Uint8Array): void {
    this.received.bytes += message.byteLength;
    if (message[0] === MessageType.awareness) this.received.presence++;
    else if (isBroadcast(message)) this.received.updates++;
    else this.received.other++;
  }

  private watch(): void {
    notesType(this.doc).observe((event) => {
      const at = now();
      for (const id of event.keysChanged) if (!this.notesSeen.has(id)) this.notesSeen.set(id, at);
    });
    const { awareness } = this.provider;
    awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (origin === 'local') return;
      const at = now();
      for (const clientId of [...added, ...updated]) {
        const state = awareness.getStates().get(clientId) as
          | { user?: { id: string }; cursor?: { x: number } | null }
          | undefined;
        if (!state?.user || !state.cursor) continue;
        this.cursorsSeen.push([state.user.id, state.cursor.x, at]);
        this.lastCursorSeen.set(
          state.user.id,
          Math.max(state.cursor.x, this.lastCursorSeen.get(state.user.id) ?? 0),
        );
      }
    });
  }

  /** Resolves once the client is in step with the server; rejects after `timeoutMs`. */
  synced(timeoutMs: number): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`client ${this.index} not synced within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Writes `count` new notes in one transaction, as one update; returns their ids. */
  writeNotes(count = 1): string[] {
    const ids: string[] = [];
    this.doc.transact(() => {
      for (let i = 0; i < count; i++) {
        const n = this.notesWritten++;
        const note = createNote(this.doc, {
          text: `${TEXT} (${this.index}.${n})`,
          step: pick(STEPS, n).id,
          pos: { r: Math.random(), t: Math.random() },
          color: pick(NOTE_COLORS, n),
          author: this.seat.person,
          round: 1,
        });
        ids.push(note.id);
      }
    });
    return ids;
  }

  /** Moves the cursor; `sequence` is its x, so that whoever sees it knows which move it was. */
  moveCursor(sequence: number): void {
    this.provider.awareness.setLocalStateField('cursor', { x: sequence, y: this.index % 1000 });
  }

  destroy(): void {
    this.provider.awareness.off('update', this.sendOwnPresence);
    this.provider.destroy();
    this.doc.destroy();
  }
}
