import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installCrashGuard } from './crash-guard.ts';
import { formatLogLine, type Logger } from './logger.ts';

function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const capture = (message: string, fields?: Record<string, unknown>) =>
    lines.push(formatLogLine(message, fields));
  return { logger: { info: capture, warn: capture, error: capture }, lines };
}

describe('the crash guard', () => {
  it('logs an uncaught exception and an unhandled rejection, with where they came from', () => {
    const { logger, lines } = capturingLogger();
    const process = new EventEmitter();
    installCrashGuard(logger, process);

    process.emit('uncaughtException', new TypeError('cannot read x of undefined'));
    process.emit('unhandledRejection', 'plain reason', Promise.resolve());

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^uncaught exception, serving on error="TypeError: cannot read x of undefined" stack=".*crash-guard\.test\.ts/,
    );
    expect(lines[1]).toBe('unhandled rejection, serving on error="plain reason"');
  });

  it('keeps tokens an error message quotes out of the log', () => {
    const { logger, lines } = capturingLogger();
    const process = new EventEmitter();
    installCrashGuard(logger, process);

    process.emit(
      'uncaughtException',
      new Error('bad request /ws/b1?token=Tok3n.S1gnature&x=1 with Bearer B34rer.T0ken'),
    );

    expect(lines[0]).toContain('/ws/b1?token=[redacted]&x=1 with Bearer [redacted]');
    expect(lines[0]).not.toMatch(/Tok3n|S1gnature|B34rer|T0ken/);
  });

  it('removes its handlers when uninstalled', () => {
    const process = new EventEmitter();
    const uninstall = installCrashGuard(capturingLogger().logger, process);
    uninstall();
    expect(process.listenerCount('uncaughtException')).toBe(0);
    expect(process.listenerCount('unhandledRejection')).toBe(0);
  });
});
