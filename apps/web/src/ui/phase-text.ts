import { getPhase, type Label, type PhasePosition } from '@kompas/model';
import { msg, str } from '@lit/localize';
import { language } from '../i18n/language.ts';

/**
 * "Ronde 2 · Richten", "Round 2 · Richten": where the group is, as the header and the replay show it. The
 * phase keeps its Dutch name in English too: the model's names are the workshop's vocabulary.
 */
export function phaseIndicatorText(position: PhasePosition): string {
  const phase = getPhase(position.phase).label.nl;
  return msg(str`Round ${position.round} · ${phase}`);
}

/**
 * What a model name means, for someone reading English: shown small beside the Dutch name where people meet the
 * names ("Verkennen  Explore"); in Dutch the name says it all (undefined).
 */
export function englishMeaning(label: Label): string | undefined {
  return language() === 'nl' ? undefined : label.en;
}

/**
 * A model name in lists and for screen readers: the Dutch name, with its meaning beside it for someone
 * reading English ("Belangen · Interests"), so everyone hears the names the workshop uses.
 */
export function modelName(label: Label): string {
  const meaning = englishMeaning(label);
  return meaning ? `${label.nl} · ${meaning}` : label.nl;
}
