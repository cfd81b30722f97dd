import type { Logger } from './logger.ts';

/** Resolves when what it checks is reachable, rejects (with why) when not. */
export type ReadinessCheck = () => Promise<void>;

/** `ok`, `failing`, or `not configured` for a part this server does not use. */
export type CheckState = 'ok' | 'failing' | 'not configured';

/** What `GET /readyz` answers: ready when no check fails. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckState>;
}

/** A check that takes longer than this fails: a load balancer asks again within seconds. */
export const READINESS_TIMEOUT_MS = 2_000;

/**
 * Runs every check at once. Why one failed is logged, not answered: the endpoint is open to anyone, and a
 * database's error can name hosts and users. A check that is null is a part this server does not use.
 */
export async function checkReadiness(
  checks: Readonly<Record<string, ReadinessCheck | null>>,
  logger: Logger,
  timeoutMs = READINESS_TIMEOUT_MS,
): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckState]> => {
      if (check === null) return [name, 'not configured'];
      try {
        await withTimeout(check(), timeoutMs);
        return [name, 'ok'];
      } catch (error) {
        logger.warn('readiness check failed', { check: name, error: String(error) });
        return [name, 'failing'];
      }
    }),
  );
  return {
    ready: entries.every(([, state]) => state !== 'failing'),
    checks: Object.fromEntries(entries),
  };
}

function withTimeout(check: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([check, timeout]).finally(() => clearTimeout(timer));
}
