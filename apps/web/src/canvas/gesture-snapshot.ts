import type { Size, Viewport } from '../core/viewport.ts';

/**
 * What a pan or zoom gesture shows instead of redrawing the notes: their layer's canvas keeps what was
 * drawn at the view the gesture began with, and a CSS transform moves and scales it to follow the view.
 * Redrawing a thousand notes takes far longer than a frame; moving a bitmap takes nothing.
 */
export class GestureSnapshot {
  readonly started = performance.now();

  /** `complete`: every note was on screen, so wherever the bitmap moves, no note is missing from it. */
  constructor(
    readonly base: Viewport,
    private readonly canvas: HTMLCanvasElement,
    private readonly complete: boolean,
  ) {
    canvas.style.transformOrigin = '0 0';
  }

  follow(view: Viewport): void {
    const { scale, x, y } = this.change(view);
    this.canvas.style.transform = `matrix(${scale}, 0, 0, ${scale}, ${x}, ${y})`;
  }

  /**
   * Whether the moved bitmap leaves notes out at `view`. Zooming in only enlarges it (blurred until the
   * gesture ends, which is fine); panning or zooming out uncovers screen it has nothing drawn for.
   */
  missesNotes(view: Viewport, size: Size): boolean {
    if (this.complete) return false;
    const { scale, x, y } = this.change(view);
    // Half a pixel of slack: a wheel zoom that returns to where it began lands a rounding error away.
    const slack = 0.5;
    return (
      x > slack ||
      y > slack ||
      x + scale * size.width < size.width - slack ||
      y + scale * size.height < size.height - slack
    );
  }

  /** Puts the canvas back in place, for the sharp redraw at the end of the gesture. */
  release(): void {
    this.canvas.style.transform = '';
  }

  /** The screen transform that takes the bitmap drawn at `base` to where `view` puts it. */
  private change(view: Viewport): Viewport {
    const scale = view.scale / this.base.scale;
    return { scale, x: view.x - scale * this.base.x, y: view.y - scale * this.base.y };
  }
}
