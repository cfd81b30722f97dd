import { describe, expect, it } from 'vitest';
import { checkAccess, roomAccess } from './access.ts';
import { newBoardId } from './board-id.ts';
import { parseRoom } from './rooms.ts';
import { signToken } from './tokens.ts';

const SECRET = 'access-test-secret-0123';
const BOARD = newBoardId();
const known = async (id: string) => (id === BOARD ? { id } : undefined);
const token = (boardId: string, expiresAt = 2e9) =>
  signToken(SECRET, { boardId, role: 'participant', expiresAt });

describe('roomAccess', () => {
  it.each([
    ['facilitator', 'content', 'read-write'],
    ['facilitator', 'control', 'read-write'],
    ['facilitator', 'drafts', 'read-write'],
    ['participant', 'content', 'read-write'],
    ['participant', 'control', 'read'],
    ['participant', 'drafts', 'write'],
    ['observer', 'content', 'read'],
    ['observer', 'control', 'read'],
    ['observer', 'drafts', 'none'],
  ] as const)('%s in the %s room: %s', (role, room, expected) => {
    expect(roomAccess(role, room)).toBe(expected);
  });
});

describe('checkAccess', () => {
  it('grants the role of a valid token for an existing board', async () => {
    expect(await checkAccess(SECRET, known, BOARD, token(BOARD))).toEqual({
      ok: true,
      role: 'participant',
      board: { id: BOARD },
      expiresAt: expect.any(Number),
    });
  });

  it('checks the token before the board, so a board’s existence never leaks', async () => {
    const unknown = newBoardId();
    expect(await checkAccess(SECRET, known, unknown, undefined)).toEqual({
      ok: false,
      denial: 'missing token',
    });
    expect(await checkAccess(SECRET, known, unknown, 'x.y')).toEqual({ ok: false, denial: 'invalid token' });
    expect(await checkAccess(SECRET, known, unknown, token(BOARD))).toEqual({
      ok: false,
      denial: 'invalid token',
    });
    expect(await checkAccess(SECRET, known, unknown, token(unknown))).toEqual({
      ok: false,
      denial: 'unknown board',
    });
  });

  it('reports an expired token', async () => {
    expect(await checkAccess(SECRET, known, BOARD, token(BOARD, 1))).toEqual({
      ok: false,
      denial: 'token expired',
    });
  });
});

describe('parseRoom', () => {
  it('reads content, control and drafts rooms', () => {
    expect(parseRoom(BOARD)).toEqual({ name: BOARD, boardId: BOARD, kind: 'content' });
    expect(parseRoom(`${BOARD}.control`)).toEqual({
      name: `${BOARD}.control`,
      boardId: BOARD,
      kind: 'control',
    });
    expect(parseRoom(`${BOARD}.drafts`)).toEqual({ name: `${BOARD}.drafts`, boardId: BOARD, kind: 'drafts' });
  });

  it.each([
    '',
    'lobby',
    `${BOARD}.control.control`,
    `${BOARD}.drafts.control`,
    `${BOARD}x`,
    `../${BOARD}`,
    '.control',
  ])('refuses %j', (name) => {
    expect(parseRoom(name)).toBeUndefined();
  });
});
