import type { Viewport } from '../core/viewport.ts';
import type * as Konva from '../ui/konva.ts';

/** Moves and scales a layer's drawing to a view, when it is not there already. */
export function placeLayer(layer: Konva.Layer, { x, y, scale }: Viewport): void {
  if (layer.x() === x && layer.y() === y && layer.scaleX() === scale) return;
  layer.setAttrs({ x, y, scaleX: scale, scaleY: scale });
}
