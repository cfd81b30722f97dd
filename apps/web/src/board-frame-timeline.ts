import {
  applyFrame,
  applyFrameToDoc,
  type BoardFrame,
  type BoardState,
  boardDocFromState,
  copyBoardState,
  emptyBoardState,
  indexOfSeq,
  lastIndexAtOrBefore,
  mergeLogged,
} from '@kompas/model';
import type * as Y from 'yjs';
import type { Move } from './replay-engine.ts';

/** The board at a log position, in plain values: where a seek starts from. */
export interface BoardCheckpoint {
  seq: number;
  state: BoardState;
}

/** Checkpoints kept; the oldest added is dropped first (the server can always send another). */
const MAX_CHECKPOINTS = 64;

/**
 * The board room in a replay, as far as it is loaded: frames (what each logged update changed, in plain
 * values, any runs of them in order) and checkpoints (plain states at positions). It shows the board at one
 * position in a document of its own, moved forward frame by frame (so the board animates the changes) or
 * rebuilt from the nearest checkpoint, which costs as little as the board is big, however long the session.
 */
export class BoardFrameTimeline {
  private frames: BoardFrame[] = [];
  private checkpoints: BoardCheckpoint[] = [{ seq: 0, state: emptyBoardState() }];
  private current: Y.Doc = boardDocFromState(emptyBoardState());
  private currentSeq = 0;
  /** The log is known to hold nothing after `seq` up to server time `at`. */
  private end: { seq: number; at: number } | null = null;

  /** The board at `seq`. Replaced by a new document when a move rebuilds it. */
  get doc(): Y.Doc {
    return this.current;
  }

  get seq(): number {
    return this.currentSeq;
  }

  get loaded(): readonly BoardFrame[] {
    return this.frames;
  }

  /** Adds frames (in any order; ones already loaded are ignored). */
  add(frames: readonly BoardFrame[]): void {
    this.frames = mergeLogged(this.frames, frames);
  }

  addCheckpoint(checkpoint: BoardCheckpoint): void {
    if (this.checkpoints.some((known) => known.seq === checkpoint.seq)) return;
    this.checkpoints.push(checkpoint);
    if (this.checkpoints.length > MAX_CHECKPOINTS) this.checkpoints.splice(1, 1);
  }

  setEnd(seq: number, at: number): void {
    if (!this.end || seq > this.end.seq || (seq === this.end.seq && at > this.end.at)) this.end = { seq, at };
  }

  get endSeq(): number {
    return Math.max(this.end?.seq ?? 0, this.frames.at(-1)?.seq ?? 0);
  }

  /** The position current at time `t`, or null when the loaded frames cannot tell. */
  seqAt(t: number): number | null {
    const index = lastIndexAtOrBefore(this.frames, t);
    if (index < 0) {
      return this.frames[0]?.seq === 1 || (this.frames.length === 0 && this.end?.seq === 0) ? 0 : null;
    }
    const frame = this.frames[index] as BoardFrame;
    const next = this.frames[index + 1];
    if (next?.seq === frame.seq + 1) return frame.seq;
    if (this.end && frame.seq === this.end.seq && t <= this.end.at) return frame.seq;
    return null;
  }

  canReach(seq: number, maxFrames: number): boolean {
    return this.plan(seq, maxFrames) !== null;
  }

  /** Moves to position `seq` applying at most `maxFrames` frames; null (nothing changed) when it cannot. */
  moveTo(seq: number, maxFrames: number): Move | null {
    const plan = this.plan(seq, maxFrames);
    if (!plan) return null;
    if (plan === 'forward') {
      for (const frame of this.run(this.currentSeq, seq)) applyFrameToDoc(this.current, frame);
      this.currentSeq = seq;
      return 'forward';
    }
    const state = copyBoardState(plan.state);
    for (const frame of this.run(plan.seq, seq)) applyFrame(state, frame);
    this.current = boardDocFromState(state);
    this.currentSeq = seq;
    return 'rebuilt';
  }

  /** Shows a state sent by the server for a seek, and keeps it as a checkpoint. */
  resetTo(checkpoint: BoardCheckpoint): void {
    this.addCheckpoint(checkpoint);
    this.current = boardDocFromState(checkpoint.state);
    this.currentSeq = checkpoint.seq;
  }

  private plan(seq: number, maxFrames: number): 'forward' | BoardCheckpoint | null {
    const ahead = seq - this.currentSeq;
    if (ahead >= 0 && ahead <= maxFrames && this.hasRun(this.currentSeq, seq)) return 'forward';
    let best: BoardCheckpoint | null = null;
    for (const checkpoint of this.checkpoints) {
      if (checkpoint.seq > seq || (best && checkpoint.seq <= best.seq)) continue;
      if (seq - checkpoint.seq <= maxFrames && this.hasRun(checkpoint.seq, seq)) best = checkpoint;
    }
    return best;
  }

  private hasRun(from: number, to: number): boolean {
    if (to <= from) return true;
    const first = indexOfSeq(this.frames, from + 1);
    return first >= 0 && this.frames[first + (to - from - 1)]?.seq === to;
  }

  private run(from: number, to: number): BoardFrame[] {
    if (to <= from) return [];
    const first = indexOfSeq(this.frames, from + 1);
    return this.frames.slice(first, first + (to - from));
  }
}
