import Konva from 'konva';
import { TOKENS } from '../ui/design-tokens.ts';

const RADIUS = 11;

/**
 * The mark of a note with changes the server has not stored yet: a small clock, as on a message still being
 * sent, on the note's top-left corner (the voting badge takes the top-right). Drawn in the note's own
 * coordinates; it covers none of the text.
 */
export function pendingMarkShape(): Konva.Group {
  const mark = new Konva.Group({ x: 2, y: 2, listening: false });
  mark.add(
    new Konva.Circle({
      radius: RADIUS,
      fill: TOKENS.color.warning,
      stroke: '#fff',
      strokeWidth: 2,
      perfectDrawEnabled: false,
      listening: false,
    }),
    new Konva.Line({
      points: [0, -6, 0, 0, 4.5, 3],
      stroke: '#fff',
      strokeWidth: 2,
      lineCap: 'round',
      lineJoin: 'round',
      perfectDrawEnabled: false,
      listening: false,
    }),
  );
  return mark;
}
