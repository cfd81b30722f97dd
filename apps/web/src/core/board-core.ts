import {
  type BoardLock,
  type Facilitation,
  getFacilitation,
  isModelError,
  type PhaseId,
  type PhaseMoveOptions,
  readBoardLock,
} from '@kompas/model';
import type * as Y from 'yjs';
import type { BoardDocuments } from './board-documents.ts';
import { IssueActions } from './issue-actions.ts';
import { LeadActions } from './lead-actions.ts';
import { LockedPhases, lockRefusalText, undoUnderLock } from './lock.ts';
import { NextStepActions } from './next-step.ts';
import { NoteActions } from './note-actions.ts';
import { type BoardPerson, Permissions } from './permissions.ts';
import { PlanActions } from './plan-actions.ts';
import { refusalText, unexpectedFailure } from './refusal-text.ts';
import { RoundActions } from './round-actions.ts';
import { TimerActions } from './timer-actions.ts';

/**
 * One open board as one person works on it, without any UI: every change they make goes through here, checked
 * against what their role allows and written through @kompas/model to the right document. A refusal reaches
 * `refuse` as the words to show the person. The page is a view of this; tests drive it with plain documents.
 */
export class BoardCore {
  readonly permissions: Permissions;
  /** Writing, moving, recolouring, deleting and voting on notes. */
  readonly notes: NoteActions;
  /** What facilitators do to lead the group: phases, brainstorm, voting rounds, lock, follow. */
  readonly lead: LeadActions;
  /** The facilitator's timer buttons. */
  readonly timer: TimerActions;
  /** The meeting's plan, "Next" by it, and new meetings. */
  readonly plan: PlanActions;
  /** The issues in hand: questions, agreements and actions per step, kept by facilitators. */
  readonly issues: IssueActions;
  /** Agenda setting: the suggested next step into the plan. */
  readonly nextStep: NextStepActions;
  /** Rounds of the circle: the next round from Aan de slag, and notes carried into the current one. */
  readonly rounds: RoundActions;
  private readonly locked = new LockedPhases();

  constructor(
    readonly docs: BoardDocuments,
    readonly person: BoardPerson,
    readonly refuse: (text: string) => void,
  ) {
    this.permissions = new Permissions(person, () => docs.newerSchema);
    this.notes = new NoteActions(this);
    this.lead = new LeadActions(this);
    this.timer = new TimerActions(this);
    this.plan = new PlanActions(this);
    this.issues = new IssueActions(this);
    this.nextStep = new NextStepActions(this);
    this.rounds = new RoundActions(this);
  }

  get readOnly(): boolean {
    return this.permissions.readOnly;
  }

  get canLead(): boolean {
    return this.permissions.canLead;
  }

  get lockApplies(): boolean {
    return this.permissions.lockApplies;
  }

  /** Where the group is on the circle, as this device knows it. */
  get facilitation(): Facilitation {
    return getFacilitation(this.docs.controlDoc);
  }

  get lock(): BoardLock {
    return readBoardLock(this.docs.controlDoc);
  }

  /** The phase the group is in; round 1 Verkennen before the workshop starts. */
  get currentPhase(): PhaseId {
    return this.facilitation.phase;
  }

  /** The phases the lock closes for participants now (the same array while nothing changes). */
  get lockedPhases(): PhaseId[] {
    return this.locked.of(this.lock.mode, this.currentPhase);
  }

  /** Runs one change of this person's to the notes as its own undo step; refusals reach `refuse`. */
  write(action: (docs: BoardDocuments) => void): void {
    if (this.readOnly) return;
    const { undo } = this.docs;
    undo.stopCapturing();
    try {
      action(this.docs);
    } catch (error) {
      if (isModelError(error)) {
        this.refuse(refusalText(error));
      } else {
        console.error(error);
        this.refuse(unexpectedFailure());
      }
    }
    undo.stopCapturing();
  }

  /** Runs one facilitator's move on the control document; a move that raced another facilitator's is refused. */
  leadWith(move: (controlDoc: Y.Doc, opts: PhaseMoveOptions) => void): void {
    if (!this.canLead) return;
    try {
      move(this.docs.controlDoc, { actor: this.person.id });
    } catch (error) {
      if (!isModelError(error)) throw error;
      this.refuse(refusalText(error));
    }
  }

  /**
   * Undoes or redoes this person's latest change to the notes. Under the lock, a change that would touch a
   * locked phase is not made; the refusal says which phase.
   */
  undo(direction: 'undo' | 'redo'): void {
    const target = this.docs.undo.next(direction);
    if (!target || this.readOnly) return;
    if (!this.lockApplies) {
      if (direction === 'undo') target.manager.undo();
      else target.manager.redo();
      return;
    }
    const lock = { mode: this.lock.mode, current: this.currentPhase };
    const locked = undoUnderLock(target, direction, lock, (change) => this.docs.hold(change));
    if (locked) this.refuseLocked(locked);
  }

  /** Tells this person that the lock keeps them out of `phase` (the canvas stopped a change there). */
  refuseLocked(phase: PhaseId): void {
    this.refuse(lockRefusalText(this.lock.mode, this.currentPhase, phase));
  }
}
