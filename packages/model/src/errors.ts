/** Why an input or a document was refused; stable strings, so callers can branch on them (e.g. HTTP 400). */
export type ModelErrorCode =
  | 'unknown-phase'
  | 'unknown-step'
  | 'unknown-note'
  | 'duplicate-note'
  | 'invalid-note-id'
  | 'invalid-text'
  | 'invalid-position'
  | 'invalid-color'
  | 'invalid-author'
  | 'invalid-time'
  | 'invalid-time-zone'
  | 'invalid-title'
  | 'invalid-task'
  | 'board-exists'
  | 'board-not-loaded'
  | 'newer-schema'
  | 'invalid-round'
  | 'invalid-earlier-notes'
  | 'not-at-round-end'
  | 'not-earlier-round'
  | 'invalid-actor'
  | 'invalid-step-status'
  | 'invalid-lock'
  | 'private-round-running'
  | 'no-private-round'
  | 'private-note'
  | 'facilitation-not-started'
  | 'facilitation-started'
  | 'no-previous-phase'
  | 'phase-moved'
  | 'invalid-vote'
  | 'invalid-vote-budget'
  | 'invalid-duration'
  | 'invalid-voting-round'
  | 'voting-open'
  | 'voting-closed'
  | 'vote-out-of-scope'
  | 'vote-limit'
  | 'no-vote'
  | 'not-your-note'
  | 'invalid-meeting'
  | 'invalid-plan'
  | 'invalid-issue';

/** The one error the model throws for bad input; it is always thrown before anything is written. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly code: ModelErrorCode;

  constructor(code: ModelErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function isModelError(value: unknown, code?: ModelErrorCode): value is ModelError {
  return value instanceof ModelError && (code === undefined || value.code === code);
}

/** A short, safe rendering of an offending value for error messages (inputs can be huge or not strings). */
export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
