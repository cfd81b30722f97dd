import { uuidv4 } from 'lib0/random';
import { FORBIDDEN_SINGLE_LINE } from './text.ts';

/** Ids (of notes, of authors) are map keys and travel in every update, so they are kept short. */
export const ID_MAX_LENGTH = 64;

export function isValidId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= ID_MAX_LENGTH &&
    !FORBIDDEN_SINGLE_LINE.test(value)
  );
}

/** A random id that works in every browser, including on plain http where crypto.randomUUID is missing. */
export function newId(): string {
  return uuidv4();
}
