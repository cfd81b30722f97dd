import type { Logger } from './logger.ts';

/** A token in a URL an error message quotes (`?token=...`, as invite links carry it). */
const TOKEN_IN_URL = /([?&]token=)[^&\s"']+/gi;
const BEARER = /(Bearer\s+)\S+/gi;

/**
 * Logs an exception nobody caught and a rejection nobody handled, and keeps the process serving: one client
 * hitting a bug in a callback must not end every other workshop on the server. What the relay stored is in
 * SQLite before it is relayed, so the worst a half-finished callback leaves is one connection or request
 * in a bad state, which its owner can retry. Returns a function that removes the handlers.
 */
export function installCrashGuard(logger: Logger, target: NodeJS.EventEmitter = process): () => void {
  const onException = (error: unknown) => logger.error('uncaught exception, serving on', describe(error));
  const onRejection = (reason: unknown) => logger.error('unhandled rejection, serving on', describe(reason));
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}

/** The message and where it was thrown, with any token it quotes taken out. */
function describe(error: unknown): { error: string; stack?: string } {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // The stack's first line repeats the message; the rest are code locations.
  const stack =
    error instanceof Error
      ? error.stack
          ?.split('\n')
          .slice(1)
          .map((line) => line.trim())
      : undefined;
  return {
    error: redact(message),
    ...(stack?.length ? { stack: redact(stack.slice(0, 5).join(' < ')) } : {}),
  };
}

function redact(text: string): string {
  return text.replace(TOKEN_IN_URL, '$1[redacted]').replace(BEARER, '$1[redacted]');
}
