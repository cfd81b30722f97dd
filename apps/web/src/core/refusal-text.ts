import type { ModelError } from '@kompas/model';
import { msg } from '@lit/localize';

/** What a person reads when a change of theirs fails for a reason other than the board's rules. */
export const unexpectedFailure = (): string => msg('Something went wrong; the change was not saved.');

/** Friendlier words for the refusals people can run into by racing each other. */
export function refusalText(error: ModelError): string {
  if (error.code === 'unknown-note') return msg('That note was just deleted by someone else.');
  if (error.code === 'newer-schema')
    return msg('This board was saved by a newer version of Kompas and cannot be changed here.');
  return error.message.endsWith('.') ? error.message : `${error.message}.`;
}
