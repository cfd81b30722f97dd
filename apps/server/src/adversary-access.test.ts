import { randomBytes } from 'node:crypto';
import { CloseCode } from '@kompas/protocol';
import { BUDGET_REASONS } from '@kompas/relay';
import { afterEach, describe, expect, it } from 'vitest';
import { Arena } from './adversary-arena.ts';
import { boardRooms } from './rooms.ts';
import { closeOf, createBoard } from './test-support.ts';
import { expiryFromNow, signToken } from './tokens.ts';

/**
 * Getting into a board's rooms without the right person token, and the budgets that protect a room from one
 * client: tokens are refused at the upgrade (4401, 4403); an oversized frame closes its sender alone (1009) and
 * one address opens only so many connections (4429).
 */

let arena: Arena | undefined;
afterEach(() => arena?.close());

async function open(argv: readonly string[] = []): Promise<Arena> {
  arena = await Arena.open(argv);
  return arena;
}

/** How the server closes each of the board's rooms for `token`. */
async function closesOf(a: Arena, token: string): Promise<{ code: number; reason: string }[]> {
  return Promise.all(
    boardRooms(a.board.id).map((room) => closeOf(a.server, `/ws/${room}?token=${encodeURIComponent(token)}`)),
  );
}

const everyRoom = (code: number, reason: string) => [1, 2, 3].map(() => ({ code, reason }));

describe('tokens at the rooms', () => {
  it('refuses an invite link’s token alone: join the board first (4401)', async () => {
    const a = await open();
    for (const invite of Object.values(a.board.invites)) {
      expect(await closesOf(a, invite)).toEqual(everyRoom(4401, 'join the board first'));
    }
  });

  it('refuses a person token of another board (4403)', async () => {
    const a = await open();
    const other = await createBoard(a.server, 'Ander bord');
    for (const token of Object.values(other.tokens)) {
      expect(await closesOf(a, token)).toEqual(everyRoom(4403, 'invalid token'));
    }
  });

  it('refuses a forged token: claims changed under a genuine signature, another secret, or garbage (4403)', async () => {
    const a = await open();
    const [payload, signature] = a.board.tokens.participant.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, r: 'facilitator' })).toString('base64url');
    const otherSecret = signToken(randomBytes(32).toString('base64url'), {
      boardId: a.board.id,
      role: 'facilitator',
      expiresAt: expiryFromNow(1),
      person: a.board.people.facilitator.id,
    });
    for (const forged of [`${promoted}.${signature}`, otherSecret, 'garbage', `${payload}.`]) {
      expect(await closesOf(a, forged)).toEqual(everyRoom(4403, 'invalid token'));
    }
  });

  it('refuses an expired person token (4403)', async () => {
    const a = await open();
    const expired = signToken(a.server.config.secret, {
      boardId: a.board.id,
      role: 'participant',
      expiresAt: Math.floor(Date.now() / 1000) - 1,
      person: a.board.people.participant.id,
    });
    expect(await closesOf(a, expired)).toEqual(everyRoom(4403, 'token expired'));
  });

  it('refuses a signed person token for nobody the board knows, or in a role the person does not have (4403)', async () => {
    const a = await open();
    const sign = (role: 'participant' | 'facilitator', person: string) =>
      signToken(a.server.config.secret, { boardId: a.board.id, role, expiresAt: expiryFromNow(1), person });
    const stranger = sign('participant', randomBytes(16).toString('base64url'));
    const promoted = sign('facilitator', a.board.people.participant.id);
    for (const token of [stranger, promoted]) {
      expect(await closesOf(a, token)).toEqual(everyRoom(4403, 'unknown person'));
    }
  });
});

describe('budgets through the server', () => {
  it('closes a frame over the frame size with 1009, and the room goes on', async () => {
    const maxFrameBytes = 128 * 1024;
    const a = await open(['--max-frame-bytes', `${maxFrameBytes}`]);
    const ans = await a.hostile(a.board.tokens.participant);
    ans.sendFrame(new Uint8Array(maxFrameBytes + 1));
    expect((await ans.closeOf()).code).toBe(CloseCode.tooLarge);
    expect(a.server.stats().overBudget.frameSize).toBe(1);
    // The room still relays and stores others' writes.
    await a.expectNotRelayed();
  });

  it('refuses the fourth connection from one address with 4429', async () => {
    // The arena holds two already: Fenna's and the watcher's.
    const a = await open(['--connections-per-address', '3']);
    const third = await a.hostile(a.board.tokens.participant);
    expect(await closeOf(a.server, `/ws/${a.board.id}?token=${a.board.tokens.participant}`)).toEqual({
      code: CloseCode.overBudget,
      reason: BUDGET_REASONS.connectionsPerAddress,
    });
    await third.roundTrip();
    expect(third.open).toBe(true);
  });
});
