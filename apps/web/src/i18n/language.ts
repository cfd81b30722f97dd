import type { Label } from '@kompas/model';
import { configureLocalization } from '@lit/localize';

/**
 * The languages of the interface. Texts are written in English in the source (`msg('…')`) and translated
 * into Dutch in `xliff/nl.xlf`; `pnpm i18n` extracts new texts there and builds `generated/nl.ts` from it.
 * The model's own words (phase and step names, guidance, the report) carry both languages in the model.
 */
export type Language = 'nl' | 'en';

export const LANGUAGES: readonly Language[] = ['nl', 'en'];

/** Kompas is Dutch first: a browser that asks for neither language gets Dutch. */
export const DEFAULT_LANGUAGE: Language = 'nl';

export function isLanguage(value: unknown): value is Language {
  return value === 'nl' || value === 'en';
}

/**
 * The language to show: the one chosen on this device, else the first of the browser's languages that Kompas
 * speaks ('nl-BE' counts as Dutch), else Dutch.
 */
export function preferredLanguage(chosen: string | null | undefined, browser: readonly string[]): Language {
  if (isLanguage(chosen)) return chosen;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

// The Dutch texts are a module of their own, downloaded only by a page that shows Dutch.
const localization = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['nl'],
  loadLocale: () => import('./generated/nl.ts'),
});

/** The language texts are in right now. */
export function language(): Language {
  const locale = localization.getLocale();
  return isLanguage(locale) ? locale : 'en';
}

/** Switches every `msg()` to `next`; components that called `updateWhenLocaleChanges` render again. */
export async function switchLanguage(next: Language): Promise<void> {
  await localization.setLocale(next);
}

/** A text of the model (a phase's or step's name, a guidance question) in the current language. */
export function inLanguage(label: Label): string {
  return label[language()];
}
