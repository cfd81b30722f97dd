import type { LockMode } from '@kompas/model';
import type { BoardCore } from '../core/board-core.ts';
import type {
  NoteCarryDetail,
  NoteCreateDetail,
  NoteDeleteDetail,
  NoteEditDetail,
  NoteIssueDetail,
  NoteLockedDetail,
  NoteMoveDetail,
  NoteRecolorDetail,
  NoteVoteDetail,
} from '../core/board-events.ts';
import type { IssueDraft } from '../core/issue-actions.ts';
import type { RoundStartChoice } from '../core/move-questions.ts';
import type { DetailsSaveDetail } from '../facilitation/details/details-dialog.ts';
import type { FollowCommandDetail } from '../facilitation/follow/follow-bar.ts';
import type { FollowController } from '../facilitation/follow/follow-controller.ts';
import type { IssueChangeDetail } from '../facilitation/issues/issues-panel.ts';
import type { LockChangeDetail } from '../facilitation/lock/lock-menu.ts';
import type { NextStepAddDetail } from '../facilitation/next-step/next-step-card.ts';
import type { StepStatusChangeDetail, StepTidyDetail } from '../facilitation/phases/steps-panel.ts';
import type { VotingStartDetail } from '../facilitation/voting/voting-dialog.ts';
import type { BoardPage } from './board-page.ts';

/** Where what the board's parts ask for goes: almost all of it to the board core. */
function handlers(page: BoardPage, core: BoardCore, follow: FollowController) {
  return {
    command: page.onCommand.bind(page),
    cursorMove: page.onCursorMove.bind(page),
    serverNow: page.serverNow.bind(page),
    viewportChange: page.onViewportChange.bind(page),
    /** The board as it is now, for the export menu. */
    boardImage: (): Promise<Blob> =>
      page.canvas?.image() ?? Promise.reject(new Error('The board is not shown yet')),
    noteCreate: (event: CustomEvent<NoteCreateDetail>) => core.notes.create(event.detail),
    noteEdit: (event: CustomEvent<NoteEditDetail>) => core.notes.edit(event.detail),
    noteMove: (event: CustomEvent<NoteMoveDetail>) => core.notes.move(event.detail),
    noteRecolor: (event: CustomEvent<NoteRecolorDetail>) => core.notes.recolor(event.detail),
    noteDelete: (event: CustomEvent<NoteDeleteDetail>) => core.notes.delete(event.detail.id),
    noteVote: (event: CustomEvent<NoteVoteDetail>) => core.notes.vote(event.detail.id, event.detail.takeBack),
    noteCarry: (event: CustomEvent<NoteCarryDetail>) => core.rounds.carry([event.detail.id]),
    noteLocked: (event: CustomEvent<NoteLockedDetail>) => core.refuseLocked(event.detail.phase),
    /** "Turn into an issue": the issues open with the note's text and step filled in. */
    noteIssue: (event: CustomEvent<NoteIssueDetail>) => {
      const draft = core.issues.draftFromNote(event.detail.id);
      if (draft) page.issues.fill(draft);
    },
    /** A refused new issue comes back into the form, with what was typed. */
    issueAdd: (event: CustomEvent<IssueDraft>) => {
      const refusal = core.issues.add(event.detail);
      if (refusal === null) return;
      page.issues.fill(event.detail);
      core.refuse(refusal);
    },
    issueChange: (event: CustomEvent<IssueChangeDetail>) => {
      const refusal = core.issues.update(event.detail.id, event.detail.change);
      if (refusal !== null) core.refuse(refusal);
    },
    nextStepAdd: (event: CustomEvent<NextStepAddDetail>) => {
      const refusal = core.nextStep.addToPlan(event.detail.step);
      if (refusal !== null) core.refuse(refusal);
    },
    lockChange: (event: CustomEvent<LockChangeDetail>) => {
      const mode: LockMode = event.detail.mode;
      core.lead.setLock(mode);
    },
    stepStatusChange: (event: CustomEvent<StepStatusChangeDetail>) =>
      core.lead.setStepStatus(event.detail.step, event.detail.status),
    stepTidy: (event: CustomEvent<StepTidyDetail>) => core.lead.tidyStep(event.detail.step),
    /** Moves on although steps are open; from Aan de slag, the next question is how the next round starts. */
    moveOn: () => page.ask(core.lead.moveOn(page.rounds.question?.from)),
    roundStart: (event: CustomEvent<RoundStartChoice>) => {
      const question = page.rounds.question;
      page.ask(null);
      if (question?.kind === 'new-round') core.lead.startRound(question, event.detail, page.serverNow());
    },
    /** Closes the dialog once written; a refusal stays in it, beside what was typed. */
    detailsSave: (event: CustomEvent<DetailsSaveDetail>) => {
      const refusal = core.lead.editDetails(event.detail);
      page.showDetails(refusal === null ? false : refusal);
    },
    votingStart: (event: CustomEvent<VotingStartDetail>) => {
      page.showVotingDialog(false);
      core.lead.openVoting(event.detail);
    },
    followCommand: (event: CustomEvent<FollowCommandDetail>) => {
      switch (event.detail.command) {
        case 'bring-everyone':
          core.lead.bringEveryone();
          break;
        case 'stop-bringing':
          core.lead.stopBringing();
          break;
        case 'stop-following':
          follow.stepOut();
          break;
        case 'follow-again':
          follow.followAgain();
          break;
      }
    },
  };
}

export type BoardEventHandlers = ReturnType<typeof handlers>;

const made = new WeakMap<BoardCore, BoardEventHandlers>();

/** The handlers for one open board, made once so that the parts keep the same listeners between renders. */
export function boardEventHandlers({
  page,
  core,
  follow,
}: {
  page: BoardPage;
  core: BoardCore;
  follow: FollowController;
}): BoardEventHandlers {
  let found = made.get(core);
  if (!found) {
    found = handlers(page, core, follow);
    made.set(core, found);
  }
  return found;
}
