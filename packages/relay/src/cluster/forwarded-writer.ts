import type { Budget } from '../budgets.ts';
import type { WriteOrigin } from '../origins.ts';
import type { Writer } from '../write-check.ts';
import type { ForwardedWrite, Outcome, WriteSource } from './messages.ts';

/**
 * On the server that owns a room: the stand-in for a connection of another server whose write it applies.
 * The room applies, checks and stores the write as a local connection's; what the room would do to the
 * connection (close it over a budget) goes back to the connection's server as the write's outcome.
 */
export class ForwardedWriter implements WriteOrigin {
  readonly kind = 'client';
  readonly actor: string;
  readonly writer: Writer;
  readonly source: WriteSource;

  constructor(
    write: ForwardedWrite,
    private readonly answer: (outcome: Outcome) => void,
  ) {
    this.actor = write.actor;
    this.writer = write.writer;
    this.source = write.source;
  }

  closeOverBudget(budget: Budget): void {
    this.answer({ overBudget: budget });
  }
}
