import { describe, expect, it } from 'vitest';
import { hashWithoutToken, takeBoardToken, tokenFromHash, tokenStorageKey } from './board-token.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('tokenFromHash', () => {
  it('reads the token from the fragment', () => {
    expect(tokenFromHash('#token=abc.def')).toBe('abc.def');
    expect(tokenFromHash('#x=1&token=t')).toBe('t');
  });
  it('returns null without a token', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#other=1')).toBeNull();
  });
  it('keeps other fragment parameters', () => {
    expect(hashWithoutToken('#token=t')).toBe('');
    expect(hashWithoutToken('#token=t&note=5')).toBe('#note=5');
  });
});

describe('takeBoardToken', () => {
  it('stores a token from the link and hides it from the address bar', () => {
    const storage = memoryStorage();
    const urls: string[] = [];
    const token = takeBoardToken('b1', {
      location: { hash: '#token=secret', pathname: '/b/b1', search: '' },
      storage,
      replaceUrl: (url) => urls.push(url),
    });
    expect(token).toBe('secret');
    expect(storage.items.get(tokenStorageKey('b1'))).toBe('secret');
    expect(urls).toEqual(['/b/b1']);
  });

  it('falls back to the stored token after a reload', () => {
    const storage = memoryStorage({ [tokenStorageKey('b1')]: 'kept' });
    const urls: string[] = [];
    const token = takeBoardToken('b1', {
      location: { hash: '', pathname: '/b/b1', search: '' },
      storage,
      replaceUrl: (url) => urls.push(url),
    });
    expect(token).toBe('kept');
    expect(urls).toEqual([]);
  });

  it('prefers a new link over a stored token', () => {
    const storage = memoryStorage({ [tokenStorageKey('b1')]: 'old' });
    const token = takeBoardToken('b1', {
      location: { hash: '#token=new', pathname: '/b/b1', search: '?x=1' },
      storage,
      replaceUrl: () => {},
    });
    expect(token).toBe('new');
    expect(storage.items.get(tokenStorageKey('b1'))).toBe('new');
  });

  it('returns null when there is no token anywhere', () => {
    const token = takeBoardToken('b2', {
      location: { hash: '', pathname: '/b/b2', search: '' },
      storage: memoryStorage(),
      replaceUrl: () => {},
    });
    expect(token).toBeNull();
  });
});
