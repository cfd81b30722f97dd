import type { ThemeName } from './design-tokens.ts';
import { mediaMatches } from './media-query.ts';

/** The system asks for dark colours. */
export const DARK_SCHEME = '(prefers-color-scheme: dark)';

/** The theme the system asks for now; light where the browser cannot tell. */
export function currentTheme(): ThemeName {
  return mediaMatches(DARK_SCHEME) ? 'dark' : 'light';
}

/**
 * Calls `onChange` with the new theme whenever the system setting changes, for code that draws colours
 * itself (the canvas); returns the function that stops watching.
 */
export function watchTheme(onChange: (theme: ThemeName) => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const list = matchMedia(DARK_SCHEME);
  const listener = (event: MediaQueryListEvent) => onChange(event.matches ? 'dark' : 'light');
  list.addEventListener('change', listener);
  return () => list.removeEventListener('change', listener);
}
