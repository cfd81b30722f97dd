import { describe, expect, it } from 'vitest';
import type { Logger } from './logger.ts';
import { checkReadiness } from './readiness.ts';

function capturingLogger() {
  const lines: string[] = [];
  const logger: Logger = {
    info: () => {},
    warn: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`),
    error: () => {},
  };
  return { lines, logger };
}

describe('checkReadiness', () => {
  it('is ready when every check passes, leaving out what is not configured', async () => {
    const { logger } = capturingLogger();
    expect(await checkReadiness({ database: async () => {}, redis: null }, logger)).toEqual({
      ready: true,
      checks: { database: 'ok', redis: 'not configured' },
    });
  });

  it('names a check that fails or does not answer in time, and logs why rather than answering it', async () => {
    const { lines, logger } = capturingLogger();
    const readiness = await checkReadiness(
      {
        database: async () => {
          throw new Error('connect ECONNREFUSED db.internal:5432');
        },
        redis: () => new Promise<void>(() => {}),
        other: async () => {},
      },
      logger,
      50,
    );
    expect(readiness).toEqual({
      ready: false,
      checks: { database: 'failing', redis: 'failing', other: 'ok' },
    });
    expect(JSON.stringify(readiness)).not.toContain('db.internal');
    expect(lines.join('\n')).toContain('db.internal');
    expect(lines.join('\n')).toContain('no answer within 50 ms');
  });
});
