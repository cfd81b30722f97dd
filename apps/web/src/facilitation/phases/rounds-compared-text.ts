import type { StepRoundState } from '@kompas/model';
import { msg, str } from '@lit/localize';
import type { RoundBar, StepRounds } from '../../core/rounds-compared.ts';
import { durationText } from './duration-text.ts';

/** "1 note", "4 notes". */
export function notesCount(count: number): string {
  return count === 1 ? msg('1 note') : msg(str`${count} notes`);
}

/** How a step fared in one round of the circle (a round, not a voting round). */
export const roundStateLabels = (): Readonly<Record<StepRoundState, string>> => ({
  visited: msg('visited', {
    id: 'step-round-visited',
    desc: 'a step in one round of the circle: the group worked in it',
  }),
  skipped: msg('skipped', {
    id: 'step-round-skipped',
    desc: 'a step in one round of the circle: the round went past it',
  }),
  open: msg('open now', {
    id: 'step-round-open',
    desc: 'a step in the round of the circle the group is in, being worked on',
  }),
  ahead: msg('not reached yet', {
    id: 'step-round-ahead',
    desc: 'a step the round of the circle has not come to',
  }),
});

/** "Round 2: 1 note, 12 min, visited"; a round that has not reached the step says only that. */
export function roundBarText(bar: RoundBar): string {
  const state = roundStateLabels()[bar.state];
  if (bar.state === 'ahead') return msg(str`Round ${bar.round}: ${state}`);
  return msg(str`Round ${bar.round}: ${notesCount(bar.notes)}, ${durationText(bar.time)}, ${state}`);
}

/** The bars of a step for a screen reader: "Round 1: 4 notes, 10 min, visited; Round 2: …". */
export function stepRoundsText(step: StepRounds): string {
  return step.bars.map(roundBarText).join('; ');
}

/** Each round that skipped the step right after a round that visited it: "Visited in round 1, skipped in round 2". */
export function lapseTexts(step: StepRounds): string[] {
  return step.lapses.map((round) => msg(str`Visited in round ${round - 1}, skipped in round ${round}`));
}

export const keepsBeingSkippedText = (): string =>
  msg('Keeps being skipped', {
    id: 'step-keeps-being-skipped',
    desc: 'a step skipped in round after round of the circle',
  });
