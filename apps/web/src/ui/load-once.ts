import { withTexts } from '../i18n/language.ts';

/** Whether a part's texts come with it ('later') or with the page's first script ('first'). */
export type PartTexts = 'first' | 'later';

/**
 * A part of the app that is downloaded when first needed (a dynamic `import()`), so the page's first script
 * stays small. The returned function starts the download once and gives every caller the same promise; after
 * a failure (no network and no copy on the device) the next call tries again.
 *
 * The part's texts come with it in the language shown (see i18n/language.ts), so they never show in English
 * first; unless they are among the texts the page starts with, as the canvas's are (`'first'`, vite.config.ts).
 *
 * A custom element rendered before its code arrives is an empty tag: Lit keeps the properties set on it
 * meanwhile and applies them when the element is defined, and the template's listeners are on the tag already.
 */
export function loadOnce(load: () => Promise<unknown>, texts: PartTexts = 'later'): () => Promise<void> {
  let loading: Promise<void> | null = null;
  return () => {
    loading ??= (texts === 'later' ? withTexts(load()) : load()).then(
      () => undefined,
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
}

/** Calls `work` when the browser has a moment to spare (or after `timeoutMs` at the latest). */
export function whenIdle(work: () => void, timeoutMs = 1000): void {
  if ('requestIdleCallback' in window) window.requestIdleCallback(work, { timeout: timeoutMs });
  else setTimeout(work, 0);
}
