import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { boardKeyCommand, isTypingTarget } from '../core/board-keys.ts';
import type { NoteView } from '../notes/note-view.ts';

/** What the board's keys act on; `shown` is null while there is no board to act on. */
export interface CanvasKeyActions {
  shown(): { stage: HTMLElement; selected: NoteView | undefined; readOnly: boolean } | null;
  holdToPan(held: boolean): void;
  deleteNote(view: NoteView): void;
  editNote(view: NoteView): void;
  escape(): void;
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
}

/**
 * The board's keys (see boardKeyCommand), heard on the window while the canvas is connected, so they work
 * whether the board or the page has the focus; typing in a field is left alone.
 */
export class CanvasKeys implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
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
    const target = event.composedPath()[0];
    const shown = this.actions.shown();
    if (!shown || isTypingTarget(target) || event.defaultPrevented) return;
    const onBoard = target === shown.stage || target === document.body || target === document.documentElement;
    const { selected } = shown;
    const command = boardKeyCommand(event, {
      onBoard,
      noteSelected: Boolean(selected),
      readOnly: shown.readOnly,
    });
    if (command && command !== 'escape') event.preventDefault();
    switch (command) {
      case 'hold-to-pan':
        this.actions.holdToPan(true);
        break;
      case 'delete-note':
        if (selected) this.actions.deleteNote(selected);
        break;
      case 'edit-note':
        if (selected) this.actions.editNote(selected);
        break;
      case 'escape':
        this.actions.escape();
        break;
      case 'zoom-in':
        this.actions.zoomIn();
        break;
      case 'zoom-out':
        this.actions.zoomOut();
        break;
      case 'fit':
        this.actions.fit();
        break;
    }
  };

  private readonly onKeyUp = (event: KeyboardEvent): void => {
    if (event.key === ' ') this.actions.holdToPan(false);
  };

  private readonly onWindowBlur = (): void => {
    this.actions.holdToPan(false);
  };
}
