import { describeValue, ModelError } from './errors.ts';
import { ID_MAX_LENGTH, isValidId } from './id.ts';
import { isNormalisedPlainText, normalisePlainText, type TextRule } from './text.ts';

/** Who wrote something: a per-browser id and the display name chosen on joining. */
export interface Author {
  id: string;
  name: string;
}

export const AUTHOR_NAME_MAX = 60;

const NAME_RULE: TextRule = {
  code: 'invalid-author',
  what: 'Author name',
  min: 1,
  max: AUTHOR_NAME_MAX,
  multiline: false,
};

/** A clean copy of `value` (name trimmed); throws ModelError('invalid-author') on anything else. */
export function parseAuthor(value: unknown): Author {
  if (typeof value !== 'object' || value === null) {
    throw new ModelError('invalid-author', `An author needs an id and a name, got ${describeValue(value)}`);
  }
  const { id, name } = value as Record<string, unknown>;
  if (!isValidId(id)) {
    throw new ModelError(
      'invalid-author',
      `Author id must be 1..${ID_MAX_LENGTH} characters without control characters, got ${describeValue(id)}`,
    );
  }
  return { id, name: normalisePlainText(name, NAME_RULE) };
}

export function isAuthorName(value: unknown): value is string {
  return isNormalisedPlainText(value, NAME_RULE);
}

/** The name trimmed and checked as an author's name; throws ModelError('invalid-author') on anything else. */
export function normaliseAuthorName(value: unknown): string {
  return normalisePlainText(value, NAME_RULE);
}
