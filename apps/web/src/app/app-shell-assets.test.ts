import { describe, expect, it } from 'vitest';
import { isAppAsset, shellAssets, staleAssets } from './app-shell-assets.ts';

describe('shellAssets', () => {
  it('finds the script, styles and icon a built page loads, and nothing else', () => {
    const html = `<!doctype html><html><head>
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      <script type="module" crossorigin src="/assets/index-CmKn_GF5.js"></script>
      <link rel="stylesheet" crossorigin href='/assets/index-B1x2.css'>
      <link rel="preconnect" href="https://example.org" />
      <link rel="canonical" href="//example.org/b" />
      <a href="/b/abc">a board</a>
    </head><body><img src="/assets/index-CmKn_GF5.js"></body></html>`;
    expect(shellAssets(html)).toEqual([
      '/favicon.svg',
      '/assets/index-CmKn_GF5.js',
      '/assets/index-B1x2.css',
    ]);
  });

  it('finds nothing in a page without built files', () => {
    expect(shellAssets('<html><body>Kompas</body></html>')).toEqual([]);
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
    const html =
      '<link rel="icon" href="/favicon.svg"><script type="module" src="/assets/index-NEW.js"></script>';
    expect(staleAssets(['/', '/favicon.svg', '/assets/index-OLD.js', '/assets/index-NEW.js'], html)).toEqual([
      '/assets/index-OLD.js',
    ]);
  });
});
