import { CloseCode, type Role, type RoomKind } from '@kompas/protocol';
import { verifyToken } from './tokens.ts';

/** Why a request for a board was refused; the text doubles as the API error and the WebSocket close reason. */
export type Denial =
  | 'missing token'
  | 'invalid token'
  | 'token expired'
  | 'unknown board'
  | 'not for this role'
  | 'join the board first'
  | 'unknown person';

/** HTTP status and WebSocket close code per denial: the 44xx close codes mirror the HTTP statuses. */
export const DENIAL_CODES: Readonly<Record<Denial, { httpStatus: number; closeCode: number }>> = {
  'missing token': { httpStatus: 401, closeCode: CloseCode.unauthorized },
  'invalid token': { httpStatus: 403, closeCode: CloseCode.forbidden },
  'token expired': { httpStatus: 403, closeCode: CloseCode.forbidden },
  'unknown board': { httpStatus: 404, closeCode: CloseCode.notFound },
  'not for this role': { httpStatus: 403, closeCode: CloseCode.forbidden },
  // An invite link's token opens the board's pages; the rooms need the person token that joining gives.
  'join the board first': { httpStatus: 401, closeCode: CloseCode.unauthorized },
  'unknown person': { httpStatus: 403, closeCode: CloseCode.forbidden },
};

export type Access<Board> =
  | { ok: true; role: Role; board: Board; expiresAt: number; person?: string }
  | { ok: false; denial: Denial };

/** What a token was found to grant. */
export type Granted<Board> = Extract<Access<Board>, { ok: true }>;

/**
 * Decides what a token grants on a board. The token is checked before the board is looked up, so
 * without a valid token for a board nobody can learn whether it exists.
 */
export async function checkAccess<Board>(
  secret: string,
  findBoard: (id: string) => Promise<Board | undefined>,
  boardId: string,
  token: string | undefined,
  now = Date.now(),
): Promise<Access<Board>> {
  if (!token) return { ok: false, denial: 'missing token' };
  const check = verifyToken(secret, token, now);
  if (!check.ok) return { ok: false, denial: check.reason === 'expired' ? 'token expired' : 'invalid token' };
  if (check.claims.boardId !== boardId) return { ok: false, denial: 'invalid token' };
  const board = await findBoard(boardId);
  if (board === undefined) return { ok: false, denial: 'unknown board' };
  const { role, expiresAt, person } = check.claims;
  return person === undefined
    ? { ok: true, role, board, expiresAt }
    : { ok: true, role, board, expiresAt, person };
}

/** How a role may use a room: read and write, only read, only write (add without seeing), or not at all. */
export type RoomAccess = 'read-write' | 'read' | 'write' | 'none';

/**
 * Observers read the board and the facilitation state; participants also write notes, and add their private
 * drafts without seeing anyone else's; facilitators read and write everything.
 */
export function roomAccess(role: Role, room: RoomKind): RoomAccess {
  if (role === 'facilitator') return 'read-write';
  if (room === 'drafts') return role === 'participant' ? 'write' : 'none';
  return role === 'participant' && room === 'content' ? 'read-write' : 'read';
}
