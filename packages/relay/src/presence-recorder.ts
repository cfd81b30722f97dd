import type { RelayLogger } from './logger.ts';
import type { PresenceSample, Storage } from './storage.ts';

/** At most this many samples per second per person: enough for cursors to move smoothly in a replay. */
export const PRESENCE_SAMPLES_PER_SECOND = 5;

/**
 * Samples are written together at most once a second: each write is a transaction of its own in storage,
 * and a room of people moving cursors made dozens a second. A crash loses at most that second of cursors.
 */
export const PRESENCE_WRITE_INTERVAL_MS = 1000;

/** Samples kept of one person on a board: eight hours of moving their cursor all the time (about 20 MB). */
export const DEFAULT_MAX_PRESENCE_SAMPLES_PER_PERSON = 8 * 60 * 60 * PRESENCE_SAMPLES_PER_SECOND;

/**
 * Samples kept of a board: ten people's worth (twenty people moving their cursors all through a four-hour
 * workshop), about 200 MB. Past it the replay still plays the board, without cursors.
 */
export const DEFAULT_MAX_PRESENCE_SAMPLES_PER_ROOM = 10 * DEFAULT_MAX_PRESENCE_SAMPLES_PER_PERSON;

export interface PresenceRecorderOptions {
  room: string;
  storage: Storage;
  logger: RelayLogger;
  /** The clock; defaults to Date.now. */
  now?: () => number;
  /** Shortest time between two samples of one client; defaults to 1000 / PRESENCE_SAMPLES_PER_SECOND. */
  minIntervalMs?: number;
  /** Most samples stored of one person in the room, counting those stored before; see the default. */
  maxSamplesPerPerson?: number;
  /** Most samples stored of the room, counting those stored before; see the default. */
  maxSamplesPerRoom?: number;
}

/**
 * What a replay shows of a presence state (JSON, as relayed; null once its client left): the person and their
 * cursor; null for nobody (yet, or any more).
 */
function recorded(json: string | null): Record<string, unknown> | null {
  const state = json === null ? null : (JSON.parse(json) as Record<string, unknown> | null);
  const user = state?.user;
  if (typeof user !== 'object' || user === null) return null;
  return { user, cursor: state?.cursor ?? null };
}

/**
 * Records a room's presence for replays: each client's name and cursor, only when they change (the 15 s
 * renewals of an unchanged state are not samples), at most PRESENCE_SAMPLES_PER_SECOND per client. A change
 * that comes too soon is held and written when its client's interval has passed, the latest one winning, so
 * a cursor's final resting place is always recorded. A state is read only when it may become a sample, so a
 * held one costs nothing. Writing fails softly: presence is a replay's garnish.
 *
 * What is stored has ceilings, per person and per room, counted from what storage held when the room
 * loaded: past one, that person's (or everyone's) samples are no longer stored, and that is logged once.
 */
export class PresenceRecorder {
  private readonly now: () => number;
  private readonly minIntervalMs: number;
  /** Per client: when it was last written and what. */
  private readonly last = new Map<number, { at: number; key: string }>();
  /** Per client: the latest change (its JSON) waiting for its interval to pass. */
  private readonly held = new Map<number, { state: string | null; timer: NodeJS.Timeout }>();
  /** Per client: the person it belongs to, as the server knows them. */
  private readonly persons = new Map<number, string>();
  private readonly maxSamplesPerPerson: number;
  private readonly maxSamplesPerRoom: number;
  /** What the room holds, counting this recorder's samples; null until read from storage. */
  private stored: { samples: number; byPerson: Map<string, number> } | null = null;
  /** Ceilings already logged: the room's ('') and people's. */
  private readonly ceilingsLogged = new Set<string>();
  private batch: PresenceSample[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  /** Resolves once the counts the ceilings start from are read; nothing is recorded if they cannot be. */
  readonly ready: Promise<void>;

  constructor(private readonly options: PresenceRecorderOptions) {
    this.now = options.now ?? Date.now;
    this.minIntervalMs = options.minIntervalMs ?? 1000 / PRESENCE_SAMPLES_PER_SECOND;
    this.maxSamplesPerPerson = options.maxSamplesPerPerson ?? DEFAULT_MAX_PRESENCE_SAMPLES_PER_PERSON;
    this.maxSamplesPerRoom = options.maxSamplesPerRoom ?? DEFAULT_MAX_PRESENCE_SAMPLES_PER_ROOM;
    this.ready = this.countStored();
  }

  /**
   * A client's presence changed: its state as relayed (JSON), or null when it left. `person` is whom the server
   * knows the client as.
   */
  record(client: number, state: string | null, person?: string): void {
    if (person !== undefined) this.persons.set(client, person);
    const held = this.held.get(client);
    if (held) {
      held.state = state;
      return;
    }
    const last = this.last.get(client);
    const now = this.now();
    const wait = last ? last.at + this.minIntervalMs - now : 0;
    if (wait <= 0) {
      this.writeChanged(client, state, now);
      return;
    }
    const timer = setTimeout(() => this.release(client), wait);
    timer.unref();
    this.held.set(client, { state, timer });
  }

  /** Writes what is held and stops the timers: the room is going away. */
  close(): void {
    for (const client of [...this.held.keys()]) this.release(client);
    this.flush();
  }

  private release(client: number): void {
    const held = this.held.get(client);
    if (!held) return;
    clearTimeout(held.timer);
    this.held.delete(client);
    this.writeChanged(client, held.state, this.now());
  }

  /** Writes the sample of `state` unless it shows what was last written of the client. */
  private writeChanged(client: number, state: string | null, at: number): void {
    const sample = recorded(state);
    const key = JSON.stringify(sample);
    const last = this.last.get(client);
    // A client that never showed a person (a tab still asking for a name) has nothing to record.
    if (last?.key === key || (sample === null && last === undefined)) return;
    this.write(client, sample, key, at);
  }

  private async countStored(): Promise<void> {
    try {
      const { samples, byPerson } = await this.options.storage.countPresence(this.options.room);
      this.stored = { samples, byPerson: new Map(byPerson) };
    } catch (error) {
      this.options.logger.warn('presence not recorded: stored samples cannot be counted', {
        room: this.options.room,
        error: String(error),
      });
    }
  }

  private write(client: number, state: Record<string, unknown> | null, key: string, at: number): void {
    const person = this.persons.get(client);
    if (state === null) {
      this.last.delete(client);
      this.persons.delete(client);
    } else {
      this.last.set(client, { at, key });
    }
    if (!this.withinCeilings(client, person)) return;
    this.batch.push({ at, client, state, person });
    if (this.flushTimer !== null) return;
    this.flushTimer = setTimeout(() => this.flush(), PRESENCE_WRITE_INTERVAL_MS);
    this.flushTimer.unref();
  }

  /** Counts the sample about to be stored, or says (logging it once) that a ceiling keeps it out. */
  private withinCeilings(client: number, person: string | undefined): boolean {
    const stored = this.stored;
    if (stored === null) return false;
    if (stored.samples >= this.maxSamplesPerRoom) {
      this.logCeiling('', 'presence recording stopped: the room holds its most samples', {
        ceiling: this.maxSamplesPerRoom,
      });
      return false;
    }
    const ofPerson = person === undefined ? 0 : (stored.byPerson.get(person) ?? 0);
    if (person !== undefined && ofPerson >= this.maxSamplesPerPerson) {
      // The client, not the person: a log line need not say who someone is.
      this.logCeiling(person, 'presence recording stopped for a person: the room holds their most samples', {
        client,
        ceiling: this.maxSamplesPerPerson,
      });
      return false;
    }
    stored.samples += 1;
    if (person !== undefined) stored.byPerson.set(person, ofPerson + 1);
    return true;
  }

  private logCeiling(key: string, message: string, fields: Record<string, unknown>): void {
    if (this.ceilingsLogged.has(key)) return;
    this.ceilingsLogged.add(key);
    this.options.logger.warn(message, { room: this.options.room, ...fields });
  }

  private flush(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const samples = this.batch;
    if (samples.length === 0) return;
    this.batch = [];
    this.options.storage.appendPresence(this.options.room, samples).catch((error: unknown) => {
      this.options.logger.warn('presence not recorded', { room: this.options.room, error: String(error) });
    });
  }
}
