import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MAX_PRESENCE_STATE_BYTES, ProtocolError } from './protocol.ts';
import type { Writer } from './write-check.ts';

/*
 * What a connection may publish as presence, one awareness entry at a time. A y-protocols awareness update
 * is a list of entries (client id, clock, state as JSON, 'null' for gone); the relay reads them itself rather
 * than handing the update to y-protocols, so it can check each before anything is kept or relayed.
 */

/**
 * Checks a presence state a connection publishes, for the room it is in: returns the clean state to keep and
 * relay, or null to drop it. The relay only calls it: what is valid is up to whoever passes it.
 */
export type PresenceCheck = (state: unknown, writer: Writer) => object | null;

/** One client's entry in an awareness update. */
export interface PresenceEntry {
  client: number;
  clock: number;
  /** The state as JSON; 'null' when the client is gone. */
  state: string;
}

/** The entries of an awareness update; throws on a malformed one. */
export function decodePresenceEntries(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: PresenceEntry[] = [];
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ client, clock, state: decoding.readVarString(decoder) });
  }
  return entries;
}

export function encodePresenceEntries(entries: readonly PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { client, clock, state } of entries) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The entry as the relay may keep it: its state at most MAX_PRESENCE_STATE_BYTES, passed by `check` when the
 * room has one, and written again by the relay, so what it keeps and relays always serialises (a state the
 * server cannot serialise would fail every later greeting). Returns why it is refused instead; throws a
 * ProtocolError when the state is not JSON at all, as for any malformed frame.
 */
export function cleanPresenceEntry(
  entry: PresenceEntry,
  writer: Writer,
  check: PresenceCheck | undefined,
): PresenceEntry | string {
  if (entry.state === 'null') return entry;
  if (Buffer.byteLength(entry.state, 'utf8') > MAX_PRESENCE_STATE_BYTES) {
    return `presence state larger than ${MAX_PRESENCE_STATE_BYTES} bytes`;
  }
  let value: unknown;
  try {
    value = JSON.parse(entry.state);
  } catch (cause) {
    throw new ProtocolError('invalid awareness update', { cause });
  }
  let clean: unknown;
  let state: string | undefined;
  try {
    clean = check ? check(value, writer) : value;
    state = clean === null ? undefined : JSON.stringify(clean);
  } catch (error) {
    // Refuse what cannot be checked or written rather than let it through.
    return `presence state cannot be checked (${String(error)})`;
  }
  if (state === undefined) return 'presence state refused';
  return { ...entry, state };
}
