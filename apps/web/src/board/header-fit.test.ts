import { describe, expect, it } from 'vitest';
import { type HeaderParts, headerLayout } from './header-fit.ts';

/** A Dutch facilitator's header, as measured at 1920 px: too much for one row. */
const FACILITATOR: HeaderParts = {
  home: 34,
  title: 270,
  toolbar: [300, 330, 230],
  aside: 620,
  status: 190,
};

describe('headerLayout', () => {
  it('takes one row only when every part fits beside a title of its own width', () => {
    // 30 padding + 34 + 270 + (860 + 24) + 13 + 620 + 190 + 4 * 14 = 2097
    expect(headerLayout(FACILITATOR, 2097)).toBe('one-row');
    expect(headerLayout(FACILITATOR, 2096)).toBe('two-rows');
    expect(headerLayout(FACILITATOR, 1920)).toBe('two-rows');
  });

  it('gives a short title at least its minimum and a long one no more than it wants', () => {
    const short = { ...FACILITATOR, title: 40 };
    const long = { ...FACILITATOR, title: 900 };
    expect(headerLayout(short, 2097 - 270 + 220)).toBe('one-row');
    expect(headerLayout(long, 2097 - 270 + 360)).toBe('one-row');
  });

  it('gives the sharing a row of its own when the title row or the tools row would not fit', () => {
    // The title row: 30 + 34 + 220 + 620 + 190 + 3 * 14 = 1136; the tools: 30 + 884 = 914.
    expect(headerLayout(FACILITATOR, 1136)).toBe('two-rows');
    expect(headerLayout(FACILITATOR, 1135)).toBe('stacked');
    expect(headerLayout({ ...FACILITATOR, aside: 100 }, 913)).toBe('stacked');
  });

  it('leaves out toolbar groups that are not shown (a view-only board has no tools)', () => {
    const viewOnly = { ...FACILITATOR, toolbar: [300, 330, 0] };
    expect(headerLayout(viewOnly, 2097 - 230 - 12)).toBe('one-row');
  });
});
