import { type Language, language } from '../../i18n/language.ts';

const MINUTE_MS = 60_000;
const HOUR_MINUTES = 60;

function amount(value: number, unit: 'hour' | 'minute', lang: Language): string {
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/**
 * Time spent as the diagnosis shows it, rounded to whole minutes, in the language shown: "0 min", "12 min",
 * "1 hr 5 min" ("1 uur 5 min" in Dutch).
 */
export function durationText(ms: number, lang: Language = language()): string {
  const minutes = Math.round(Math.max(0, ms) / MINUTE_MS);
  const hours = Math.floor(minutes / HOUR_MINUTES);
  const rest = minutes % HOUR_MINUTES;
  if (hours === 0) return amount(minutes, 'minute', lang);
  return rest
    ? `${amount(hours, 'hour', lang)} ${amount(rest, 'minute', lang)}`
    : amount(hours, 'hour', lang);
}
