import type { Report } from './report.ts';

/** The columns of notesToCsv, in order. */
export const NOTES_CSV_COLUMNS = ['phase', 'step', 'text', 'author', 'colour', 'votes', 'created'] as const;

/**
 * The report's notes as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a quote,
 * comma or line break), one row per note in the order of the report: phase, step, then most votes first.
 * Phase and step are the product's labels, `created` is ISO 8601 in UTC.
 *
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula, so such a
 * cell gets an apostrophe in front: a note reading `=HYPERLINK(...)` stays text when the file is opened.
 */
export function notesToCsv(report: Report): string {
  const rows: string[][] = [[...NOTES_CSV_COLUMNS]];
  for (const phase of report.phases) {
    for (const step of phase.steps) {
      for (const note of step.notes) {
        rows.push([
          phase.label.nl,
          step.label.nl,
          note.text,
          note.authorName,
          note.color,
          String(note.votes),
          new Date(note.createdAt).toISOString(),
        ]);
      }
    }
  }
  return `${rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
