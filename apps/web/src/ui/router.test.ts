import { describe, expect, it } from 'vitest';
import { boardPath, parseRoute, replayPath } from './router.ts';

describe('parseRoute', () => {
  it('reads the landing page', () => {
    expect(parseRoute('/')).toEqual({ page: 'landing' });
    expect(parseRoute('/index.html')).toEqual({ page: 'landing' });
  });

  it('reads a board id', () => {
    expect(parseRoute('/b/Ab3_-x9')).toEqual({ page: 'board', boardId: 'Ab3_-x9' });
    expect(parseRoute('/b/abc/')).toEqual({ page: 'board', boardId: 'abc' });
  });

  it('reads a board replay', () => {
    expect(parseRoute('/b/abc/replay')).toEqual({ page: 'replay', boardId: 'abc' });
    expect(parseRoute(replayPath('xyz_1'))).toEqual({ page: 'replay', boardId: 'xyz_1' });
    expect(parseRoute('/b/abc/replay/more')).toEqual({ page: 'not-found' });
  });

  it('rejects other paths and malformed ids', () => {
    expect(parseRoute('/b/')).toEqual({ page: 'not-found' });
    expect(parseRoute('/b/a%2Fb')).toEqual({ page: 'not-found' });
    expect(parseRoute('/b/abc/extra')).toEqual({ page: 'not-found' });
    expect(parseRoute('/about')).toEqual({ page: 'not-found' });
  });

  it('round-trips boardPath', () => {
    expect(parseRoute(boardPath('xyz_1'))).toEqual({ page: 'board', boardId: 'xyz_1' });
  });
});
