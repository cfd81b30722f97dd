import * as Y from 'yjs';
import { BoardFrameTimeline } from './board-frame-timeline.ts';
import { LoggedTimeline, type Move, type TimelineCheckpoint } from './logged-timeline.ts';

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
export type Checkpoint = TimelineCheckpoint<Uint8Array>;

/** A seek applies at most this many logged updates after its checkpoint; farther ones need a nearer checkpoint. */
export const MAX_UPDATES_PER_SEEK = 2000;
/** Applying this many updates costs about as much as decoding a whole state into a new document. */
const REBUILD_COST = 200;

/** A room's recording as Yjs updates and states: the control room's, a few hundred updates at most. */
export class RoomTimeline extends LoggedTimeline<RecordedUpdate, Uint8Array> {
  private current = new Y.Doc();

  constructor() {
    super(REBUILD_COST, MAX_UPDATES_PER_SEEK);
  }

  /** The room's document at the position shown. Replaced by a new one when a move rebuilds it. */
  get doc(): Y.Doc {
    return this.current;
  }

  protected rebuild(state: Uint8Array | null, entries: readonly RecordedUpdate[]): void {
    const doc = new Y.Doc();
    doc.transact(() => {
      if (state) Y.applyUpdate(doc, state);
      for (const entry of entries) Y.applyUpdate(doc, entry.update);
    });
    this.current = doc;
  }

  protected applyForward(entries: readonly RecordedUpdate[]): void {
    this.current.transact(() => {
      for (const entry of entries) Y.applyUpdate(this.current, entry.update);
    });
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
