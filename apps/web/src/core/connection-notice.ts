/**
 * What the board says about its connection, beyond the header's badge: nothing while it is fine or a drop
 * is short; that this person is offline once it has lasted OFFLINE_NOTICE_DELAY_MS; once back, that their
 * changes are being sent, then, for a moment, that everything is sent.
 */
export type ConnectionNotice = 'none' | 'offline' | 'sending' | 'sent';

/** A drop shorter than this (a network change, a server restart) shows nothing but the badge. */
export const OFFLINE_NOTICE_DELAY_MS = 3_000;
/** How long "everything is sent" shows. */
export const SENT_NOTICE_MS = 4_000;

export interface Timers {
  /** Calls `done` once after `ms`, unless the returned function is called first. */
  after(ms: number, done: () => void): () => void;
}

const realTimers: Timers = {
  after(ms, done) {
    const timer = setTimeout(done, ms);
    return () => clearTimeout(timer);
  },
};

/** The connection as the notice needs it: whether the board is in step with the server, and what is unsent. */
export interface NoticeInput {
  /** Online and synced. */
  connected: boolean;
  /** How many notes have changes the server has not stored. */
  unsent: number;
}

/** Decides the connection notice from the connection's changes and the time that passes. */
export class ConnectionNotices {
  notice: ConnectionNotice = 'none';
  private cancelTimer: (() => void) | null = null;
  private input: NoticeInput = { connected: true, unsent: 0 };

  /** `onChange` is called with each new notice, also one that a timer brings. */
  constructor(
    private readonly onChange: (notice: ConnectionNotice) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  update(input: NoticeInput): void {
    const wasConnected = this.input.connected;
    this.input = input;
    if (!input.connected) {
      if (this.notice === 'offline' || (wasConnected === false && this.cancelTimer)) return;
      this.stopTimer();
      // Just back and gone again: the person has seen the notice, so it shows again at once.
      if (this.notice !== 'none') this.show('offline');
      else this.cancelTimer = this.timers.after(OFFLINE_NOTICE_DELAY_MS, () => this.show('offline'));
      return;
    }
    if (this.notice === 'none') {
      this.stopTimer();
    } else if (this.notice === 'offline' || this.notice === 'sending') {
      if (input.unsent > 0) this.show('sending');
      else this.showSent();
    }
  }

  destroy(): void {
    this.stopTimer();
  }

  private showSent(): void {
    this.stopTimer();
    this.show('sent');
    this.cancelTimer = this.timers.after(SENT_NOTICE_MS, () => this.show('none'));
  }

  private show(notice: ConnectionNotice): void {
    this.cancelTimer = null;
    if (notice === this.notice) return;
    this.notice = notice;
    this.onChange(notice);
  }

  private stopTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }
}
