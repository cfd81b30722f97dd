/**
 * Small readers for JSON of a known shape: each returns the value typed, or throws a ShapeError that names
 * where the value differs (`board.person.role should be one of …, got "admin"`). `path` is that name.
 */

/** An answer that does not have the shape both sides agreed on. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

export type Reader<T> = (value: unknown, path: string) => T;

function fail(path: string, expected: string, value: unknown): never {
  throw new ShapeError(`${path} should be ${expected}, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return JSON.stringify(value) ?? typeof value;
}

export function readObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Record<string, unknown>;
}

export const readString: Reader<string> = (value, path) =>
  typeof value === 'string' ? value : fail(path, 'a string', value);

export const readNumber: Reader<number> = (value, path) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fail(path, 'a number', value);

export const readBoolean: Reader<boolean> = (value, path) =>
  typeof value === 'boolean' ? value : fail(path, 'true or false', value);

export function readOneOf<T extends string>(options: readonly T[]): Reader<T> {
  return (value, path) =>
    options.includes(value as T) ? (value as T) : fail(path, `one of ${options.join(', ')}`, value);
}

/** A value `check` accepts, `expected` saying what that is. */
export function readChecked<T>(check: (value: unknown) => value is T, expected: string): Reader<T> {
  return (value, path) => (check(value) ? value : fail(path, expected, value));
}

export function readNullable<T>(read: Reader<T>): Reader<T | null> {
  return (value, path) => (value === null ? null : read(value, path));
}

export function readArray<T>(read: Reader<T>): Reader<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) fail(path, 'an array', value);
    return value.map((item, index) => read(item, `${path}[${index}]`));
  };
}

/** An object used as a map from ids to values of one shape. */
export function readRecord<T>(read: Reader<T>): Reader<Record<string, T>> {
  return (value, path) => {
    const record: Record<string, T> = {};
    for (const [key, item] of Object.entries(readObject(value, path)))
      record[key] = read(item, `${path}.${key}`);
    return record;
  };
}

/**
 * An object with the given fields, each read by its reader; a field listed in `optional` may be missing (and
 * is then missing from the result too). Fields no reader names are dropped.
 */
export function readFields<T>(
  readers: { [Key in keyof T]-?: Reader<T[Key]> },
  optional: readonly (keyof T)[] = [],
) {
  return (value: unknown, path: string): T => {
    const fields = readObject(value, path);
    const result: Partial<T> = {};
    for (const key of Object.keys(readers) as (keyof T & string)[]) {
      if (fields[key] === undefined && optional.includes(key)) continue;
      result[key] = readers[key](fields[key], `${path}.${key}`);
    }
    return result as T;
  };
}
