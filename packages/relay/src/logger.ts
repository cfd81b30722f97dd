/** Where the relay reports what happened; the server passes its own (structured) logger. */
export interface RelayLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Without a logger, problems still reach stderr; routine events stay quiet. */
export const defaultLogger: RelayLogger = {
  info: () => {},
  warn: (message, fields) => console.warn(`[relay] ${message}`, fields ?? ''),
  error: (message, fields) => console.error(`[relay] ${message}`, fields ?? ''),
};
