import { indexOfSeq, lastIndexAtOrBefore, mergeLogged } from '@kompas/model';
import * as Y from 'yjs';
import { BoardFrameTimeline } from './board-frame-timeline.ts';

/** One logged update of a room, as the server recorded it. */
export interface RecordedUpdate {
  /** Log position: 1, 2, 3, ... per room. */
  seq: number;
  /** Server time it was received, milliseconds since the epoch. */
  at: number;
  /** Role and connection id of whoever sent it. */
  actor: string;
  update: Uint8Array;
}

/** The whole state of a room at log position `seq`, as one Yjs update; where seeking starts from. */
export interface Checkpoint {
  seq: number;
  state: Uint8Array;
}

/** How a room moved to a position: by applying the updates in between to the same document, or from scratch. */
export type Move = 'forward' | 'rebuilt';

/** A seek applies at most this many logged updates after its checkpoint; farther ones need a nearer checkpoint. */
export const MAX_UPDATES_PER_SEEK = 2000;
/** Applying this many updates costs about as much as decoding a whole state into a new document. */
const REBUILD_COST = 200;
/** Checkpoints kept per room; the oldest added is dropped first (the server can always build another). */
const MAX_CHECKPOINTS = 64;

/**
 * One room's recording as far as it is loaded: log entries (any runs of them, in order) and checkpoints. It
 * holds the room's document at one position and moves it to another: forward by applying the updates in
 * between, or from the nearest checkpoint at or before the target (the empty room at 0 is always one).
 */
export class RoomTimeline {
  private entries: RecordedUpdate[] = [];
  private checkpoints: Checkpoint[] = [];
  private current = new Y.Doc();
  private currentSeq = 0;
  /** The log is known to hold nothing after `seq` up to server time `at`. */
  private end: { seq: number; at: number } | null = null;

  /** The room's document at `seq`. Replaced by a new one when a move rebuilds it. */
  get doc(): Y.Doc {
    return this.current;
  }

  get seq(): number {
    return this.currentSeq;
  }

  /** The loaded entries, oldest first. */
  get loaded(): readonly RecordedUpdate[] {
    return this.entries;
  }

  /** Adds logged entries (in any order; ones already loaded are ignored). */
  add(entries: readonly RecordedUpdate[]): void {
    this.entries = mergeLogged(this.entries, entries);
  }

  addCheckpoint(checkpoint: Checkpoint): void {
    if (this.checkpoints.some((known) => known.seq === checkpoint.seq)) return;
    this.checkpoints.push(checkpoint);
    if (this.checkpoints.length > MAX_CHECKPOINTS) this.checkpoints.shift();
  }

  /** Tells the timeline the log held nothing after `seq` when the server looked at time `at`. */
  setEnd(seq: number, at: number): void {
    if (!this.end || seq > this.end.seq || (seq === this.end.seq && at > this.end.at)) this.end = { seq, at };
  }

  /** The last position the server is known to have logged. */
  get endSeq(): number {
    return Math.max(this.end?.seq ?? 0, this.entries.at(-1)?.seq ?? 0);
  }

  /**
   * The log position current at time `t`: that of the last update received at or before `t`. Null when the
   * loaded entries cannot tell (the entries around `t` are not loaded).
   */
  seqAt(t: number): number | null {
    const index = lastIndexAtOrBefore(this.entries, t);
    if (index < 0)
      return this.entries[0]?.seq === 1 || (this.entries.length === 0 && this.end?.seq === 0) ? 0 : null;
    const entry = this.entries[index] as RecordedUpdate;
    const next = this.entries[index + 1];
    if (next?.seq === entry.seq + 1) return entry.seq;
    if (this.end && entry.seq === this.end.seq && t <= this.end.at) return entry.seq;
    return null;
  }

  /** The loaded entry right after the current position, if any: what playing applies next. */
  nextEntry(): RecordedUpdate | undefined {
    const index = indexOfSeq(this.entries, this.currentSeq + 1);
    return index < 0 ? undefined : this.entries[index];
  }

  /** Whether moveTo(seq, maxUpdates) would get there. */
  canReach(seq: number, maxUpdates = MAX_UPDATES_PER_SEEK): boolean {
    return this.plan(seq, maxUpdates) !== null;
  }

  /**
   * Moves the document to log position `seq`, applying at most `maxUpdates` logged updates. Returns how it
   * moved, or null (nothing changed) when the loaded entries and checkpoints cannot get there.
   */
  moveTo(seq: number, maxUpdates = MAX_UPDATES_PER_SEEK): Move | null {
    const plan = this.plan(seq, maxUpdates);
    if (!plan) return null;
    const doc = plan === 'forward' ? this.current : new Y.Doc();
    const from = plan === 'forward' ? this.currentSeq : plan.seq;
    doc.transact(() => {
      if (plan !== 'forward' && plan.state) Y.applyUpdate(doc, plan.state);
      for (const entry of this.run(from, seq)) Y.applyUpdate(doc, entry.update);
    });
    this.current = doc;
    this.currentSeq = seq;
    return plan === 'forward' ? 'forward' : 'rebuilt';
  }

  /** Forward from the current position when that is near enough, else the best start to rebuild from. */
  private plan(
    seq: number,
    maxUpdates: number,
  ): 'forward' | { seq: number; state: Uint8Array | null } | null {
    const ahead = seq - this.currentSeq;
    const canGoForward = ahead >= 0 && ahead <= maxUpdates && this.hasRun(this.currentSeq, seq);
    const start = this.startFor(seq, maxUpdates);
    // Going forward keeps the document (the board animates the changes); rebuilding pays off from farther away.
    if (canGoForward && (!start || ahead <= seq - start.seq + REBUILD_COST)) return 'forward';
    return start;
  }

  /** Sets the document to a whole state built elsewhere (the server's, for a seek), and keeps it as a checkpoint. */
  resetTo(checkpoint: Checkpoint): void {
    this.addCheckpoint(checkpoint);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, checkpoint.state);
    this.current = doc;
    this.currentSeq = checkpoint.seq;
  }

  /** The checkpoint (or the empty start) nearest before `seq` from which the loaded entries reach it. */
  private startFor(seq: number, maxUpdates: number): { seq: number; state: Uint8Array | null } | null {
    let best: { seq: number; state: Uint8Array | null } | null =
      seq <= maxUpdates && this.hasRun(0, seq) ? { seq: 0, state: null } : null;
    for (const checkpoint of this.checkpoints) {
      if (checkpoint.seq > seq || (best && checkpoint.seq <= best.seq)) continue;
      if (seq - checkpoint.seq <= maxUpdates && this.hasRun(checkpoint.seq, seq)) best = checkpoint;
    }
    return best;
  }

  /** Whether every entry after `from` up to and including `to` is loaded. */
  private hasRun(from: number, to: number): boolean {
    if (to <= from) return true;
    const first = indexOfSeq(this.entries, from + 1);
    return first >= 0 && this.entries[first + (to - from - 1)]?.seq === to;
  }

  private run(from: number, to: number): RecordedUpdate[] {
    const first = indexOfSeq(this.entries, from + 1);
    return this.entries.slice(first, first + (to - from));
  }
}

/**
 * A board's two replayed rooms: the notes and votes (content, in plain frames: see BoardFrameTimeline) and the
 * facilitation (control, a few hundred Yjs updates at most).
 */
export class BoardReplay {
  readonly content = new BoardFrameTimeline();
  readonly control = new RoomTimeline();

  /**
   * Moves both rooms to time `t` from what is loaded. Returns how each moved, or null (nothing changed) when a
   * room cannot get there without a state from the server.
   */
  seek(t: number, maxUpdates = MAX_UPDATES_PER_SEEK): { content: Move; control: Move } | null {
    const contentSeq = this.content.seqAt(t);
    const controlSeq = this.control.seqAt(t);
    if (contentSeq === null || controlSeq === null) return null;
    if (!this.content.canReach(contentSeq, maxUpdates) || !this.control.canReach(controlSeq, maxUpdates)) {
      return null;
    }
    const content = this.content.moveTo(contentSeq, maxUpdates);
    const control = this.control.moveTo(controlSeq, maxUpdates);
    return content && control ? { content, control } : null;
  }
}
