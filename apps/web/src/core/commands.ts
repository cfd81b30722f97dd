import type { PhaseId, StepId } from '@kompas/model';
import type { BoardCore } from './board-core.ts';
import { type KeyInput, undoKeyCommand } from './board-keys.ts';
import type { OpenStepsQuestion } from './lead-actions.ts';

/** A part of the circle the view can focus on, so that its notes fill the screen. */
export type FocusArea = { kind: 'phase'; phase: PhaseId } | { kind: 'step'; step: StepId };

/** What a command may ask of the page showing the board: the canvas's view, the panels, a question. */
export interface BoardView {
  addNote(): void;
  zoomIn(): void;
  zoomOut(): void;
  zoomToFit(): void;
  /** Zooms to a phase or a step; while this person leads "bring everyone to my view", everyone goes along. */
  focusOn(area: FocusArea): void;
  toggleSteps(): void;
  toggleVoting(): void;
  /** Asks the facilitator whether to move on although steps are open. */
  askOpenSteps(question: OpenStepsQuestion): void;
  /** Opens the facilitator's dialog for the workshop's title and joint task. */
  editDetails(): void;
}

export interface CommandContext {
  core: BoardCore;
  view: BoardView;
}

export type CommandName =
  | 'add-note'
  | 'undo'
  | 'redo'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-fit'
  | 'focus-phase'
  | 'toggle-steps'
  | 'toggle-voting'
  | 'start-workshop'
  | 'previous-phase'
  | 'next-phase'
  | 'edit-details';

/**
 * One thing a person can do on the board, from a button, a menu or the keyboard: its name, the label its
 * button shows, its shortcut, when it is allowed and what it does.
 */
export interface BoardCommand {
  name: CommandName;
  label: string;
  /** The keyboard shortcut as a tooltip shows it. */
  shortcut?: string;
  /** Whether a key press outside a text field asks for this command. */
  key?(event: KeyInput): boolean;
  when(context: CommandContext): boolean;
  run(context: CommandContext): void;
}

/** What a button or menu item fires as a `board-command` event. */
export interface BoardCommandDetail {
  command: CommandName;
}

const always = (): boolean => true;
const writer = ({ core }: CommandContext): boolean => !core.readOnly;
const leader = ({ core }: CommandContext): boolean => core.canLead;

export const COMMANDS: { readonly [Name in CommandName]: BoardCommand & { name: Name } } = {
  'add-note': { name: 'add-note', label: 'Add note', when: writer, run: ({ view }) => view.addNote() },
  undo: {
    name: 'undo',
    label: 'Undo',
    shortcut: 'Ctrl+Z',
    key: (event) => undoKeyCommand(event) === 'undo',
    when: writer,
    run: ({ core }) => core.undo('undo'),
  },
  redo: {
    name: 'redo',
    label: 'Redo',
    shortcut: 'Ctrl+Shift+Z',
    key: (event) => undoKeyCommand(event) === 'redo',
    when: writer,
    run: ({ core }) => core.undo('redo'),
  },
  // The canvas takes these keys itself while the board has the focus (core/board-keys.ts).
  'zoom-in': {
    name: 'zoom-in',
    label: 'Zoom in',
    shortcut: '+',
    when: always,
    run: ({ view }) => view.zoomIn(),
  },
  'zoom-out': {
    name: 'zoom-out',
    label: 'Zoom out',
    shortcut: '−',
    when: always,
    run: ({ view }) => view.zoomOut(),
  },
  'zoom-fit': {
    name: 'zoom-fit',
    label: 'Fit to screen',
    shortcut: 'Shift+1',
    when: always,
    run: ({ view }) => view.zoomToFit(),
  },
  'focus-phase': {
    name: 'focus-phase',
    label: 'Focus on phase',
    when: always,
    run: ({ core, view }) => view.focusOn({ kind: 'phase', phase: core.currentPhase }),
  },
  'toggle-steps': {
    name: 'toggle-steps',
    label: 'Steps',
    when: always,
    run: ({ view }) => view.toggleSteps(),
  },
  'toggle-voting': {
    name: 'toggle-voting',
    label: 'Voting',
    when: always,
    run: ({ view }) => view.toggleVoting(),
  },
  'start-workshop': {
    name: 'start-workshop',
    label: 'Start workshop',
    when: leader,
    run: ({ core }) => core.lead.startWorkshop(),
  },
  'previous-phase': {
    name: 'previous-phase',
    label: 'Previous phase',
    when: leader,
    run: ({ core }) => core.lead.previousPhase(),
  },
  'next-phase': {
    name: 'next-phase',
    label: 'Next phase',
    when: leader,
    run: ({ core, view }) => {
      const question = core.lead.nextPhase();
      if (question) view.askOpenSteps(question);
    },
  },
  'edit-details': {
    name: 'edit-details',
    label: 'Edit title and task',
    when: leader,
    run: ({ view }) => view.editDetails(),
  },
};

/** Runs command `name` when it is allowed now; returns whether it ran. */
export function runCommand(name: CommandName, context: CommandContext): boolean {
  const command = COMMANDS[name];
  if (!command.when(context)) return false;
  command.run(context);
  return true;
}

/** The command a key press asks for, if any. */
export function commandForKey(event: KeyInput): BoardCommand | undefined {
  return Object.values(COMMANDS).find((command) => command.key?.(event));
}
