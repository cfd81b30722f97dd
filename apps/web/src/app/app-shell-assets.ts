/** Where the build puts its files with content hashes in their names; the server marks them immutable. */
const HASHED_ASSETS = '/assets/';
const ICON = '/favicon.svg';

/** Whether `path` is one of the app's own files that a service worker may keep: built assets and the icon. */
export function isAppAsset(path: string): boolean {
  return path.startsWith(HASHED_ASSETS) || path === ICON;
}

/**
 * The app's own files that its page loads, as named in the page's HTML (`src` and `href` attributes): the
 * script, the styles, the icon. Other addresses, such as links to other sites, are left out.
 */
export function shellAssets(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)) {
    const path = match[1] ?? '';
    if (path.startsWith('/') && !path.startsWith('//') && isAppAsset(path)) found.add(path);
  }
  return [...found];
}

/** Built assets kept from earlier versions of the app that the page `html` no longer loads. */
export function staleAssets(cachedPaths: readonly string[], html: string): string[] {
  const current = new Set(shellAssets(html));
  return cachedPaths.filter((path) => path.startsWith(HASHED_ASSETS) && !current.has(path));
}
