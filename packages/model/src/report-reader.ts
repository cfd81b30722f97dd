import { describeValue, ModelError } from './errors.ts';
import type { Language } from './phases.ts';

/**
 * Who reads a report: the language it is written in and the time zone its times are given in. The server
 * that renders the report has no idea of either, so the reader's browser says (see the report route).
 */
export interface ReportReader {
  readonly language: Language;
  /** An IANA time zone name, e.g. 'Europe/Amsterdam' or 'UTC'. */
  readonly timeZone: string;
}

/** The locale each language writes dates and times in. */
const LOCALES: Readonly<Record<Language, string>> = { nl: 'nl-NL', en: 'en-GB' };

/** True for a time zone name Intl knows ('Europe/Amsterdam', 'UTC'); names are not case-sensitive. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** How times and durations read for one reader; throws ModelError('invalid-time-zone') for an unknown zone. */
export interface ReaderClock {
  /** `vrijdag 14 maart 2025 om 10:25`, `Friday, 14 March 2025 at 09:25`. */
  moment(ms: number): string;
  /** `14 mrt 2025, 10:25`, or `10:25` alone when `sameDay` says all times of the text fall on one day. */
  time(ms: number): string;
  /** The end of a span that began at `from`: `time(to)`, or the time alone when it is the same day. */
  until(from: number, to: number): string;
  /** `2025-03-14 10:25`: for spreadsheets, which read it as a date and time in any locale, and sort it. */
  stamp(ms: number): string;
  /** The zone for people: `Midden-Europese tijd`, `Central European Time`, or its IANA name. */
  zoneName: string;
  /** `45 s`, `12 min`, `1 uur 5 min` / `1 h 5 min`. */
  duration(ms: number): string;
}

/**
 * The clock of a reader for a text whose times are `times`: when they all fall on one calendar day in the
 * reader's zone, a time alone says enough and the date is given once, with `moment`.
 */
export function readerClock(reader: ReportReader, times: readonly number[] = []): ReaderClock {
  if (!isTimeZone(reader.timeZone)) {
    throw new ModelError('invalid-time-zone', `Unknown time zone ${describeValue(reader.timeZone)}`);
  }
  const locale = LOCALES[reader.language];
  const timeZone = reader.timeZone;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' });
  const sameDay = new Set(times.map((ms) => day.format(ms))).size <= 1;
  const moment = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short' });
  const timeOfDay = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' });
  const time = sameDay
    ? timeOfDay
    : new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const stamp = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return {
    moment: (ms) => moment.format(ms),
    time: (ms) => time.format(ms),
    until: (from, to) => (day.format(from) === day.format(to) ? timeOfDay : time).format(to),
    stamp: (ms) => {
      const parts = stamp.formatToParts(ms);
      const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((found) => found.type === type)?.value;
      return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
    },
    zoneName: zoneName(locale, timeZone, times[0] ?? 0),
    duration: (ms) => formatDuration(ms, reader.language),
  };
}

function zoneName(locale: string, timeZone: string, at: number): string {
  const format = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' });
  const generic = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
  // Zones without a name of their own come out as an offset, `GMT+03:00`: their IANA name says more.
  const iana = format.resolvedOptions().timeZone;
  return generic && !generic.startsWith('GMT') ? generic : iana;
}

const HOUR_UNIT: Readonly<Record<Language, string>> = { nl: 'uur', en: 'h' };

/** `45 s`, `12 min`, `1 h 5 min`; in Dutch `1 uur 5 min`. */
export function formatDuration(ms: number, language: Language): string {
  const seconds = Math.round(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = `${Math.floor(minutes / 60)} ${HOUR_UNIT[language]}`;
  return minutes % 60 === 0 ? hours : `${hours} ${minutes % 60} min`;
}
