import {
  addTimerMinute,
  isModelError,
  pauseTimer,
  resetTimer,
  setTimerDuration,
  startTimer,
  type TimerWriteOptions,
} from '@kompas/model';
import type * as Y from 'yjs';
import type { BoardCore } from './board-core.ts';

/**
 * The facilitator's timer buttons. `now` is the server's time as this device estimates it: the timer stores
 * when it ends in server time, so every screen counts down alike. Each returns why it was refused ('' when
 * it was done), or undefined when this person does not lead.
 */
export class TimerActions {
  constructor(private readonly core: BoardCore) {}

  start(now: number): string | undefined {
    return this.press(now, startTimer);
  }

  pause(now: number): string | undefined {
    return this.press(now, pauseTimer);
  }

  reset(now: number): string | undefined {
    return this.press(now, resetTimer);
  }

  setDuration(durationMs: number, now: number): string | undefined {
    return this.press(now, (doc, opts) => setTimerDuration(doc, durationMs, opts));
  }

  addMinute(now: number): string | undefined {
    return this.press(now, addTimerMinute);
  }

  /** Sets the duration and starts at once, in one change. */
  startFor(durationMs: number, now: number): string | undefined {
    return this.press(now, (doc, opts) => {
      setTimerDuration(doc, durationMs, opts);
      startTimer(doc, opts);
    });
  }

  private press(
    now: number,
    write: (controlDoc: Y.Doc, opts: TimerWriteOptions) => unknown,
  ): string | undefined {
    if (!this.core.canLead) return undefined;
    try {
      write(this.core.docs.controlDoc, { now, actor: this.core.person.id });
      return '';
    } catch (error) {
      if (!isModelError(error)) throw error;
      return error.message;
    }
  }
}
