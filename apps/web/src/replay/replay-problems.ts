import { msg } from '@lit/localize';
import type { AccessProblem } from '../api/access-problem.ts';

/** What the replay says when the server does not give it what it needs, in the language shown. */
export const replayProblems = () => ({
  /** The recording could not be read at all. */
  unreadable: {
    title: msg('The replay cannot be loaded'),
    detail: msg('Kompas could not read this board’s recording. Check your connection and try again.'),
  } satisfies AccessProblem,
  /** A seek could not load the moment asked for. */
  moment: msg('That moment could not be loaded. Check your connection and try again.'),
  /** Playing ran out of loaded entries and could not fetch more. */
  more: msg('The replay could not load more of the session. Check your connection and try again.'),
});
