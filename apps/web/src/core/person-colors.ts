/**
 * The palette people's cursors and avatars are drawn from; saturated enough to read on every phase tint, and
 * dark enough for their white names and initials (WCAG AA, 4.5:1; ui/contrast.test.ts checks).
 * The board core gives each person one of them, so it lives here rather than with the design tokens.
 */
export const PERSON_COLORS = [
  '#d04246',
  '#c15310',
  '#c93c95',
  '#8e4ec6',
  '#3e63dd',
  '#0076d1',
  '#0e8275',
  '#268356',
  '#936c4b',
  '#6e56cf',
] as const;
