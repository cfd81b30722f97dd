import { describe, expect, it } from 'vitest';
import { accessProblem } from './access-problem.ts';

describe('accessProblem', () => {
  it('tells an expired link apart from an invalid one', () => {
    expect(accessProblem(4403, 'token expired').title).toBe('This link has expired');
    expect(accessProblem(403, 'token expired').title).toBe('This link has expired');
    expect(accessProblem(4403, 'invalid token').title).toBe('This link is not valid');
    expect(accessProblem(401, 'missing token').title).toBe('This link is not valid');
    expect(accessProblem(4401, 'missing token').title).toBe('This link is not valid');
  });

  it('reports unknown boards', () => {
    expect(accessProblem(404, 'unknown board').title).toBe('This board does not exist');
    expect(accessProblem(4404, '').title).toBe('This board does not exist');
  });

  it('offers to discard unshared changes when the server refused one', () => {
    const problem = accessProblem(4422, 'invalid board data: notes.x is not a valid note');
    expect(problem.title).toBe("This browser's changes were refused");
    expect(problem.discardUnsent).toBe(true);
    expect(accessProblem(4403, 'invalid token').discardUnsent).toBeUndefined();
  });

  it('falls back to a generic message', () => {
    expect(accessProblem(500, 'internal error')).toEqual({
      title: 'This board cannot be opened',
      detail: 'internal error',
    });
  });
});
