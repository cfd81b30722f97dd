/**
 * The palette people's cursors and avatars are drawn from; saturated enough to read on every phase tint.
 * The board core gives each person one of them, so it lives here rather than with the design tokens.
 */
export const PERSON_COLORS = [
  '#e5484d',
  '#f76b15',
  '#d6409f',
  '#8e4ec6',
  '#3e63dd',
  '#0090ff',
  '#12a594',
  '#30a46c',
  '#ad7f58',
  '#6e56cf',
] as const;
