import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type BoardKeyCommand, boardKeyCommand, isTypingTarget } from '../core/board-keys.ts';

/** What the board's keys act on; `shown` is null while there is no board to act on. */
export interface CanvasKeyActions {
  shown(): { stage: HTMLElement; noteSelected: boolean; readOnly: boolean } | null;
  holdToPan(held: boolean): void;
  run(command: BoardKeyCommand): void;
}

/**
 * The board's keys (see BOARD_KEYS in core/board-keys.ts), heard on the window while the canvas is connected,
 * so they work whether the board or the page has the focus; typing in a field is left alone, and so are keys
 * meant for a control elsewhere on the page (a dialog, the header).
 */
export class CanvasKeys implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly actions: CanvasKeyActions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKeyDown);
    window.addEventListener('keyup', this.onKeyUp);
    window.addEventListener('blur', this.onWindowBlur);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('keyup', this.onKeyUp);
    window.removeEventListener('blur', this.onWindowBlur);
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const path = event.composedPath();
    const target = path[0];
    const shown = this.actions.shown();
    if (!shown || isTypingTarget(target) || event.defaultPrevented) return;
    const onBoard = target === shown.stage || target === document.body || target === document.documentElement;
    const command = boardKeyCommand(event, {
      onBoard,
      noteSelected: shown.noteSelected,
      readOnly: shown.readOnly,
    });
    if (!command) return;
    // A note's menu and card are the canvas's own (Delete there deletes the note); a dialog's keys are not.
    if (!onBoard && !path.includes(this.host)) return;
    if (command.kind === 'hold-to-pan') {
      event.preventDefault();
      this.actions.holdToPan(true);
      return;
    }
    if (command.kind !== 'escape') event.preventDefault();
    this.actions.run(command);
  };

  private readonly onKeyUp = (event: KeyboardEvent): void => {
    if (event.key === ' ') this.actions.holdToPan(false);
  };

  private readonly onWindowBlur = (): void => {
    this.actions.holdToPan(false);
  };
}
