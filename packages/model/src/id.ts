import { uuidv4 } from 'lib0/random';
import { FORBIDDEN_SINGLE_LINE } from './text.ts';

/** Ids (of notes, of authors) are map keys and travel in every update, so they are kept short. */
export const ID_MAX_LENGTH = 64;

/**
 * Also refused: the names every plain object has ('__proto__', 'constructor', 'toString', ...). Replays and
 * reports keep notes and votes in plain objects keyed by id, where such an id would read as something else: a
 * note stored as '__proto__' became the object's prototype and vanished from every replay and report.
 */
export function isValidId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= ID_MAX_LENGTH &&
    !FORBIDDEN_SINGLE_LINE.test(value) &&
    !Object.hasOwn(Object.prototype, value)
  );
}

/** A random id that works in every browser, including on plain http where crypto.randomUUID is missing. */
export function newId(): string {
  return uuidv4();
}
