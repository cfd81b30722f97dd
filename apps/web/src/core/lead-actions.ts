import {
  type BoardMetaChange,
  closeVotingRound,
  endPrivateRound,
  getPhase,
  isModelError,
  isPrivateRoundRunning,
  LOCAL_ORIGIN,
  type LockMode,
  listNotes,
  moveNote,
  nextPhase,
  openVotingRound,
  type PhasePosition,
  positionAfter,
  previousPhase,
  publishDrafts,
  readRounds,
  type StepId,
  type StepStatus,
  setBoardLock,
  setBoardMeta,
  setStepStatus,
  startFacilitation,
  startFollowing,
  startPrivateRound,
  stopFollowing,
  tidyStep,
  type VotingRoundInput,
} from '@kompas/model';
import { msg } from '@lit/localize';
import type { BoardCore } from './board-core.ts';
import { positionOf } from './board-values.ts';
import {
  type MoveQuestion,
  type NewRoundQuestion,
  newRoundQuestion,
  type RoundStartChoice,
} from './move-questions.ts';
import { refusalText } from './refusal-text.ts';

/** What a participant or observer is told who tries to change the workshop's title or task. */
export const detailsAreFacilitators = (): string =>
  msg('Only facilitators change the title and the joint task.');

/** What facilitators do to lead the group, written to the control document; others' attempts do nothing. */
export class LeadActions {
  constructor(private readonly core: BoardCore) {}

  startWorkshop(): void {
    this.core.leadWith((doc, opts) => startFacilitation(doc, opts));
  }

  /**
   * Moves on at once, or returns the question to ask first: when steps of the current phase are still open,
   * and, at Aan de slag, what becomes of the round's notes as the next round starts. The move is made from the
   * phase the facilitator saw: if a co-facilitator moved the group meanwhile, it is not moved again.
   */
  nextPhase(): MoveQuestion | null {
    const facilitation = this.core.facilitation;
    if (!this.core.canLead || !facilitation.started) return null;
    const from = { phase: facilitation.phase, round: facilitation.round };
    const steps = getPhase(facilitation.phase).steps.filter(
      (step) => facilitation.stepStatuses[step.id] === 'open',
    );
    if (steps.length > 0) return { kind: 'open-steps', steps, from };
    return this.moveOn(from);
  }

  /**
   * Moves on from `from` although steps were open there: the facilitator said so. From Aan de slag nothing
   * moves yet: the new-round question comes first, answered by `startRound`.
   */
  moveOn(from: PhasePosition | undefined): NewRoundQuestion | null {
    if (!this.core.canLead) return null;
    const position = from ?? positionOf(this.core.facilitation);
    const question = position && newRoundQuestion(position, positionAfter(position), 'phase');
    if (question) return question;
    this.core.leadWith((doc, opts) => nextPhase(doc, { ...opts, from }));
    return null;
  }

  /**
   * Starts the round the facilitator was asked about, with their choice for the notes of the round that ends;
   * by the plan, its next item starts with it. `now`: the server's time as this device estimates it.
   */
  startRound(question: NewRoundQuestion, choice: RoundStartChoice, now: number): void {
    if (question.by === 'plan') this.core.plan.next(now, { from: question.from, ...choice });
    else this.core.rounds.startNextRound(question.from, choice.earlier, choice.carry);
  }

  previousPhase(): void {
    const from = positionOf(this.core.facilitation) ?? undefined;
    this.core.leadWith((doc, opts) => previousPhase(doc, { ...opts, from }));
  }

  setStepStatus(step: StepId, status: StepStatus): void {
    this.core.leadWith((doc) => setStepStatus(doc, step, status));
  }

  startBrainstorm(): void {
    this.core.leadWith((doc, opts) => startPrivateRound(doc, opts));
  }

  /** Everyone's drafts onto the board in one change, then the round ends: they are ordinary notes now. */
  revealBrainstorm(): void {
    const { draftsDoc, doc: board } = this.core.docs;
    this.core.leadWith((doc, opts) => {
      publishDrafts(draftsDoc, board);
      // Another facilitator may have revealed a moment ago: then the round is over already.
      if (isPrivateRoundRunning(doc)) endPrivateRound(doc, opts);
    });
  }

  openVoting(input: VotingRoundInput): void {
    this.core.leadWith((doc, opts) => openVotingRound(doc, input, opts));
  }

  closeVoting(): void {
    this.core.leadWith((doc, opts) => closeVotingRound(doc, opts));
  }

  setLock(mode: LockMode): void {
    this.core.leadWith((doc, opts) => setBoardLock(doc, mode, opts));
  }

  /**
   * Changes the workshop's title and joint task on the board, where everyone sees them at once. Returns why it
   * was not changed, as the words to show beside the fields (a text too long, an empty title), or null once
   * written; the dialog stays open on a refusal so nothing typed is lost.
   */
  editDetails(change: BoardMetaChange): string | null {
    if (!this.core.canLead) return detailsAreFacilitators();
    try {
      setBoardMeta(this.core.docs.doc, change);
      return null;
    } catch (error) {
      if (!isModelError(error)) throw error;
      return refusalText(error);
    }
  }

  /** "Bring everyone to my view": this facilitator leads a follow session. */
  bringEveryone(): void {
    const { id, name } = this.core.person;
    this.core.leadWith((doc) => startFollowing(doc, { id, name }));
  }

  stopBringing(): void {
    this.core.leadWith((doc) => stopFollowing(doc));
  }

  /**
   * "Tidy step": every note of `step` on the board into the step's slots, in one change the facilitator can
   * undo. Drafts of a silent brainstorm are their authors' own and stay where they are; archived notes of
   * earlier rounds are not on the board and take no slot.
   */
  tidyStep(step: StepId): void {
    if (!this.core.canLead) return;
    this.core.write(({ doc, controlDoc }) => {
      const rounds = readRounds(controlDoc);
      const notes = listNotes(doc).filter(
        (note) => note.step === step && rounds.placeOf(note) !== 'archived',
      );
      doc.transact(() => {
        for (const { id, pos } of tidyStep(step, notes)) moveNote(doc, id, step, pos);
      }, LOCAL_ORIGIN);
    });
  }
}
