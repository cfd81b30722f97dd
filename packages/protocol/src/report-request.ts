import { isLanguage, isTimeZone, LANGUAGES, type Language } from '@kompas/model';

/**
 * The formats `GET /api/boards/<id>/report?format=…` answers in: Markdown, JSON, the notes as CSV, or the
 * issues in hand as CSV.
 */
export const REPORT_FORMATS = ['md', 'json', 'csv', 'issues-csv'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: unknown): value is ReportFormat {
  return (REPORT_FORMATS as readonly unknown[]).includes(value);
}

/** The languages a report is written in (`lang=`): those of the model. */
export const REPORT_LANGUAGES: readonly Language[] = LANGUAGES;
export const isReportLanguage = isLanguage;
/** Whether `tz=` names a time zone the server knows: an IANA name such as 'Europe/Amsterdam' or 'UTC'. */
export const isReportTimeZone = isTimeZone;

export interface ReportRequest {
  format: ReportFormat;
  /** The reader's language; without it the server goes by the request's Accept-Language, else Dutch. */
  language?: Language;
  /** The reader's IANA time zone; without it times are in UTC. */
  timeZone?: string;
  /** One meeting's report, by the meeting's id; without it the report covers the whole trajectory. */
  meeting?: string | undefined;
}

/**
 * The query of a report request, `format=md&lang=nl&tz=Europe%2FAmsterdam&meeting=…`, e.g. with the browser's
 * own zone from `Intl.DateTimeFormat().resolvedOptions().timeZone`. The JSON export ignores language and zone.
 */
export function reportQuery({ format, language, timeZone, meeting }: ReportRequest): string {
  const query = new URLSearchParams({ format });
  if (language !== undefined) query.set('lang', language);
  if (timeZone !== undefined) query.set('tz', timeZone);
  if (meeting !== undefined) query.set('meeting', meeting);
  return query.toString();
}
