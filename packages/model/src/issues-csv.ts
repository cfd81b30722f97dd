import { ISSUE_KIND_LABELS, ISSUE_STATUS_LABELS, type IssueInHand } from './issues-in-hand.ts';
import type { Meeting } from './meetings.ts';
import { getPhase, getStep, type Language } from './phases.ts';
import { csvText } from './report-csv.ts';
import { type ReportReader, readerClock } from './report-reader.ts';
import { REPORT_WORDS } from './report-words.ts';

/** The columns of issuesToCsv, in order, in each language. */
export const ISSUES_CSV_COLUMNS: Readonly<Record<Language, readonly string[]>> = Object.freeze({
  nl: Object.freeze([
    'fase',
    'stap',
    'soort',
    'tekst',
    'eigenaar',
    'status',
    'bijeenkomst',
    'afgesloten in bijeenkomst',
    'gemaakt',
    'bijgewerkt',
  ]),
  en: Object.freeze([
    'phase',
    'step',
    'kind',
    'text',
    'owner',
    'status',
    'meeting',
    'closed in meeting',
    'created',
    'updated',
  ]),
});

/**
 * The issues in hand as CSV, one row per issue in the order given, written like notesToCsv (RFC 4180, the
 * reader's language and time zone, cells that look like formulas kept as text). Meetings are given by number,
 * so a spreadsheet sorts them; a meeting not in `meetings` leaves its cell empty. Throws
 * ModelError('invalid-time-zone') for a zone Intl does not know.
 */
export function issuesToCsv(
  issues: readonly IssueInHand[],
  meetings: readonly Meeting[],
  reader: ReportReader,
): string {
  const words = REPORT_WORDS[reader.language];
  const clock = readerClock(reader);
  const numberOf = (id: string | null) => {
    const meeting = meetings.find((candidate) => candidate.id === id);
    return meeting ? String(meeting.number) : '';
  };
  const rows: string[][] = [[...ISSUES_CSV_COLUMNS[reader.language]]];
  for (const issue of issues) {
    const step = getStep(issue.step);
    rows.push([
      words.name(getPhase(step.phase).label),
      words.name(step.label),
      ISSUE_KIND_LABELS[issue.kind][reader.language],
      issue.text,
      issue.owner,
      ISSUE_STATUS_LABELS[issue.status][reader.language],
      numberOf(issue.meeting),
      numberOf(issue.closedIn),
      clock.stamp(issue.createdAt),
      clock.stamp(issue.updatedAt),
    ]);
  }
  return csvText(rows);
}
