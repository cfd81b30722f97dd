import {
  applyFrame,
  type BoardEvent,
  type BoardFrame,
  type BoardState,
  copyBoardState,
  emptyBoardState,
  frameEvents,
  getBoardMeta,
  getNote,
  isVoteEntryValid,
  lastIndexAtOrBefore,
  observeBoardMeta,
  observeNotes,
  votesType,
} from '@kompas/model';
import type { Storage } from '@kompas/relay';
import * as Y from 'yjs';

/** A full state is kept every this many frames, so a state at any time applies fewer frames than this. */
export const KEYFRAME_EVERY = 1000;
/** Log entries read per storage call while indexing. */
const READ_PAGE = 5000;
/** Entries indexed between two turns of the event loop (tens of milliseconds). */
const SLICE = 250;

/**
 * A board room's recording as frames: the room's log replayed once, in order, into a document, noting after
 * each update what it changed as plain values. The state at any time is then the nearest keyframe plus at
 * most KEYFRAME_EVERY frames of plain values. Built on first use and extended with what was logged since,
 * so a board can be replayed while its workshop goes on.
 */
export class BoardTimeline {
  readonly frames: BoardFrame[] = [];
  /** Notes added and votes placed, in log order. */
  readonly events: BoardEvent[] = [];
  private readonly doc = new Y.Doc();
  private readonly keyframes: { index: number; state: BoardState }[] = [];
  private state: BoardState = emptyBoardState();
  private extending: Promise<void> | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly room: string,
  ) {}

  /** The log position indexed so far. */
  get seq(): number {
    return this.frames.at(-1)?.seq ?? 0;
  }

  /** Indexes what was logged since the last call; calls while one runs share it. */
  extend(): Promise<void> {
    this.extending ??= this.readNew().finally(() => {
      this.extending = null;
    });
    return this.extending;
  }

  /** The room at time `t` (after every update logged at or before it) and that update's position. */
  stateAt(t: number): { seq: number; state: BoardState } {
    const index = lastIndexAtOrBefore(this.frames, t);
    if (index < 0) return { seq: 0, state: emptyBoardState() };
    let base: { index: number; state: BoardState } = {
      index: -1,
      state: emptyBoardState(),
    };
    for (const keyframe of this.keyframes) {
      if (keyframe.index > index) break;
      base = keyframe;
    }
    const state = copyBoardState(base.state);
    for (let i = base.index + 1; i <= index; i++) applyFrame(state, this.frames[i] as BoardFrame);
    return { seq: (this.frames[index] as BoardFrame).seq, state };
  }

  /** Frames after log position `after`, at most `limit`. */
  framesAfter(after: number, limit: number): BoardFrame[] {
    let low = 0;
    let high = this.frames.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.frames[middle] as BoardFrame).seq <= after) low = middle + 1;
      else high = middle;
    }
    return this.frames.slice(low, low + limit);
  }

  /** Indexes in slices, giving the event loop back in between, so live workshops on the server never wait long. */
  private async readNew(): Promise<void> {
    for (;;) {
      const entries = await this.storage.readLog(this.room, { after: this.seq, limit: READ_PAGE });
      for (const [index, entry] of entries.entries()) {
        this.index(entry.seq, entry.at, entry.actor, entry.update);
        if (index % SLICE === SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
      }
      if (entries.length < READ_PAGE) return;
    }
  }

  private index(seq: number, at: number, actor: string, update: Uint8Array): void {
    const doc = this.doc;
    const changedNotes = new Set<string>();
    const changedVotes = new Set<string>();
    let metaChanged = false;
    const stopNotes = observeNotes(doc, (ids) => {
      for (const id of ids) changedNotes.add(id);
    });
    const stopMeta = observeBoardMeta(doc, () => {
      metaChanged = true;
    });
    const votes = votesType(doc);
    const onVotes = (event: Y.YMapEvent<unknown>): void => {
      for (const key of event.keysChanged) changedVotes.add(key);
    };
    votes.observe(onVotes);
    try {
      Y.applyUpdate(doc, update);
    } finally {
      stopNotes();
      stopMeta();
      votes.unobserve(onVotes);
    }
    const frame: BoardFrame = { seq, at, actor, notes: {}, votes: {} };
    for (const id of changedNotes) frame.notes[id] = getNote(doc, id) ?? null;
    for (const id of changedVotes) {
      frame.votes[id] = votes.has(id) && isVoteEntryValid(doc, id) ? votes.get(id) : null;
    }
    if (metaChanged) frame.meta = getBoardMeta(doc) ?? null;
    this.frames.push(frame);
    this.events.push(...frameEvents(this.state, frame));
    applyFrame(this.state, frame);
    if (this.frames.length % KEYFRAME_EVERY === 0) {
      this.keyframes.push({ index: this.frames.length - 1, state: copyBoardState(this.state) });
    }
  }
}

/** Timelines of the boards replayed lately, kept in memory; the least recently used is dropped first. */
export class BoardTimelines {
  private readonly timelines = new Map<string, BoardTimeline>();

  constructor(
    private readonly storage: Storage,
    private readonly capacity = 8,
  ) {}

  /** The board room's timeline, extended with everything logged so far. */
  async get(room: string): Promise<BoardTimeline> {
    let timeline = this.timelines.get(room);
    if (timeline) this.timelines.delete(room);
    else timeline = new BoardTimeline(this.storage, room);
    this.timelines.set(room, timeline);
    for (const old of this.timelines.keys()) {
      if (this.timelines.size <= this.capacity) break;
      this.timelines.delete(old);
    }
    await timeline.extend();
    return timeline;
  }
}
