import type { PhasePosition, StepId } from '@kompas/model';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RoundViewOpenDetail } from '../../core/board-events.ts';
import type { MoveQuestion } from '../../core/move-questions.ts';

/**
 * The page's part of moving on and of rounds: the question the facilitator is asked before the group moves
 * on (open steps, how to start the next round), and the step the round view shows. Held by the board page;
 * a note's menu or the Steps panel opens the round view with a bubbling `round-view-open` ({ step }).
 */
export class RoundDialogsState implements ReactiveController {
  /** What the facilitator is asked now, with where the group was; null when nothing is asked. */
  question: MoveQuestion | null = null;
  /** The step whose notes the round view shows; null while it is closed. */
  viewStep: StepId | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('round-view-open', this.onOpen);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('round-view-open', this.onOpen);
  }

  ask(question: MoveQuestion | null): void {
    this.question = question;
    this.host.requestUpdate();
  }

  /** The group moved (from here or elsewhere): a question asked where it was no longer stands. */
  groupMoved(to: PhasePosition): void {
    const from = this.question?.from;
    if (from && (from.phase !== to.phase || from.round !== to.round)) this.ask(null);
  }

  showView(step: StepId | null): void {
    this.viewStep = step;
    this.host.requestUpdate();
  }

  private readonly onOpen = (event: CustomEvent<RoundViewOpenDetail>): void => {
    this.showView(event.detail.step);
  };
}
