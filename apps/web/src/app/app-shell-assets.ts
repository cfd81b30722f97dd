/** Where the build puts its files with content hashes in their names; the server marks them immutable. */
const HASHED_ASSETS = '/assets/';
const ICON = '/favicon.svg';

/**
 * The build writes the names of all its files under /assets/ here, separated by spaces, in place of this mark
 * (vite.config.ts): the page's script and every part loaded on demand. Left as it is, there is no build.
 */
export const BUILT_ASSETS = '__KOMPAS_BUILT_ASSETS__';

/** Whether `path` is one of the app's own files that a service worker may keep: built assets and the icon. */
export function isAppAsset(path: string): boolean {
  return path.startsWith(HASHED_ASSETS) || path === ICON;
}

/**
 * The app's own files to keep on the device, from the build's list (`BUILT_ASSETS`): every built file, loaded
 * at once or on demand, and the icon.
 */
export function appAssets(builtAssets: string): string[] {
  const built = builtAssets.split(' ').filter((path) => path.startsWith(HASHED_ASSETS));
  return [ICON, ...built];
}

/** Built assets kept from earlier versions of the app that are not among the `current` ones. */
export function staleAssets(cachedPaths: readonly string[], current: readonly string[]): string[] {
  const kept = new Set(current);
  return cachedPaths.filter((path) => path.startsWith(HASHED_ASSETS) && !kept.has(path));
}
