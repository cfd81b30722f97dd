/**
 * A small window API for browser tests of the workshop timer, installed while a timer is shown:
 * `window.kompasTimer`. Times are milliseconds.
 */
export interface TimerTestHooks {
  /** What is left on this page's countdown, by its estimate of the server's time; null while idle. */
  remainingMs(): number | null;
  /** Whether this page has estimated the server's clock yet. */
  clockReady(): boolean;
  /** Starts a countdown of any length, as a facilitator: tests cannot wait for whole minutes. */
  start(durationMs: number): void;
}

declare global {
  interface Window {
    kompasTimer?: TimerTestHooks;
  }
}

/** Installs the hooks; the returned function removes them if they are still the ones installed. */
export function installTimerTestHooks(hooks: TimerTestHooks): () => void {
  window.kompasTimer = hooks;
  return () => {
    if (window.kompasTimer === hooks) delete window.kompasTimer;
  };
}
