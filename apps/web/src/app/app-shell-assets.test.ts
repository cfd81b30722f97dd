import { describe, expect, it } from 'vitest';
import { appAssets, BUILT_ASSETS, isAppAsset, staleAssets } from './app-shell-assets.ts';

describe('appAssets', () => {
  it('keeps every built file the build lists, loaded at once or on demand, and the icon', () => {
    expect(appAssets('/assets/index-CmKn_GF5.js /assets/replay-page-B1x2.js /assets/nl-Q9.js')).toEqual([
      '/favicon.svg',
      '/assets/index-CmKn_GF5.js',
      '/assets/replay-page-B1x2.js',
      '/assets/nl-Q9.js',
    ]);
  });

  it('keeps only the icon without a build (in development the list is not written in)', () => {
    expect(appAssets(BUILT_ASSETS)).toEqual(['/favicon.svg']);
  });
});

describe('isAppAsset', () => {
  it('keeps built files and the icon, not the API, the relay or pages', () => {
    expect(isAppAsset('/assets/index-CmKn_GF5.js')).toBe(true);
    expect(isAppAsset('/favicon.svg')).toBe(true);
    for (const path of ['/', '/b/abc', '/api/boards/abc', '/ws/abc', '/healthz', '/sw.js']) {
      expect(isAppAsset(path)).toBe(false);
    }
  });
});

describe('staleAssets', () => {
  it('names the built files of earlier versions, never the current ones, the page or the icon', () => {
    const current = appAssets('/assets/index-NEW.js /assets/replay-page-NEW.js');
    expect(
      staleAssets(
        ['/', '/favicon.svg', '/assets/index-OLD.js', '/assets/index-NEW.js', '/assets/replay-page-NEW.js'],
        current,
      ),
    ).toEqual(['/assets/index-OLD.js']);
  });
});
