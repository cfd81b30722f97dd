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
import type { IssueActions } from './issue-actions.ts';
import type { LeadActions } from './lead-actions.ts';
import type { Leading } from './leading.ts';
import { LockedPhases, lockRefusalText, undoUnderLock } from './lock.ts';
import type { NextStepActions } from './next-step.ts';
import { NoteActions } from './note-actions.ts';
import { type BoardPerson, Permissions } from './permissions.ts';
import type { PlanActions } from './plan-actions.ts';
import { refusalText, unexpectedFailure } from './refusal-text.ts';
import { RoundActions } from './round-actions.ts';
import type { TimerActions } from './timer-actions.ts';

/**
 * One open board as one person works on it, without any UI: every change they make goes through here, checked
 * against what their role allows and written through @kompas/model to the right document. A refusal reaches
 * `refuse` as the words to show the person. The page is a view of this; tests drive it with plain documents.
 */
export class BoardCore {
  readonly permissions: Permissions;
  /** Writing, moving, recolouring, deleting and voting on notes. */
  readonly notes: NoteActions;
  /** Rounds of the circle: the next round from Aan de slag, and notes carried into the current one. */
  readonly rounds: RoundActions;
  private readonly locked = new LockedPhases();
  /** What only those who lead do; see enableLeading. */
  private leading: Leading | null = null;

  constructor(
    readonly docs: BoardDocuments,
    readonly person: BoardPerson,
    readonly refuse: (text: string) => void,
  ) {
    this.permissions = new Permissions(person, () => docs.newerSchema);
    this.notes = new NoteActions(this);
    this.rounds = new RoundActions(this);
  }

  /**
   * Gives this core what those who lead do (leading.ts's `leadingActions`): its code is downloaded only for them,
   * before their board shows. Until then `lead`, `timer`, `plan`, `issues` and `nextStep` are not there.
   */
  enableLeading(make: (core: BoardCore) => Leading): void {
    this.leading ??= make(this);
  }

  private get leadingActions(): Leading {
    if (!this.leading) throw new Error('the actions of those who lead are not loaded');
    return this.leading;
  }

  /** What facilitators do to lead the group: phases, brainstorm, voting rounds, lock, follow. */
  get lead(): LeadActions {
    return this.leadingActions.lead;
  }

  /** The facilitator's timer buttons. */
  get timer(): TimerActions {
    return this.leadingActions.timer;
  }

  /** The meeting's plan, "Next" by it, and new meetings. */
  get plan(): PlanActions {
    return this.leadingActions.plan;
  }

  /** The issues in hand: questions, agreements and actions per step, kept by facilitators. */
  get issues(): IssueActions {
    return this.leadingActions.issues;
  }

  /** Agenda setting: the suggested next step into the plan. */
  get nextStep(): NextStepActions {
    return this.leadingActions.nextStep;
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
