import { indexOfSeq, type Logged, lastIndexAtOrBefore, mergeLogged } from '@kompas/model';

/** How a timeline moved to a position: by applying the items in between to what is shown, or from scratch. */
export type Move = 'forward' | 'rebuilt';

/** A whole state at a log position: where seeking starts from. */
export interface TimelineCheckpoint<State> {
  seq: number;
  state: State;
}

/** Checkpoints kept per timeline; the oldest added is dropped first (the server can always send another). */
const MAX_CHECKPOINTS = 64;

/**
 * A room's recording as far as it is loaded, in a replay: logged items (any runs of them, in order) and
 * checkpoints. It shows the room at one position and moves it to another: forward by applying the items in
 * between to what is shown (the board animates the changes), or by rebuilding from the nearest checkpoint at
 * or before the target (the empty room at 0 is always one).
 *
 * What an item and a state are, how they are applied and what shows them is the subclass's: Yjs updates and
 * states into a document for the control room, plain frames and board states into a note source for the
 * board room. A subclass starts out showing the empty room.
 */
export abstract class LoggedTimeline<Item extends Logged, State> {
  private items: Item[] = [];
  private checkpoints: TimelineCheckpoint<State>[] = [];
  private currentSeq = 0;
  /** The log is known to hold nothing after `seq` up to server time `at`. */
  private end: { seq: number; at: number } | null = null;

  /**
   * `rebuildCost`: how many items applied forward cost about as much as rebuilding from a checkpoint; a move
   * goes forward unless a checkpoint is that much nearer. Subclasses set their fields before `build` runs
   * here only if `build` needs none.
   */
  protected constructor(
    private readonly rebuildCost: number,
    /** Items one move applies at most unless told otherwise. */
    private readonly maxPerMove: number,
  ) {}

  /** Shows the state `state` (null: the empty room) with `items` applied after it. */
  protected abstract rebuild(state: State | null, items: readonly Item[]): void;

  /** Applies `items`, in order, to what is shown. */
  protected abstract applyForward(items: readonly Item[]): void;

  get seq(): number {
    return this.currentSeq;
  }

  /** The loaded items, oldest first. */
  get loaded(): readonly Item[] {
    return this.items;
  }

  /** Adds logged items (in any order; ones already loaded are ignored). */
  add(items: readonly Item[]): void {
    this.items = mergeLogged(this.items, items);
  }

  addCheckpoint(checkpoint: TimelineCheckpoint<State>): void {
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
    return Math.max(this.end?.seq ?? 0, this.items.at(-1)?.seq ?? 0);
  }

  /**
   * The log position current at time `t`: that of the last item logged at or before `t`. Null when the
   * loaded items cannot tell (the items around `t` are not loaded).
   */
  seqAt(t: number): number | null {
    const index = lastIndexAtOrBefore(this.items, t);
    if (index < 0)
      return this.items[0]?.seq === 1 || (this.items.length === 0 && this.end?.seq === 0) ? 0 : null;
    const item = this.items[index] as Item;
    const next = this.items[index + 1];
    if (next?.seq === item.seq + 1) return item.seq;
    if (this.end && item.seq === this.end.seq && t <= this.end.at) return item.seq;
    return null;
  }

  /** The loaded item right after the current position, if any: what playing applies next. */
  nextItem(): Item | undefined {
    const index = indexOfSeq(this.items, this.currentSeq + 1);
    return index < 0 ? undefined : this.items[index];
  }

  /** Whether moveTo(seq, maxItems) would get there. */
  canReach(seq: number, maxItems = this.maxPerMove): boolean {
    return this.plan(seq, maxItems) !== null;
  }

  /**
   * Moves what is shown to log position `seq`, applying at most `maxItems` logged items. Returns how it moved,
   * or null (nothing changed) when the loaded items and checkpoints cannot get there.
   */
  moveTo(seq: number, maxItems = this.maxPerMove): Move | null {
    const plan = this.plan(seq, maxItems);
    if (!plan) return null;
    if (plan === 'forward') {
      this.applyForward(this.run(this.currentSeq, seq));
    } else {
      this.rebuild(plan.state, this.run(plan.seq, seq));
    }
    this.currentSeq = seq;
    return plan === 'forward' ? 'forward' : 'rebuilt';
  }

  /** Shows a whole state built elsewhere (the server's, for a seek), and keeps it as a checkpoint. */
  resetTo(checkpoint: TimelineCheckpoint<State>): void {
    this.addCheckpoint(checkpoint);
    this.rebuild(checkpoint.state, []);
    this.currentSeq = checkpoint.seq;
  }

  /** Forward from the current position when that is near enough, else the best start to rebuild from. */
  private plan(seq: number, maxItems: number): 'forward' | TimelineCheckpoint<State | null> | null {
    const ahead = seq - this.currentSeq;
    const canGoForward = ahead >= 0 && ahead <= maxItems && this.hasRun(this.currentSeq, seq);
    const start = this.startFor(seq, maxItems);
    if (canGoForward && (!start || ahead <= seq - start.seq + this.rebuildCost)) return 'forward';
    return start;
  }

  /** The checkpoint (or the empty start) nearest before `seq` from which the loaded items reach it. */
  private startFor(seq: number, maxItems: number): TimelineCheckpoint<State | null> | null {
    let best: TimelineCheckpoint<State | null> | null =
      seq <= maxItems && this.hasRun(0, seq) ? { seq: 0, state: null } : null;
    for (const checkpoint of this.checkpoints) {
      if (checkpoint.seq > seq || (best && checkpoint.seq <= best.seq)) continue;
      if (seq - checkpoint.seq <= maxItems && this.hasRun(checkpoint.seq, seq)) best = checkpoint;
    }
    return best;
  }

  /** Whether every item after `from` up to and including `to` is loaded. */
  private hasRun(from: number, to: number): boolean {
    if (to <= from) return true;
    const first = indexOfSeq(this.items, from + 1);
    return first >= 0 && this.items[first + (to - from - 1)]?.seq === to;
  }

  private run(from: number, to: number): Item[] {
    if (to <= from) return [];
    const first = indexOfSeq(this.items, from + 1);
    return this.items.slice(first, first + (to - from));
  }
}
