import { type BoardEvent, listMeetings, type Meeting, readRounds } from '@kompas/model';
import type * as Y from 'yjs';
import type {
  RecordedFrames,
  RecordedPresence,
  RecordedPresenceWindow,
  RecordingApi,
  RecordingLog,
} from './replay-api.ts';
import { BoardReplay } from './replay-engine.ts';
import {
  contentEvents,
  controlEvents,
  type PhaseSegment,
  phaseSegments,
  type ReplayEvent,
  sortEvents,
} from './replay-events.ts';
import type { ReplayNoteSource } from './replay-note-source.ts';

/** Content entries fetched per request while playing. */
const PAGE = 2000;
/** Playing asks for more entries once fewer than this many are loaded ahead. */
const READ_AHEAD = 500;
/** Presence is read this far ahead of the time shown. */
export const PRESENCE_AHEAD_MS = 30 * 1000;

/**
 * A board's recording as a replay shows it: opens it (the session's span, its events and phases, the board at
 * the start), seeks (from what is loaded when it can, else from a state the server builds at that time), plays
 * forward on what is shown, and follows a session that is still going on.
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
  /** Notes added and votes placed, as the server found them. */
  private boardEvents: BoardEvent[] = [];
  private presenceWindow: RecordedPresenceWindow | null = null;
  /** Names seen in presence so far, by person id. */
  private readonly presenceNames = new Map<string, string>();
  private readingAhead: Promise<void> | null = null;

  constructor(private readonly api: RecordingApi) {}

  /** The board room shown: its notes, votes and title, in plain values. */
  get board(): ReplayNoteSource {
    return this.replay.content.board;
  }

  get controlDoc(): Y.Doc {
    return this.replay.control.doc;
  }

  /** The meetings started by the time shown: the last one is the meeting shown. */
  meetings(): Meeting[] {
    return listMeetings(this.controlDoc);
  }

  /** Reads the recording's span, its events and the board at its start. */
  async open(): Promise<void> {
    // The board at the very start (an empty room) gives the board room's span without sending its notes.
    const [first, control, events] = await Promise.all([
      this.api.board(0),
      this.readWholeControlLog(),
      this.api.events(),
    ]);
    const controlEntries = control.control?.entries ?? [];
    this.boardEvents = events;
    this.takeLog(control);
    const starts = [first.start, controlEntries[0]?.at].filter((time) => typeof time === 'number');
    const ends = [first.end, controlEntries.at(-1)?.at].filter((time) => typeof time === 'number');
    this.start = starts.length > 0 ? Math.min(...starts) : first.now;
    this.end = Math.max(...ends, this.start);
    this.replay.content.setEnd(first.endSeq, first.now);
    this.refreshEvents();
    await this.seek(this.start);
  }

  /** Shows time `t`; says whether it came from what was loaded or from the server. */
  async seek(t: number): Promise<'local' | 'server'> {
    const time = Math.min(Math.max(t, this.start), this.end);
    this.time = time;
    let from: 'local' | 'server' = 'local';
    // Presence is read while the board is: they are independent.
    const presence = this.readPresenceAround(time);
    if (!this.replay.seek(time)) {
      from = 'server';
      const [board, state] = await Promise.all([this.api.board(time), this.api.state(time, true)]);
      this.replay.content.resetTo({ seq: board.seq, state: board.state });
      if (state.control) this.replay.control.resetTo(state.control);
      else this.replay.control.moveTo(0, 0);
    }
    this.showRounds();
    await presence;
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
    this.showRounds();
    return true;
  }

  /** The notes shown as the board showed them then: in the round the group was in at the time shown. */
  private showRounds(): void {
    this.board.showRounds(readRounds(this.controlDoc));
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
    const [log, frames] = await Promise.all([
      this.api.log({ control: this.replay.control.endSeq }),
      this.api.frames(this.replay.content.endSeq),
    ]);
    const news = [...frames.frames, ...(log.control?.entries ?? [])];
    this.takeLog(log);
    this.takeFrames(frames);
    if (frames.frames.length > 0) this.boardEvents = await this.api.events();
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
    for (const event of this.boardEvents) if (event.name) names.set(event.actor, event.name);
    return names;
  }

  private async readAheadNow(): Promise<void> {
    const content = this.replay.content;
    if (aheadCount(content) < READ_AHEAD && content.seq + aheadCount(content) < content.endSeq) {
      this.takeFrames(await this.api.frames(content.seq + aheadCount(content), PAGE));
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

  /** Takes control room entries; the board room comes as frames (takeFrames). */
  private takeLog(log: RecordingLog): void {
    const part = log.control;
    if (!part) return;
    const room = this.replay.control;
    room.add(part.entries);
    if (!part.more) room.setEnd(part.entries.at(-1)?.seq ?? room.endSeq, log.now);
  }

  private takeFrames({ frames, more, now }: RecordedFrames): void {
    const room = this.replay.content;
    room.add(frames);
    if (!more) room.setEnd(frames.at(-1)?.seq ?? room.endSeq, now);
  }

  private refreshEvents(): void {
    const control = controlEvents(this.replay.control.loaded);
    this.events = sortEvents(control, contentEvents(this.boardEvents));
    this.segments = phaseSegments(control, this.end);
  }
}

/** How many entries after the current position are loaded, in a row. */
function aheadCount(room: { readonly loaded: readonly { seq: number }[]; readonly seq: number }): number {
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
