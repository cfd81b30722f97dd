import * as Konva from '../ui/konva.ts';
import { NOTE_INK } from '../ui/theme-canvas.ts';

const RADIUS = 15;
/** How far the dashed frame stands off the note, so it never touches the text. */
const FRAME_GAP = 5;

/**
 * The mark of a note with changes the server has not stored yet: a dashed frame around it, which still shows
 * when the board is zoomed out, and a small clock, as on a message still being sent, on its top-left corner
 * (the voting badge takes the top-right). Drawn in the note's own coordinates, `width` by `height`.
 */
export function pendingMarkShape(width: number, height: number): Konva.Group {
  const mark = new Konva.Group({ listening: false });
  const clock = new Konva.Group({ x: 2, y: 2, listening: false });
  clock.add(
    new Konva.Circle({
      radius: RADIUS,
      fill: NOTE_INK.pending,
      stroke: '#fff',
      strokeWidth: 2.5,
      perfectDrawEnabled: false,
      listening: false,
    }),
    new Konva.Line({
      points: [0, -8, 0, 0, 6, 4],
      stroke: '#fff',
      strokeWidth: 2.5,
      lineCap: 'round',
      lineJoin: 'round',
      perfectDrawEnabled: false,
      listening: false,
    }),
  );
  mark.add(
    new Konva.Rect({
      x: -FRAME_GAP,
      y: -FRAME_GAP,
      width: width + 2 * FRAME_GAP,
      height: height + 2 * FRAME_GAP,
      cornerRadius: 7,
      stroke: NOTE_INK.pending,
      strokeWidth: 3,
      dash: [10, 6],
      perfectDrawEnabled: false,
      listening: false,
    }),
    clock,
  );
  return mark;
}
