import { NOTE_COLORS, type NoteColor } from '@kompas/model';
import { msg } from '@lit/localize';

/** A note colour's name in the current language. */
export function colorName(color: NoteColor): string {
  const names: Record<NoteColor, string> = {
    yellow: msg('yellow'),
    orange: msg('orange'),
    pink: msg('pink'),
    purple: msg('purple'),
    blue: msg('blue'),
    green: msg('green'),
  };
  return names[color];
}

/** The colour after `color` in the menu's order, round to the first. */
export function nextColor(color: NoteColor): NoteColor {
  return NOTE_COLORS[(NOTE_COLORS.indexOf(color) + 1) % NOTE_COLORS.length] as NoteColor;
}
