/**
 * What may be stored as a plain value in a board's documents: JSON that any reader can store, send and show.
 * Yjs itself also carries BigInts, binary, undefined and nested shared types in plain values; a replay index or
 * a report that meets one cannot serialise it, so such values never get past the server.
 */
export interface PlainValueLimits {
  /** Largest JSON encoding, in UTF-16 code units (close to bytes for the text a board holds). */
  maxLength: number;
  /** Deepest nesting of objects and arrays; 0 allows only strings, numbers, booleans and null. */
  maxDepth: number;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isPlain(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth === 0) return false;
      if (Array.isArray(value)) return value.every((item) => isPlain(item, depth - 1));
      return isPlainObject(value) && Object.values(value).every((item) => isPlain(item, depth - 1));
    }
    default:
      return false;
  }
}

/** Whether `value` is JSON-safe (finite numbers, plain objects and arrays only) and within `limits`. */
export function isPlainValue(value: unknown, limits: PlainValueLimits): boolean {
  if (!isPlain(value, limits.maxDepth)) return false;
  return JSON.stringify(value).length <= limits.maxLength;
}

/** Whether `value` is a plain object holding exactly `keys` (optional ones may be absent). */
export function hasExactKeys(
  value: unknown,
  required: readonly string[],
  optional: readonly string[] = [],
): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlainObject(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return (
    required.every((key) => keys.includes(key)) &&
    keys.every((key) => required.includes(key) || optional.includes(key))
  );
}
