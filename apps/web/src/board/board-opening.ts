import type { BoardInfo, JoinedPerson } from '@kompas/protocol';
import { msg } from '@lit/localize';
import { type AccessProblem, accessProblem, MISSING_TOKEN_PROBLEM } from '../api/access-problem.ts';
import { ApiError, fetchBoardInfo, joinBoard } from '../api/api.ts';
import { recallBoardInfo, rememberBoardInfo } from '../api/board-info-cache.ts';
import { takePageBoardToken } from '../api/board-token.ts';
import { resolvePerson } from '../api/person.ts';
import type { BoardCore } from '../core/board-core.ts';
import type { Leading } from '../core/leading.ts';
import { withTexts } from '../i18n/language.ts';
import { loadOnce } from '../ui/load-once.ts';

/** How far opening a board from its link got. */
export type Opening =
  /** The link names a role, and this browser has no name yet to join the board with. */
  | { kind: 'naming'; info: BoardInfo }
  | { kind: 'problem'; problem: AccessProblem; retry: boolean }
  | {
      kind: 'joined';
      info: BoardInfo;
      joined: JoinedPerson;
      /** For a facilitator, what leading takes (BoardCore.enableLeading); downloaded for no one else. */
      leading?: (core: BoardCore) => Leading;
    };

/**
 * The canvas and its drawing library, the larger part of a board's code: not in the page's first script, but
 * downloaded as soon as a board's page starts (main.ts), beside its texts and while the board's access is
 * checked. Its texts come with the page's first ones (vite.config.ts).
 */
export const loadCanvas = loadOnce(() => import('../canvas/board-canvas.ts'), 'first');

/** Its words are read when shown, in the language of then. */
export const UNREACHABLE: AccessProblem = {
  get title() {
    return msg('Kompas cannot be reached');
  },
  get detail() {
    return msg('The board could not be loaded. Check your connection and try again.');
  },
};

/**
 * Checks the link's access to the board and joins it as this browser's person; `wanted` says whether the page
 * still wants this board (it may have been closed or sent elsewhere meanwhile): if not, resolves with null.
 */
export async function openBoard(
  boardId: string,
  name: string,
  wanted: () => boolean,
): Promise<Opening | null> {
  const token = takePageBoardToken(boardId);
  if (!token) return { kind: 'problem', problem: MISSING_TOKEN_PROBLEM, retry: false };
  let info: BoardInfo | undefined;
  try {
    info = await fetchBoardInfo(boardId, token);
    rememberBoardInfo(info);
  } catch (error) {
    if (error instanceof ApiError && !error.unreachable) {
      return { kind: 'problem', problem: accessProblem(error.status, error.message), retry: false };
    }
    // Offline: a board kept on this device still opens, and syncs when the server is back.
    info = recallBoardInfo(boardId);
    if (!info) return { kind: 'problem', problem: UNREACHABLE, retry: true };
  }
  if (!wanted()) return null;
  let joined: JoinedPerson | null;
  try {
    joined = await resolvePerson({ boardId, linkToken: token, info, name, join: joinBoard });
  } catch (error) {
    const problem =
      error instanceof ApiError && !error.unreachable
        ? accessProblem(error.status, error.message)
        : UNREACHABLE;
    return { kind: 'problem', problem, retry: problem === UNREACHABLE };
  }
  if (!joined) return wanted() ? { kind: 'naming', info } : null;
  // The board shows with its canvas, downloading since the page started, and for a facilitator with leading.
  let leading: ((core: BoardCore) => Leading) | undefined;
  try {
    const lead = info.role === 'facilitator' ? withTexts(import('../core/leading.ts')) : undefined;
    [leading] = await Promise.all([lead?.then((code) => code.leadingActions), loadCanvas()]);
  } catch {
    return { kind: 'problem', problem: UNREACHABLE, retry: true };
  }
  if (!wanted()) return null;
  return { kind: 'joined', info, joined, ...(leading ? { leading } : {}) };
}
