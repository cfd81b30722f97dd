import {
  applyFrame,
  applyFrameToDoc,
  type BoardFrame,
  type BoardState,
  boardDocFromState,
  copyBoardState,
  emptyBoardState,
} from '@kompas/model';
import type * as Y from 'yjs';
import { LoggedTimeline, type TimelineCheckpoint } from './logged-timeline.ts';

/** The board at a log position, in plain values: where a seek starts from. */
export type BoardCheckpoint = TimelineCheckpoint<BoardState>;

/** A move applies at most this many frames; farther ones rebuild from a checkpoint. */
const MAX_FRAMES_PER_MOVE = 2000;

/**
 * The board room in a replay: frames (what each logged update changed, in plain values) and plain states as
 * checkpoints. Moving forward applies frames to the shown document, so the board animates the changes; a
 * rebuild costs as little as the board is big, however long the session, so going forward is always taken
 * when the frames are loaded.
 */
export class BoardFrameTimeline extends LoggedTimeline<BoardFrame, BoardState> {
  constructor() {
    super(Number.POSITIVE_INFINITY, MAX_FRAMES_PER_MOVE);
  }

  protected build(state: BoardState | null, frames: readonly BoardFrame[]): Y.Doc {
    const built = state ? copyBoardState(state) : emptyBoardState();
    for (const frame of frames) applyFrame(built, frame);
    return boardDocFromState(built);
  }

  protected applyForward(doc: Y.Doc, frames: readonly BoardFrame[]): void {
    for (const frame of frames) applyFrameToDoc(doc, frame);
  }
}
