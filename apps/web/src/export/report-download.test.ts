import { describe, expect, it } from 'vitest';
import { attachmentName, reportUrl, thisReader } from './report-download.ts';

describe('attachmentName', () => {
  it('reads the file name the server gives', () => {
    expect(attachmentName('attachment; filename="care-report.md"')).toBe('care-report.md');
  });

  it('has none without a quoted file name', () => {
    expect(attachmentName(null)).toBeNull();
    expect(attachmentName('attachment')).toBeNull();
  });
});

describe('reportUrl', () => {
  it("asks for the report in the reader's language and time zone", () => {
    expect(reportUrl('b 1', { format: 'md' }, { lang: 'nl', tz: 'Europe/Amsterdam' })).toBe(
      '/api/boards/b%201/report?format=md&lang=nl&tz=Europe%2FAmsterdam',
    );
    expect(reportUrl('b1', { format: 'csv' }, { lang: 'en', tz: 'America/New_York' })).toBe(
      '/api/boards/b1/report?format=csv&lang=en&tz=America%2FNew_York',
    );
  });

  it('asks for one meeting when the choice names it', () => {
    expect(reportUrl('b1', { format: 'issues-csv', meeting: 'm2' }, { lang: 'nl', tz: 'UTC' })).toBe(
      '/api/boards/b1/report?format=issues-csv&lang=nl&tz=UTC&meeting=m2',
    );
  });

  it("takes this device's language and time zone", () => {
    const reader = thisReader();
    expect(['nl', 'en']).toContain(reader.lang);
    expect(reader.tz).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
