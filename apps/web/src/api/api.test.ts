import { ShapeError } from '@kompas/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchBoardInfo } from './api.ts';

function answer(status: number, body: unknown): void {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the API client', () => {
  it('reads an answer of the agreed shape', async () => {
    const info = { id: 'b', title: 'T', task: 'J', createdAt: 5, role: 'observer' };
    answer(200, info);
    expect(await fetchBoardInfo('b', 'token')).toEqual(info);
  });

  it('turns an answer of another shape into an error whose cause says where it differs', async () => {
    answer(200, { id: 'b', title: 'T', task: '', createdAt: 5, role: 'admin' });
    const error = await fetchBoardInfo('b', 'token').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, message: 'The server sent an unexpected answer.' });
    expect((error as ApiError).cause).toBeInstanceOf(ShapeError);
    expect(((error as ApiError).cause as Error).message).toContain('board.role');
  });

  it('passes a refusal on with the server’s status and message', async () => {
    answer(403, { error: 'token expired' });
    await expect(fetchBoardInfo('b', 'token')).rejects.toMatchObject({
      status: 403,
      message: 'token expired',
    });
  });

  it('tells an unreachable server apart', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await fetchBoardInfo('b', 'token').catch((caught: unknown) => caught);
    expect((error as ApiError).unreachable).toBe(true);
  });
});
