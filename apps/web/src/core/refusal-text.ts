import {
  BOARD_TASK_MAX,
  BOARD_TITLE_MAX,
  MINUTE_MS,
  type ModelError,
  type ModelErrorCode,
  NOTE_TEXT_MAX,
  TIMER_MAX_MS,
} from '@kompas/model';
import { msg, str } from '@lit/localize';

/** What a person reads when a change of theirs fails for a reason other than the board's rules. */
export const unexpectedFailure = (): string => msg('Something went wrong; the change was not saved.');

/** A facilitator's move that came too late: another facilitator moved the group meanwhile. */
export const phaseMoved = (): string => msg('The group has just moved on to another phase.');

/**
 * The words for the model's refusals a person can run into while working: racing someone else, a rule of
 * the workshop, a value out of range. The model's own messages are for developers and in English; any code
 * not listed here means the app sent something it should not have, and reads as an unexpected failure.
 * The board core words its own refusals (a private draft, someone else's note) in the person's language.
 */
const WORDED_BY_THE_CORE: readonly ModelErrorCode[] = ['private-note', 'not-your-note'];

const REFUSALS: Partial<Record<ModelErrorCode, () => string>> = {
  'unknown-note': () => msg('That note was just deleted by someone else.'),
  'newer-schema': () => msg('This board was saved by a newer version of Kompas and cannot be changed here.'),
  'board-not-loaded': () => msg('The board has not loaded yet; try again in a moment.'),
  'invalid-text': () => msg(str`A note has 1 to ${NOTE_TEXT_MAX} characters.`),
  'invalid-title': () => msg(str`A title has 1 to ${BOARD_TITLE_MAX} characters, on one line.`),
  'invalid-task': () => msg(str`The joint task has at most ${BOARD_TASK_MAX} characters.`),
  'facilitation-not-started': () => msg('Start the workshop before moving between phases.'),
  'facilitation-started': () => msg('The workshop has already started.'),
  'no-previous-phase': () => msg('Verkennen in round 1 is the start; there is no phase before it.'),
  'phase-moved': phaseMoved,
  'private-round-running': () => msg('A silent brainstorm is already running.'),
  'no-private-round': () => msg('No silent brainstorm is running.'),
  'invalid-duration': () => msg(str`A timer runs for at most ${TIMER_MAX_MS / MINUTE_MS} minutes.`),
  'invalid-vote-budget': () => msg('Choose a number of votes within the limits shown.'),
  'voting-open': () => msg('A voting round is already open; close it first.'),
  'voting-closed': () => msg('This voting round has closed.'),
  'vote-out-of-scope': () => msg('This note is not part of the voting round.'),
  'vote-limit': () => msg('You cannot place more votes on this note.'),
  'no-vote': () => msg('You have no vote on this note to take back.'),
  'invalid-plan': () => msg('The plan cannot be saved this way: check the steps, minutes and names.'),
  'invalid-issue': () => msg('An issue in hand needs a text of at most 280 characters and a step.'),
  'invalid-meeting': () => msg('That meeting is not part of this board.'),
};

/** The words a person reads for a refusal of the model, in their language. */
export function refusalText(error: ModelError): string {
  if (WORDED_BY_THE_CORE.includes(error.code))
    return error.message.endsWith('.') ? error.message : `${error.message}.`;
  return REFUSALS[error.code]?.() ?? unexpectedFailure();
}
