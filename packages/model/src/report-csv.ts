import type { Language } from './phases.ts';
import type { Report } from './report.ts';
import { type ReportReader, readerClock } from './report-reader.ts';
import { ROUND_WORDS } from './report-round-words.ts';
import { REPORT_WORDS } from './report-words.ts';

/**
 * The columns of notesToCsv, in order, in each language. Columns are only ever added at the end, so that a
 * spreadsheet reading them by position keeps working: the round of the circle and the round a carried note
 * came from came last.
 */
export const NOTES_CSV_COLUMNS: Readonly<Record<Language, readonly string[]>> = Object.freeze({
  nl: Object.freeze([
    'fase',
    'stap',
    'tekst',
    'auteur',
    'kleur',
    'stemmen',
    'gemaakt',
    ...ROUND_WORDS.nl.csvColumns,
  ]),
  en: Object.freeze([
    'phase',
    'step',
    'text',
    'author',
    'colour',
    'votes',
    'created',
    ...ROUND_WORDS.en.csvColumns,
  ]),
});

/**
 * The report's notes as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a quote,
 * comma or line break), one row per note in the order of the report: phase, step, then most votes first;
 * each with the round of the circle it was written in and, for a carried note, the round it came from.
 * The header row, phase and step names and colours are in the reader's language; `created` is the date and
 * time in the reader's time zone, written `2025-03-14 10:25` so that spreadsheets in any locale read and sort
 * it as a date. Throws
 * ModelError('invalid-time-zone') for a zone Intl does not know.
 *
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula, so such a
 * cell gets an apostrophe in front: a note reading `=HYPERLINK(...)` stays text when the file is opened.
 */
export function notesToCsv(report: Report, reader: ReportReader): string {
  const words = REPORT_WORDS[reader.language];
  const clock = readerClock(reader);
  const rows: string[][] = [[...NOTES_CSV_COLUMNS[reader.language]]];
  for (const phase of report.phases) {
    for (const step of phase.steps) {
      for (const note of step.notes) {
        rows.push([
          words.name(phase.label),
          words.name(step.label),
          note.text,
          note.authorName,
          words.colours[note.color],
          String(note.votes),
          clock.stamp(note.createdAt),
          String(note.round),
          note.carriedFromRound === null ? '' : String(note.carriedFromRound),
        ]);
      }
    }
  }
  return csvText(rows);
}

/** Rows as CSV text (RFC 4180, CRLF line ends), each cell written by csvCell. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return `${rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
