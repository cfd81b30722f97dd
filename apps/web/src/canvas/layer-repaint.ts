import type { Rect, Viewport } from '../core/viewport.ts';
import type * as Konva from '../ui/konva.ts';

/** More changed areas than this in one frame, and the whole layer is redrawn instead. */
const MAX_AREAS = 24;

/** What a repaint needs of the layer's owner: the view it is drawn at, and its nodes in an area. */
export interface RepaintSource {
  view(): Viewport;
  /** The groups whose drawing reaches into `area` (board units), bottom to top. */
  nodesIn(area: Rect): Iterable<Konva.Group>;
}

/**
 * Redraws a layer at most once a frame: wholly, or only where it changed. Raising, lifting or dropping one
 * note changes a note-sized spot, and redrawing the few notes there costs next to nothing, where redrawing
 * thousands of notes costs frames of a hundred milliseconds: a drag on a full board would stutter as it
 * begins and ends.
 */
export class LayerRepaint {
  private areas: Rect[] = [];
  private whole = false;
  private frame = 0;

  constructor(
    private readonly layer: Konva.Layer,
    private readonly source: RepaintSource,
  ) {}

  /** Redraws the whole layer in the next frame. */
  all(): void {
    this.whole = true;
    this.areas = [];
    this.schedule();
  }

  /** Redraws the parts of the layer within `areas` (board units) in the next frame. */
  parts(areas: readonly Rect[]): void {
    if (this.whole || areas.length === 0) return;
    this.areas.push(...areas);
    if (this.areas.length > MAX_AREAS) this.all();
    else this.schedule();
  }

  /** Redraws the whole layer at once, and forgets what was asked for. */
  now(): void {
    this.cancel();
    this.layer.draw();
  }

  /** Forgets what was asked for, e.g. while a gesture shows a bitmap of the layer that is redrawn after. */
  cancel(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.whole = false;
    this.areas = [];
  }

  private schedule(): void {
    this.frame ||= requestAnimationFrame(() => {
      const { whole, areas } = this;
      this.cancel();
      if (whole) this.layer.draw();
      else for (const area of areas) this.drawArea(area);
    });
  }

  /**
   * Clears the device pixels `area` covers and draws into them, clipped, the nodes that reach there, in
   * their order: the same pixels as a redraw of the whole layer, there.
   */
  private drawArea(area: Rect): void {
    const canvas = this.layer.getCanvas();
    const context = canvas.getContext()._context;
    const ratio = canvas.getPixelRatio();
    const view = this.source.view();
    // Whole device pixels, a pixel more on each side for smoothed edges.
    const left = Math.floor((view.x + area.x * view.scale) * ratio) - 1;
    const top = Math.floor((view.y + area.y * view.scale) * ratio) - 1;
    const right = Math.ceil((view.x + (area.x + area.width) * view.scale) * ratio) + 1;
    const bottom = Math.ceil((view.y + (area.y + area.height) * view.scale) * ratio) + 1;
    const pixels = { x: left, y: top, width: right - left, height: bottom - top };
    const drawing = context.getTransform();
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.beginPath();
    context.rect(pixels.x, pixels.y, pixels.width, pixels.height);
    context.clip();
    context.clearRect(pixels.x, pixels.y, pixels.width, pixels.height);
    context.setTransform(drawing);
    const unit = view.scale * ratio;
    const cleared = {
      x: (pixels.x / ratio - view.x) / view.scale,
      y: (pixels.y / ratio - view.y) / view.scale,
      width: pixels.width / unit,
      height: pixels.height / unit,
    };
    for (const node of this.source.nodesIn(cleared)) node.drawScene(canvas);
    context.restore();
  }
}
