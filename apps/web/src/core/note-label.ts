import { getPhase, getStep, type Note } from '@kompas/model';
import { msg, str } from '@lit/localize';

/**
 * How a note reads to assistive technology (and browser tests), e.g.
 * "Shared data platform — Gezamenlijke ambitie (Richten) by Ann". Step and phase use the model's
 * Dutch labels, the product's vocabulary.
 */
export function noteDescription(note: Pick<Note, 'text' | 'step' | 'phase' | 'authorName'>): string {
  const text = note.text.replace(/\s+/g, ' ');
  return msg(str`${text} — ${stepPlace(note)} by ${note.authorName}`);
}

/** "Gezamenlijke ambitie (Richten)". */
export function stepPlace(note: Pick<Note, 'step' | 'phase'>): string {
  return `${getStep(note.step).label.nl} (${getPhase(note.phase).label.nl})`;
}
