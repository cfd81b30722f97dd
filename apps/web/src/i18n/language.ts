import type { Label } from '@kompas/model';
import { configureLocalization, type TemplateMap } from '@lit/localize';

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

/**
 * The Dutch texts downloaded so far, which `msg()` looks up. They are two modules of their own, downloaded only
 * by a page that shows Dutch: those of the page's first script and its canvas before its first render, those
 * of the other parts loaded on demand before the first of them shows (`textsOfLaterParts`).
 */
const dutch: TemplateMap = {};
/** The language asked for last: the one shown, or the one whose texts are on their way. */
let asked: Language = 'en';
/** Whether a part loaded on demand has been asked for: from then on, Dutch comes with the later texts. */
let laterPartsAsked = false;

/** Downloads the later texts once; after a failure (offline, not kept on the device) the next call tries again. */
let laterLoading: Promise<void> | null = null;
function laterDutch(): Promise<void> {
  laterLoading ??= import('./dutch/later-texts.ts').then(
    ({ templates }) => void Object.assign(dutch, templates),
    (error: unknown) => {
      laterLoading = null;
      throw error;
    },
  );
  return laterLoading;
}

const localization = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['nl'],
  loadLocale: async () => {
    const [first] = await Promise.all([
      import('./dutch/first-texts.ts'),
      laterPartsAsked ? laterDutch() : undefined,
    ]);
    Object.assign(dutch, first.templates);
    return { templates: dutch };
  },
});

/**
 * Resolves once the texts of the parts loaded on demand are here in the language shown, or on its way (none
 * are needed for English): such a part renders in that language from its first render. Texts that cannot be
 * downloaded leave the part in English rather than without its code.
 */
async function textsOfLaterParts(): Promise<void> {
  laterPartsAsked = true;
  if (asked === 'nl') await laterDutch().catch(() => {});
}

/** A part loaded on demand (`import(…)`), once its texts are here too (`textsOfLaterParts`). */
export async function withTexts<Part>(part: Promise<Part>): Promise<Part> {
  const [loaded] = await Promise.all([part, textsOfLaterParts()]);
  return loaded;
}

/** The language texts are in right now. */
export function language(): Language {
  const locale = localization.getLocale();
  return isLanguage(locale) ? locale : 'en';
}

/** Switches every `msg()` to `next`; components that called `updateWhenLocaleChanges` render again. */
export async function switchLanguage(next: Language): Promise<void> {
  asked = next;
  await localization.setLocale(next);
}

/** A text of the model (a phase's or step's name, a guidance question) in the current language. */
export function inLanguage(label: Label): string {
  return label[language()];
}
