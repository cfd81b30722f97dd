import type { BoardCore } from './board-core.ts';
import { IssueActions } from './issue-actions.ts';
import { LeadActions } from './lead-actions.ts';
import { NextStepActions } from './next-step.ts';
import { PlanActions } from './plan-actions.ts';
import { TimerActions } from './timer-actions.ts';

/**
 * What those who lead a workshop do, beside what everyone does: move the group on, run the timer, plan the
 * meeting, keep the issues in hand, put the next step on the agenda. A module of its own, downloaded only for
 * those who lead (BoardCore.enableLeading).
 */
export interface Leading {
  lead: LeadActions;
  timer: TimerActions;
  plan: PlanActions;
  issues: IssueActions;
  nextStep: NextStepActions;
}

export function leadingActions(core: BoardCore): Leading {
  return {
    lead: new LeadActions(core),
    timer: new TimerActions(core),
    plan: new PlanActions(core),
    issues: new IssueActions(core),
    nextStep: new NextStepActions(core),
  };
}
