import { distance, type Point } from '../core/viewport.ts';

/**
 * Recognises a double tap (or double click) from single taps, for mouse, pen and touch alike:
 * browsers do not fire `dblclick` for touch.
 */
export class DoubleTapDetector {
  private last: { point: Point; time: number } | null = null;

  constructor(
    private readonly maxDelayMs = 350,
    private readonly maxDistancePx = 12,
  ) {}

  /**
   * Records a tap; true when it completes a double tap (which then starts over). `maxDistancePx` widens the
   * distance allowed between the two taps, for a finger.
   */
  tap(point: Point, time: number, maxDistancePx = this.maxDistancePx): boolean {
    const last = this.last;
    if (last && time - last.time <= this.maxDelayMs && distance(last.point, point) <= maxDistancePx) {
      this.last = null;
      return true;
    }
    this.last = { point, time };
    return false;
  }

  reset(): void {
    this.last = null;
  }
}
