import { boardEvent, type CursorMoveDetail } from '../core/board-events.ts';
import type { Point } from '../core/viewport.ts';
import { throttle } from '../ui/throttle.ts';

/** Cursor positions go out at most 20 times a second. */
const CURSOR_INTERVAL_MS = 50;

/** Fires `cursor-move` from `target` as the pointer moves over the board: throttled, and at once when it leaves. */
export class CursorPublisher {
  private readonly publish = throttle((cursor: Point | null) => {
    this.target.dispatchEvent(boardEvent<CursorMoveDetail>('cursor-move', { cursor }));
  }, CURSOR_INTERVAL_MS);

  constructor(private readonly target: EventTarget) {}

  /** The pointer is at board point `point`, or left the board (null). */
  moved(point: Point | null): void {
    if (point) {
      this.publish(point);
      return;
    }
    this.publish.cancel();
    this.target.dispatchEvent(boardEvent<CursorMoveDetail>('cursor-move', { cursor: null }));
  }

  cancel(): void {
    this.publish.cancel();
  }
}
