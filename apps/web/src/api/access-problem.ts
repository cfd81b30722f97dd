import { CloseCode } from '@kompas/protocol';
import { msg } from '@lit/localize';

/** What a person is told when a link does not open a board, from an HTTP status or a WebSocket close. */
export interface AccessProblem {
  title: string;
  detail: string;
  /**
   * The server refused a change this browser holds: the way out is to discard what this browser keeps of the
   * board and has not shared, so it opens as the others see it.
   */
  discardUnsent?: boolean;
}

/** `code` is an HTTP status (401/403/404) or a close code that mirrors one (see CLOSE_CODES); `reason` its text. */
export function accessProblem(code: number, reason: string): AccessProblem {
  if (reason === 'token expired') {
    return {
      title: msg('This link has expired'),
      detail: msg(
        'Invite links are valid for a limited time. Ask the facilitator of the workshop for a new link.',
      ),
    };
  }
  if (code === 404 || code === CloseCode.notFound || reason === 'unknown board') {
    return {
      title: msg('This board does not exist'),
      detail: msg('It may have been removed, or the link was copied incompletely.'),
    };
  }
  if (code === 401 || code === 403 || code === CloseCode.unauthorized || code === CloseCode.forbidden) {
    return {
      title: msg('This link is not valid'),
      detail: msg(
        'The link may have been copied incompletely or belongs to another board. Ask the facilitator of the workshop for a new link.',
      ),
    };
  }
  if (code === CloseCode.invalidData) {
    return {
      title: msg("This browser's changes were refused"),
      detail: msg(
        'The server refused a change made in this browser, so the board cannot open with it. Discard the changes this browser has not shared yet, and the board opens as the others see it.',
      ),
      discardUnsent: true,
    };
  }
  return {
    title: msg('This board cannot be opened'),
    detail: reason || msg('Something went wrong. Try again later.'),
  };
}

/** A board URL without any token, e.g. typed by hand. Its words are read when shown, in the language of then. */
export const MISSING_TOKEN_PROBLEM: AccessProblem = {
  get title() {
    return msg('This link is not valid');
  },
  get detail() {
    return msg(
      'This address opens the board only in a browser that has joined it. Open the invite link you received, or ask the facilitator of the workshop for one.',
    );
  },
};
