import {
  type IssueInHand,
  type IssueStatus,
  listIssues,
  listMeetings,
  type Meeting,
  STEPS,
  type StepId,
} from '@kompas/model';
import type * as Y from 'yjs';
import type { Binding } from './binding.ts';

/** The issues in hand and the meetings they were raised in, as the issues panel shows them. */
export interface IssuesReading {
  issues: IssueInHand[];
  meetings: Meeting[];
}

export const NO_ISSUES: IssuesReading = { issues: [], meetings: [] };

/** The issues and meetings of the control document, read anew whenever it changes. */
export const issuesInHand: Binding<Y.Doc, IssuesReading> = {
  watch(controlDoc, changed) {
    controlDoc.on('update', changed);
    return () => controlDoc.off('update', changed);
  },
  read: (controlDoc) => ({ issues: listIssues(controlDoc), meetings: listMeetings(controlDoc) }),
  // Other control changes (the timer, the phase) leave the issues as they were: no new render for them.
  same: (a, b) => JSON.stringify(a) === JSON.stringify(b),
};

/** One step's issues, open ones first. */
export interface StepIssues {
  step: StepId;
  issues: IssueInHand[];
}

const STATUS_ORDER: Readonly<Record<IssueStatus, number>> = { open: 0, done: 1, dropped: 2 };

/**
 * The issues per step, steps in the circle's order and only those with issues; within a step the open ones
 * first, then done, then dropped, each oldest first. `openOnly` leaves out what is done or dropped.
 */
export function issuesPerStep(issues: readonly IssueInHand[], openOnly: boolean): StepIssues[] {
  const shown = openOnly ? issues.filter((issue) => issue.status === 'open') : issues;
  return STEPS.flatMap(({ id }) => {
    const here = shown
      .filter((issue) => issue.step === id)
      .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.createdAt - b.createdAt);
    return here.length > 0 ? [{ step: id, issues: here }] : [];
  });
}

/** The number of the meeting `id`, or null for a meeting this device does not know (yet). */
export function meetingNumber(meetings: readonly Meeting[], id: string): number | null {
  return meetings.find((meeting) => meeting.id === id)?.number ?? null;
}
