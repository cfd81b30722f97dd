import { msg, str } from '@lit/localize';
import { type Language, language } from '../i18n/language.ts';

/** "10:32:05": a moment of the session as a clock on this device shows it, in 24 hours either way. */
export function clockText(at: number, lang: Language = language()): string {
  return new Intl.DateTimeFormat(lang, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

function amount(value: number, unit: 'hour' | 'minute' | 'second', lang: Language): string {
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/** "12 min 5 sec", "1 hr 2 min 3 sec", "0 sec": how far into the session, to the second. */
export function elapsedText(ms: number, lang: Language = language()): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(amount(hours, 'hour', lang));
  if (minutes > 0) parts.push(amount(minutes, 'minute', lang));
  if (seconds > 0 || parts.length === 0) parts.push(amount(seconds, 'second', lang));
  return parts.join(' ');
}

/** "10:32:05, 12 min 5 sec in": the time shown by a replay of a session that started at `start`. */
export function replayTimeText(at: number, start: number): string {
  return msg(str`${clockText(at)}, ${elapsedText(at - start)} in`);
}
