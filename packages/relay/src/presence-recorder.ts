import type { RelayLogger } from './logger.ts';
import type { PresenceSample, Storage } from './storage.ts';

/** At most this many samples per second per person: enough for cursors to move smoothly in a replay. */
export const PRESENCE_SAMPLES_PER_SECOND = 5;

export interface PresenceRecorderOptions {
  room: string;
  storage: Storage;
  logger: RelayLogger;
  /** The clock; defaults to Date.now. */
  now?: () => number;
  /** Shortest time between two samples of one client; defaults to 1000 / PRESENCE_SAMPLES_PER_SECOND. */
  minIntervalMs?: number;
}

/** What a replay shows of a presence state: the person and their cursor; null for nobody (yet, or any more). */
function recorded(state: Record<string, unknown> | null): Record<string, unknown> | null {
  const user = state?.user;
  if (typeof user !== 'object' || user === null) return null;
  return { user, cursor: state?.cursor ?? null };
}

/**
 * Records a room's presence for replays: each client's name and cursor, only when they change (the 15 s
 * renewals of an unchanged state are not samples), at most PRESENCE_SAMPLES_PER_SECOND per client. A change
 * that comes too soon is held and written when its client's interval has passed, the latest one winning, so
 * a cursor's final resting place is always recorded. Writing fails softly: presence is a replay's garnish.
 */
export class PresenceRecorder {
  private readonly now: () => number;
  private readonly minIntervalMs: number;
  /** Per client: when it was last written and what. */
  private readonly last = new Map<number, { at: number; key: string }>();
  /** Per client: the latest change waiting for its interval to pass. */
  private readonly held = new Map<number, { state: Record<string, unknown> | null; timer: NodeJS.Timeout }>();
  private batch: PresenceSample[] = [];
  private flushScheduled = false;

  constructor(private readonly options: PresenceRecorderOptions) {
    this.now = options.now ?? Date.now;
    this.minIntervalMs = options.minIntervalMs ?? 1000 / PRESENCE_SAMPLES_PER_SECOND;
  }

  /** A client's presence changed (null: it left). */
  record(client: number, state: Record<string, unknown> | null): void {
    const sample = recorded(state);
    const key = JSON.stringify(sample);
    const held = this.held.get(client);
    if (held) {
      held.state = sample;
      return;
    }
    const last = this.last.get(client);
    // A client that never showed a person (a tab still asking for a name) has nothing to record.
    if (last?.key === key || (sample === null && last === undefined)) return;
    const now = this.now();
    const wait = last ? last.at + this.minIntervalMs - now : 0;
    if (wait <= 0) {
      this.write(client, sample, key, now);
      return;
    }
    const timer = setTimeout(() => this.release(client), wait);
    timer.unref();
    this.held.set(client, { state: sample, timer });
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
    const key = JSON.stringify(held.state);
    if (this.last.get(client)?.key !== key) this.write(client, held.state, key, this.now());
  }

  private write(client: number, state: Record<string, unknown> | null, key: string, at: number): void {
    if (state === null) this.last.delete(client);
    else this.last.set(client, { at, key });
    this.batch.push({ at, client, state });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const samples = this.batch;
    if (samples.length === 0) return;
    this.batch = [];
    this.options.storage.appendPresence(this.options.room, samples).catch((error: unknown) => {
      this.options.logger.warn('presence not recorded', { room: this.options.room, error: String(error) });
    });
  }
}
