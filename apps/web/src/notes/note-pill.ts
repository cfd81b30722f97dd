import { TOKENS } from '../ui/design-tokens.ts';
import * as Konva from '../ui/konva.ts';

/** The height of the pills on a note's top edge: its voting badge and its round mark. */
export const PILL_HEIGHT = 24;

/**
 * A pill's rounded back and bold label, as the voting badge and the round mark draw them, readable at the
 * sizes notes are drawn at; the caller colours, sizes and places them.
 */
export function pillParts(): { back: Konva.Rect; label: Konva.Text } {
  const back = new Konva.Rect({
    height: PILL_HEIGHT,
    cornerRadius: PILL_HEIGHT / 2,
    perfectDrawEnabled: false,
    listening: false,
  });
  const label = new Konva.Text({
    height: PILL_HEIGHT,
    padding: 0,
    fontFamily: TOKENS.font.sans,
    fontSize: 14,
    fontStyle: 'bold',
    verticalAlign: 'middle',
    wrap: 'none',
    perfectDrawEnabled: false,
    listening: false,
  });
  return { back, label };
}
