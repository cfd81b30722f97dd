import { describe, expect, it } from 'vitest';
import { isReportFormat } from './report-request.ts';

describe('report formats', () => {
  it('knows Markdown, JSON and CSV, and nothing else', () => {
    for (const format of ['md', 'json', 'csv']) expect(isReportFormat(format)).toBe(true);
    for (const format of ['pdf', 'MD', '', null, 'toString']) expect(isReportFormat(format)).toBe(false);
  });
});
