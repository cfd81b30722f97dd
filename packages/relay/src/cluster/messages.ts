import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Budget } from '../budgets.ts';
import type { Refusal, Writer } from '../write-check.ts';

/*
 * What servers tell each other on the bus, one message per stream entry: a JSON header and, for the ones that
 * carry a Yjs update, its bytes beside it. The streams (names in streamsOf):
 * - a room's log: what its owner logged, in log order, and changes of owner;
 * - a room's inbox: writes other servers' clients made, for the owner to check, log and publish;
 * - a server's verdicts: what became of the writes it forwarded;
 * - a room's presence: who is there, each server publishing its own connections' states.
 */

/** Where a write came from: a server and one of its connections (0 for none), to leave it out when relaying. */
export interface WriteSource {
  server: string;
  connection: number;
}

export type LogMessage =
  /** A logged update; `update` null when it was too large for the bus: read it from the log. */
  | { type: 'update'; seq: number; source: WriteSource; at: number; update: Uint8Array | null }
  /** A server owns the room, its document holding the log up to `seq`: writes go to it now. */
  | { type: 'owner'; server: string; seq: number }
  /** The owner unloaded the room: any server may take it at once. */
  | { type: 'released'; server: string };

export interface ForwardedWrite {
  source: WriteSource;
  /** Numbers the writes of the source's server, for the verdict. */
  forward: number;
  actor: string;
  writer: Writer;
  update: Uint8Array;
}

export type Outcome =
  /** Logged (or it changed nothing): durable before this is sent. */
  | { accepted: true }
  /** Refused by the room's checks: the writer is closed as a local refusal closes it. */
  | { refused: string | Refusal }
  /** Past a budget: the writer is closed with 4429 for it. */
  | { overBudget: Budget }
  /** Yjs could not read it. */
  | { malformed: true };

export interface Verdict {
  room: string;
  forward: number;
  outcome: Outcome;
}

export interface PresenceMessage {
  server: string;
  client: number;
  clock: number;
  /** JSON, checked by the publishing server; 'null' when the client left. */
  state: string;
}

export function encodeLogMessage(message: LogMessage): Uint8Array {
  if (message.type !== 'update') return encodeMessage(message, null);
  const { update, ...header } = message;
  return encodeMessage(header, update);
}

export function decodeLogMessage(bytes: Uint8Array): LogMessage {
  const { header, payload } = decodeMessage(bytes);
  const message = header as LogMessage;
  return message.type === 'update' ? { ...message, update: payload } : message;
}

export function encodeForwardedWrite({ update, ...header }: ForwardedWrite): Uint8Array {
  return encodeMessage(header, update);
}

export function decodeForwardedWrite(bytes: Uint8Array): ForwardedWrite {
  const { header, payload } = decodeMessage(bytes);
  return { ...(header as Omit<ForwardedWrite, 'update'>), update: payload ?? new Uint8Array() };
}

export function encodeVerdict(verdict: Verdict): Uint8Array {
  return encodeMessage(verdict, null);
}

export function decodeVerdict(bytes: Uint8Array): Verdict {
  return decodeMessage(bytes).header as Verdict;
}

export function encodePresenceMessage(message: PresenceMessage): Uint8Array {
  return encodeMessage(message, null);
}

export function decodePresenceMessage(bytes: Uint8Array): PresenceMessage {
  return decodeMessage(bytes).header as PresenceMessage;
}

function encodeMessage(header: object, payload: Uint8Array | null): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, JSON.stringify(header));
  encoding.writeUint8(encoder, payload ? 1 : 0);
  if (payload) encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function decodeMessage(bytes: Uint8Array): { header: unknown; payload: Uint8Array | null } {
  const decoder = decoding.createDecoder(bytes);
  const header: unknown = JSON.parse(decoding.readVarString(decoder));
  const payload = decoding.readUint8(decoder) === 1 ? decoding.readVarUint8Array(decoder) : null;
  return { header, payload };
}

/** The streams and the lease of a room, by their logical names (the bus adds its prefix). */
export function streamsOf(room: string) {
  return {
    lease: `lease:${room}`,
    log: `room:${room}:log`,
    inbox: `room:${room}:in`,
    presence: `room:${room}:presence`,
  };
}

/** The stream of a server's verdicts. */
export function verdictStream(server: string): string {
  return `server:${server}:verdicts`;
}
