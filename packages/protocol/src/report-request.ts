/** The formats `GET /api/boards/<id>/report?format=…` answers in: Markdown, JSON, or the notes as CSV. */
export const REPORT_FORMATS = ['md', 'json', 'csv'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: unknown): value is ReportFormat {
  return (REPORT_FORMATS as readonly unknown[]).includes(value);
}
