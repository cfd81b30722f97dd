import { describe, expect, it } from 'vitest';
import { isReportFormat, isReportLanguage, isReportTimeZone, reportQuery } from './report-request.ts';

describe('report requests', () => {
  it('know Markdown, JSON, the notes and the issues in hand as CSV, and nothing else', () => {
    for (const format of ['md', 'json', 'csv', 'issues-csv']) expect(isReportFormat(format)).toBe(true);
    for (const format of ['pdf', 'MD', '', null, 'toString']) expect(isReportFormat(format)).toBe(false);
  });

  it('know Dutch and English, and the IANA time zones', () => {
    expect(isReportLanguage('nl') && isReportLanguage('en')).toBe(true);
    for (const language of ['de', 'NL', 'nl-NL', '']) expect(isReportLanguage(language)).toBe(false);
    expect(isReportTimeZone('Europe/Amsterdam') && isReportTimeZone('UTC')).toBe(true);
    for (const zone of ['Europe/Nowhere', '']) expect(isReportTimeZone(zone)).toBe(false);
  });

  it('write the query with the language, zone and meeting when given', () => {
    expect(reportQuery({ format: 'md', language: 'nl', timeZone: 'Europe/Amsterdam' })).toBe(
      'format=md&lang=nl&tz=Europe%2FAmsterdam',
    );
    expect(reportQuery({ format: 'json' })).toBe('format=json');
    expect(reportQuery({ format: 'issues-csv', meeting: 'm2' })).toBe('format=issues-csv&meeting=m2');
  });
});
