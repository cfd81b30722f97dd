import { msg, str } from '@lit/localize';

/** "1 note", "4 notes". */
export function notesCount(count: number): string {
  return count === 1 ? msg('1 note') : msg(str`${count} notes`);
}
