import { listNotes } from '@kompas/model';
import * as Y from 'yjs';
import type { RecordedPresence, RecordedPresenceWindow, RecordingApi, RecordingLog } from './replay-api.ts';
import { BoardReplay, type RoomTimeline } from './replay-engine.ts';
import {
  contentEvents,
  controlEvents,
  type PhaseSegment,
  phaseSegments,
  type ReplayEvent,
  sortEvents,
} from './replay-events.ts';

/** Content entries fetched per request while playing. */
const PAGE = 2000;
/** Playing asks for more entries once fewer than this many are loaded ahead. */
const READ_AHEAD = 500;
/** Presence is read this far ahead of the time shown. */
const PRESENCE_AHEAD_MS = 2 * 60 * 1000;

/**
 * A board's recording as a replay shows it: opens it (the session's span, its events and phases, the board at
 * the start), seeks (from what is loaded when it can, else from a state the server builds at that time), plays
 * forward on the same documents, and follows a session that is still going on.
 */
export class ReplaySession {
  readonly replay = new BoardReplay();
  /** The session's first and last logged times. */
  start = 0;
  end = 0;
  /** The time shown. */
  time = 0;
  events: ReplayEvent[] = [];
  segments: PhaseSegment[] = [];
  /** The board as it is now, for the markers of notes added and votes placed. */
  private latestContent = new Y.Doc();
  private latestControl = new Y.Doc();
  private presenceWindow: RecordedPresenceWindow | null = null;
  /** Names seen in presence so far, by person id. */
  private readonly presenceNames = new Map<string, string>();
  private readingAhead: Promise<void> | null = null;

  constructor(private readonly api: RecordingApi) {}

  get contentDoc(): Y.Doc {
    return this.replay.content.doc;
  }

  get controlDoc(): Y.Doc {
    return this.replay.control.doc;
  }

  /** Reads the recording's span, its events and the board at its start. */
  async open(): Promise<void> {
    const [latest, control, content] = await Promise.all([
      this.api.state(Number.MAX_SAFE_INTEGER),
      this.readWholeControlLog(),
      this.api.log({ content: 0 }, PAGE),
    ]);
    if (latest.content) Y.applyUpdate(this.latestContent, latest.content.state);
    if (latest.control) Y.applyUpdate(this.latestControl, latest.control.state);
    this.takeLog(control);
    this.takeLog(content);
    this.start = latest.start ?? latest.now;
    this.end = Math.max(latest.end ?? this.start, this.start);
    this.replay.content.setEnd(latest.content?.seq ?? 0, latest.now);
    this.replay.control.setEnd(latest.control?.seq ?? 0, latest.now);
    this.refreshEvents();
    await this.seek(this.start);
  }

  /** Shows time `t`; says whether it came from what was loaded or from the server. */
  async seek(t: number): Promise<'local' | 'server'> {
    const time = Math.min(Math.max(t, this.start), this.end);
    this.time = time;
    let from: 'local' | 'server' = 'local';
    if (!this.replay.seek(time)) {
      from = 'server';
      const state = await this.api.state(time);
      for (const [room, checkpoint] of [
        [this.replay.content, state.content],
        [this.replay.control, state.control],
      ] as const) {
        if (checkpoint) room.resetTo(checkpoint);
        else room.moveTo(0, 0);
      }
    }
    await this.readPresenceAround(time);
    return from;
  }

  /**
   * Plays forward to time `t` from what is loaded. Returns false when the entries to get there are not loaded
   * yet: the caller waits for readAhead() and tries again.
   */
  advance(t: number): boolean {
    const time = Math.min(t, this.end);
    if (!this.replay.seek(time, PAGE)) return false;
    this.time = time;
    return true;
  }

  /** Loads the next content entries when few are left ahead of the time shown, and presence near it. */
  readAhead(): Promise<void> {
    this.readingAhead ??= this.readAheadNow().finally(() => {
      this.readingAhead = null;
    });
    return this.readingAhead;
  }

  /** Asks the server for what was logged since the last look: the timeline grows while the workshop goes on. */
  async follow(): Promise<boolean> {
    const log = await this.api.log({
      content: this.replay.content.endSeq,
      control: this.replay.control.endSeq,
    });
    const news = [...(log.content?.entries ?? []), ...(log.control?.entries ?? [])];
    for (const entry of log.content?.entries ?? []) Y.applyUpdate(this.latestContent, entry.update);
    for (const entry of log.control?.entries ?? []) Y.applyUpdate(this.latestControl, entry.update);
    this.takeLog(log);
    this.end = Math.max(...news.map((entry) => entry.at), this.end);
    if (news.length > 0) this.refreshEvents();
    return news.length > 0;
  }

  /** Who was present at the time shown, each with their latest awareness state. */
  presence(): RecordedPresence[] {
    const window = this.presenceWindow;
    if (!window || this.time < window.from) return [];
    const latest = new Map(window.present.map((sample) => [sample.client, sample]));
    for (const sample of window.samples) {
      if (sample.at > this.time) break;
      latest.set(sample.client, sample);
    }
    return [...latest.values()].filter((sample) => sample.state !== null);
  }

  /** Names by person id, from the notes' authors and the people seen present, for who did what. */
  names(): Map<string, string> {
    const names = new Map(this.presenceNames);
    for (const note of listNotes(this.latestContent)) names.set(note.authorId, note.authorName);
    return names;
  }

  private async readAheadNow(): Promise<void> {
    const content = this.replay.content;
    if (aheadCount(content) < READ_AHEAD && content.seq + aheadCount(content) < content.endSeq) {
      this.takeLog(await this.api.log({ content: content.seq + aheadCount(content) }, PAGE));
    }
    const window = this.presenceWindow;
    if (!window || this.time + PRESENCE_AHEAD_MS / 2 > window.to)
      await this.readPresenceAround(this.time, true);
  }

  private async readPresenceAround(t: number, force = false): Promise<void> {
    const window = this.presenceWindow;
    if (!force && window && window.from <= t && t <= window.to) return;
    this.presenceWindow = await this.api.presence(t, t + PRESENCE_AHEAD_MS);
    for (const sample of [...this.presenceWindow.present, ...this.presenceWindow.samples]) {
      const user = sample.state?.user as { id?: unknown; name?: unknown } | undefined;
      if (typeof user?.id === 'string' && typeof user.name === 'string')
        this.presenceNames.set(user.id, user.name);
    }
  }

  private async readWholeControlLog(): Promise<RecordingLog> {
    const entries = [];
    let after = 0;
    for (;;) {
      const page = await this.api.log({ control: after });
      const control = page.control ?? { entries: [], more: false };
      entries.push(...control.entries);
      after = control.entries.at(-1)?.seq ?? after;
      if (!control.more) return { control: { entries, more: false }, now: page.now };
    }
  }

  private takeLog(log: RecordingLog): void {
    if (log.content) this.replay.content.add(log.content.entries);
    if (log.control) this.replay.control.add(log.control.entries);
    for (const [room, part] of [
      [this.replay.content, log.content],
      [this.replay.control, log.control],
    ] as const) {
      if (part && !part.more) room.setEnd(part.entries.at(-1)?.seq ?? room.endSeq, log.now);
    }
  }

  private refreshEvents(): void {
    const control = controlEvents(this.replay.control.loaded);
    this.events = sortEvents(control, contentEvents(this.latestContent, this.latestControl));
    this.segments = phaseSegments(control, this.end);
  }
}

/** How many entries after the current position are loaded, in a row. */
function aheadCount(room: RoomTimeline): number {
  let count = 0;
  const loaded = room.loaded;
  let index = loaded.findIndex((entry) => entry.seq === room.seq + 1);
  if (index < 0) return 0;
  while (loaded[index]?.seq === room.seq + 1 + count) {
    count++;
    index++;
  }
  return count;
}
