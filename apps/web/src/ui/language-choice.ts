import { isLanguage, type Language, language, preferredLanguage, switchLanguage } from '../i18n/language.ts';

/** The language a person chose with the switch, kept on this device (the browser's choice needs no keeping). */
const KEY = 'kompas.language';

/** The language chosen on this device, if any; storage that is disabled counts as no choice. */
export function chosenLanguage(storage: Pick<Storage, 'getItem'> = localStorage): Language | null {
  try {
    const kept = storage.getItem(KEY);
    return isLanguage(kept) ? kept : null;
  } catch {
    return null;
  }
}

/** At start: the language chosen on this device, else the browser's; the page speaks it before it renders. */
export async function startInLanguage(
  storage: Pick<Storage, 'getItem'> = localStorage,
  browser: readonly string[] = navigator.languages,
): Promise<void> {
  const preferred = preferredLanguage(chosenLanguage(storage), browser);
  // Nothing is on screen yet: the page is in this language while its texts download (and in English again if
  // they cannot be).
  document.documentElement.lang = preferred;
  await showLanguage(preferred);
}

/** The switch: remembers the choice on this device and switches the page over without a reload. */
export async function chooseLanguage(
  next: Language,
  storage: Pick<Storage, 'setItem'> = localStorage,
): Promise<void> {
  try {
    storage.setItem(KEY, next);
  } catch {
    // Storage full or disabled: the page still switches, only the next visit starts from the browser's language.
  }
  await showLanguage(next);
}

async function showLanguage(next: Language): Promise<void> {
  try {
    await switchLanguage(next);
  } finally {
    // Screen readers pronounce, and browsers hyphenate, by the page's language.
    document.documentElement.lang = language();
  }
}
