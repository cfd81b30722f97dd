import { describe, expect, it } from 'vitest';
import { attachmentName } from './report-download.ts';

describe('attachmentName', () => {
  it('reads the file name the server gives', () => {
    expect(attachmentName('attachment; filename="care-report.md"')).toBe('care-report.md');
  });

  it('has none without a quoted file name', () => {
    expect(attachmentName(null)).toBeNull();
    expect(attachmentName('attachment')).toBeNull();
  });
});
