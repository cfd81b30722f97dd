import { applyFrame, type BoardFrame, type BoardState, copyBoardState, emptyBoardState } from '@kompas/model';
import { LoggedTimeline, type TimelineCheckpoint } from './logged-timeline.ts';
import { ReplayNoteSource } from './replay-note-source.ts';

/** The board at a log position, in plain values: where a seek starts from. */
export type BoardCheckpoint = TimelineCheckpoint<BoardState>;

/** A move applies at most this many frames; farther ones rebuild from a checkpoint. */
const MAX_FRAMES_PER_MOVE = 2000;

/**
 * The board room in a replay: frames (what each logged update changed, in plain values) and plain states as
 * checkpoints, played straight into the board shown (a ReplayNoteSource). Moving forward applies frames to
 * it, so the board animates the changes; a rebuild costs as little as the board is big, however long the
 * session, so going forward is always taken when the frames are loaded.
 */
export class BoardFrameTimeline extends LoggedTimeline<BoardFrame, BoardState> {
  readonly board = new ReplayNoteSource();

  constructor() {
    super(Number.POSITIVE_INFINITY, MAX_FRAMES_PER_MOVE);
  }

  protected rebuild(state: BoardState | null, frames: readonly BoardFrame[]): void {
    const built = state ? copyBoardState(state) : emptyBoardState();
    for (const frame of frames) applyFrame(built, frame);
    this.board.show(built);
  }

  protected applyForward(frames: readonly BoardFrame[]): void {
    this.board.apply(frames);
  }
}
