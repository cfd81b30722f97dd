import { NOTE_COLOR_HEX, type NoteColor, type StepId, slicePositionToPoint } from '@kompas/model';
import { msg } from '@lit/localize';
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { CanvasVote } from '../core/board-events.ts';
import type { Rect } from '../core/viewport.ts';
import type { NoteEditorCommitDetail } from '../notes/note-editor.ts';
import type { NoteView } from '../notes/note-view.ts';
import type { StepChooseDetail } from '../notes/step-picker.ts';
import { cssProperties } from '../ui/css-properties.ts';
import { loadOnce } from '../ui/load-once.ts';
import type { BoardStage } from './board-stage.ts';
import type { EditSession } from './edit-session.ts';
import { cardPlacement, editorPlacement, menuPlacement } from './overlay-placement.ts';

/**
 * The note's editor, card and menu over the canvas: downloaded as soon as the canvas is on screen, not before
 * its first picture (board-canvas.ts). One opened sooner shows when its code arrives, focus and all.
 */
export const loadOverlays = loadOnce(() =>
  Promise.all([
    import('../notes/note-card.ts'),
    import('../notes/note-editor.ts'),
    import('../notes/note-menu.ts'),
  ]),
);

/** What the canvas tells assistive technology about using it. Each sentence is a text of its own. */
export function boardHelpText(readOnly: boolean, voting: boolean): string {
  const sentences = readOnly
    ? [
        msg('View only. Drag to move around, scroll or pinch to zoom.'),
        msg('Home selects the first note, the arrow keys go from note to note, and Enter opens it.'),
      ]
    : [
        msg('Drag empty space to move around, scroll or pinch to zoom.'),
        msg(
          'Double-click a step to add a note; double-click a note to edit it; drag a note to another step to move it.',
        ),
        msg(
          'Home selects the first note, the arrow keys go from note to note, and Alt with an arrow moves it to another step.',
        ),
        msg('With a note selected, press Enter to edit and Delete to remove it.'),
      ];
  if (voting) {
    sentences.push(
      msg('While voting, click the badge on a note to vote for it, or press V; Alt+click takes a vote back.'),
    );
  }
  sentences.push(msg('Press ? for all keyboard shortcuts.'));
  return sentences.join(' ');
}

/** How to add a first note, shown on an empty board. */
export function emptyBoardHint() {
  return html`<p class="hint" aria-hidden="true">${msg('Double-click a step to add a note, or use Add note.')}</p>`;
}

/** The editor of the note being written, over its place on the board. */
export function noteEditorOverlay(
  board: BoardStage,
  session: EditSession,
  on: {
    commit: (event: CustomEvent<NoteEditorCommitDetail>) => void;
    cancel: () => void;
    step: (event: CustomEvent<StepChooseDetail>) => void;
  },
) {
  const centre = board.toScreen(slicePositionToPoint(session.step, session.pos));
  const place = editorPlacement(centre, board.view.scale, board.size);
  // One editor element per session: an editor that has committed never reopens.
  return keyed(
    session.id,
    html`<kompas-note-editor
      ${cssProperties({
        left: `${place.left}px`,
        top: `${place.top}px`,
        width: `${place.width}px`,
        height: `${place.height}px`,
      })}
      .text=${session.text}
      .color=${NOTE_COLOR_HEX[session.color]}
      .fontSize=${place.fontSize}
      .step=${session.step}
      .chooseStep=${session.isNew}
      .stepsAlign=${place.left + place.width / 2 > board.size.width / 2 ? 'end' : 'start'}
      @editor-commit=${on.commit}
      @editor-cancel=${on.cancel}
      @editor-step=${on.step}
    ></kompas-note-editor>`,
  );
}

/** What the note menu and the note card ask of the canvas. */
export interface NoteMenuActions {
  recolor: (color: NoteColor) => void;
  edit: () => void;
  delete: () => void;
  /** A facilitator's "Turn into an issue". */
  issue: () => void;
  /** "Carry into round N". */
  carry: () => void;
}

/** What the note's menu offers of the rounds: carrying the note along, and its step per round. */
export interface RoundOffers {
  /** The round the note may be carried into, or null. */
  carryTo: number | null;
  /** The note's step to see per round, or null while the board has had one round only. */
  roundViewStep: StepId | null;
}

function screenBox(board: BoardStage, view: NoteView): Rect {
  const topLeft = board.toScreen({ x: view.box.x, y: view.box.y });
  const scale = board.view.scale;
  return { ...topLeft, width: view.box.width * scale, height: view.box.height * scale };
}

/** The opened note's card beside it: its whole text, author and votes, with the note's menu unless read only. */
export function noteCardOverlay(
  board: BoardStage,
  view: NoteView,
  options: RoundOffers & {
    readOnly: boolean;
    canDelete: boolean;
    canRaiseIssue: boolean;
    vote: CanvasVote | undefined;
  },
  on: NoteMenuActions & { close: () => void },
) {
  const place = cardPlacement(screenBox(board, view), board.size);
  return html`<kompas-note-card
    ${cssProperties({ left: `${place.left}px`, top: `${place.top}px`, '--card-max-height': `${place.maxHeight}px` })}
    .note=${view.note}
    .vote=${options.vote}
    .readOnly=${options.readOnly}
    .canDelete=${options.canDelete}
    .canRaiseIssue=${options.canRaiseIssue}
    .marks=${view.marks}
    .carryTo=${options.carryTo}
    .roundViewStep=${options.roundViewStep}
    @menu-recolor=${(event: CustomEvent<{ color: NoteColor }>) => on.recolor(event.detail.color)}
    @menu-edit=${on.edit}
    @menu-delete=${on.delete}
    @menu-issue=${on.issue}
    @menu-carry=${on.carry}
    @card-close=${on.close}
  ></kompas-note-card>`;
}

/** The menu of the selected note, above it. */
export function noteMenuOverlay(
  board: BoardStage,
  view: NoteView,
  permitted: RoundOffers & { canDelete: boolean; canRaiseIssue: boolean },
  on: NoteMenuActions & { close: () => void },
) {
  const { x, y } = menuPlacement(screenBox(board, view), board.size);
  return html`<kompas-note-menu
    ${cssProperties({ left: `${x}px`, top: `${y}px` })}
    .color=${view.note.color}
    .canDelete=${permitted.canDelete}
    .canRaiseIssue=${permitted.canRaiseIssue}
    .carryTo=${permitted.carryTo}
    .carriedInto=${view.marks.carriedInto ?? null}
    .roundViewStep=${permitted.roundViewStep}
    @menu-recolor=${(event: CustomEvent<{ color: NoteColor }>) => on.recolor(event.detail.color)}
    @menu-edit=${on.edit}
    @menu-delete=${on.delete}
    @menu-issue=${on.issue}
    @menu-carry=${on.carry}
    @menu-close=${on.close}
  ></kompas-note-menu>`;
}
