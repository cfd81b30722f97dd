import { describeValue, ModelError, type ModelErrorCode } from './errors.ts';

/**
 * Rules for text people type (note text, names, titles). Text is trimmed, its length counted in characters
 * (code points) and control characters are refused rather than stripped, so nobody's words change silently.
 * Lone surrogates are refused too: they do not survive UTF-8 encoding, so the writer's copy would differ from
 * everyone else's.
 */
export interface TextRule {
  /** The error code thrown when the rule is broken. */
  code: ModelErrorCode;
  /** Names the text in error messages, e.g. 'Note text'. */
  what: string;
  min: number;
  max: number;
  /** Whether newline and tab are allowed. */
  multiline: boolean;
}

const FORBIDDEN_MULTILINE = /(?![\n\t])[\p{Cc}\p{Cs}]/u;
export const FORBIDDEN_SINGLE_LINE = /[\p{Cc}\p{Cs}]/u;

function characterCount(text: string, max: number): number {
  // A string of more than 2 * max UTF-16 units has more than max code points; skip counting huge inputs.
  return text.length > 2 * max ? text.length : Array.from(text).length;
}

function problemWith(text: string, rule: TextRule): string | undefined {
  if ((rule.multiline ? FORBIDDEN_MULTILINE : FORBIDDEN_SINGLE_LINE).test(text)) {
    return `${rule.what} must not contain control characters${rule.multiline ? ' (other than newline and tab)' : ''}`;
  }
  const length = characterCount(text, rule.max);
  if (length < rule.min) {
    return rule.min === 1
      ? `${rule.what} must not be empty`
      : `${rule.what} needs at least ${rule.min} characters`;
  }
  if (length > rule.max) return `${rule.what} must be at most ${rule.max} characters (got ${length})`;
  return undefined;
}

/** Trims `value` and returns it if it follows `rule`; throws ModelError(rule.code) otherwise. */
export function normalisePlainText(value: unknown, rule: TextRule): string {
  if (typeof value !== 'string') {
    throw new ModelError(rule.code, `${rule.what} must be a string, got ${describeValue(value)}`);
  }
  const text = value.trim();
  const problem = problemWith(text, rule);
  if (problem) throw new ModelError(rule.code, problem);
  return text;
}

/** Whether a stored value is text that normalisePlainText would have written unchanged. */
export function isNormalisedPlainText(value: unknown, rule: TextRule): value is string {
  return typeof value === 'string' && value === value.trim() && problemWith(value, rule) === undefined;
}
