import { msg } from '@lit/localize';
import { DRAFT_NAME } from '../notes/note-view.ts';
import * as Konva from '../ui/konva.ts';
import { currentTheme } from '../ui/theme.ts';
import { CANVAS_COLORS } from '../ui/theme-canvas.ts';
import { BOARD_EXTENT } from './board-background.ts';

/** What a board picture is drawn from: a BoardStage, live or in a replay. */
export interface BoardImageSource {
  /** Bottom to top; see BoardStage.imageLayers. */
  imageLayers(): readonly Konva.Layer[];
}

/** About this many pixels across: sharp enough to print or zoom into. */
export const BOARD_IMAGE_WIDTH = 2000;

/**
 * Draws the whole circle with every note, whatever part of the board is on screen, onto a canvas `width`
 * pixels across: white, or dark in the dark theme, whose colours the circle is drawn in. The layers are
 * copied into a stage of their own, so the board people look at is left alone: the copies are uncached
 * (drawn as shapes, sharp at any size) and show the notes the live board hides because they are off
 * screen, but not the private drafts of a silent brainstorm.
 */
export function drawBoardImage(source: BoardImageSource, width = BOARD_IMAGE_WIDTH): HTMLCanvasElement {
  const size = 2 * BOARD_EXTENT;
  // One pixel: the stage's own canvases are never drawn, only the export below.
  const stage = new Konva.Stage({ container: document.createElement('div'), width: 1, height: 1 });
  try {
    for (const layer of source.imageLayers()) {
      // The copy draws the whole board, not the part of it the live layer's view shows.
      const copy = layer.clone({ listening: false, x: 0, y: 0, scaleX: 1, scaleY: 1 }) as Konva.Layer;
      for (const child of [...copy.getChildren()]) {
        // A picture is made to be shared: a silent brainstorm's private drafts stay out of it.
        if (child.hasName(DRAFT_NAME)) child.destroy();
        else child.visible(true);
      }
      stage.add(copy);
    }
    const drawn = stage.toCanvas({
      x: -BOARD_EXTENT,
      y: -BOARD_EXTENT,
      width: size,
      height: size,
      pixelRatio: width / size,
    });
    const canvas = document.createElement('canvas');
    canvas.width = drawn.width;
    canvas.height = drawn.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error(msg('This browser cannot draw the board image.'));
    context.fillStyle = CANVAS_COLORS[currentTheme()].picture;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(drawn, 0, 0);
    return canvas;
  } finally {
    stage.destroy();
  }
}

/** The board as a PNG file; see drawBoardImage. */
export function boardImage(source: BoardImageSource, width = BOARD_IMAGE_WIDTH): Promise<Blob> {
  const canvas = drawBoardImage(source, width);
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The board image could not be made.'))),
      'image/png',
    );
  });
}
