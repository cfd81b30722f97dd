/** Fields of a log event. Tokens and secrets must never be passed in. */
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Keys whose values are replaced, as a second line of defence should a caller slip one in. */
const REDACTED_KEYS = /token|secret|authorization|password/i;

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value !== 'object' || value === null) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value); // circular: logging must never throw
  }
}

function formatValue(value: unknown): string {
  const text = describe(value);
  return /^[\w.:/@+-]+$/.test(text) ? text : JSON.stringify(text);
}

/** One event per line: the message, then `key=value` fields (values quoted when they contain spaces). */
export function formatLogLine(message: string, fields: LogFields = {}): string {
  const parts = [message];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(`${key}=${REDACTED_KEYS.test(key) ? '[redacted]' : formatValue(value)}`);
  }
  return parts.join(' ');
}

export function createConsoleLogger(): Logger {
  return {
    info: (message, fields) => console.log(formatLogLine(message, fields)),
    warn: (message, fields) => console.warn(formatLogLine(`warn: ${message}`, fields)),
    error: (message, fields) => console.error(formatLogLine(`error: ${message}`, fields)),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
