import type { EarlierNotes, PhasePosition, Step } from '@kompas/model';

/** Moving on from a phase whose steps are still open waits for the facilitator's word. */
export interface OpenStepsQuestion {
  kind: 'open-steps';
  steps: readonly Step[];
  /** Where the group was when asked: the move is made from there. */
  from: PhasePosition;
}

/**
 * Moving on from Aan de slag starts the next round of the circle, and waits for the facilitator's choice of
 * what becomes of the notes of the round that ends.
 */
export interface NewRoundQuestion {
  kind: 'new-round';
  /** Where the group was when asked: Aan de slag of the round that ends. */
  from: PhasePosition;
  /** The round that starts. */
  round: number;
  /** What moves the group on: "Next phase", or "Next" by the plan, which starts the plan's next item too. */
  by: 'phase' | 'plan';
}

/** What the facilitator is asked before the group moves on. */
export type MoveQuestion = OpenStepsQuestion | NewRoundQuestion;

/** The question to ask before the group moves from `from` to `to`: one when a new round would start. */
export function newRoundQuestion(
  from: PhasePosition,
  to: PhasePosition,
  by: NewRoundQuestion['by'],
): NewRoundQuestion | null {
  return to.round > from.round ? { kind: 'new-round', from, round: to.round, by } : null;
}

/**
 * The facilitator's three ways to start a new round: keep the last round's notes on the board dimmed, archive
 * them (they stay in the round view), or carry chosen notes along and archive the others.
 */
export const NEW_ROUND_OPTIONS = ['keep', 'archive', 'carry'] as const;
export type NewRoundOption = (typeof NEW_ROUND_OPTIONS)[number];

/** What the facilitator chose when the next round starts, as the board core writes it. */
export interface RoundStartChoice {
  earlier: EarlierNotes;
  /** The notes carried along into the new round. */
  carry: readonly string[];
}

/** The choice an option of the new-round question makes; `chosen` counts only when carrying. */
export function roundStartChoice(option: NewRoundOption, chosen: readonly string[]): RoundStartChoice {
  switch (option) {
    case 'keep':
      return { earlier: 'dimmed', carry: [] };
    case 'archive':
      return { earlier: 'archived', carry: [] };
    case 'carry':
      return { earlier: 'archived', carry: [...chosen] };
  }
}
