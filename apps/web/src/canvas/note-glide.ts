import type { NoteView } from '../notes/note-view.ts';
import * as Konva from '../ui/konva.ts';

/**
 * Moves a note's drawing on `layer` back to where the document has it over `seconds`, quick at first and
 * gentle at the end (quadratic ease-out), then calls `done`.
 */
export function glideHome(view: NoteView, layer: Konva.Layer, seconds: number, done: () => void): void {
  const home = { x: view.centre.x - view.box.width / 2, y: view.centre.y - view.box.height / 2 };
  const from = view.group.position();
  const started = performance.now();
  const glide = new Konva.Animation(() => {
    const progress = Math.min(1, (performance.now() - started) / (seconds * 1000));
    const eased = 1 - (1 - progress) ** 2;
    view.group.position({ x: from.x + (home.x - from.x) * eased, y: from.y + (home.y - from.y) * eased });
    if (progress === 1) {
      glide.stop();
      done();
    }
  }, layer);
  glide.start();
}
