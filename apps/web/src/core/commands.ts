import { getPhase, type PhaseId, type StepId } from '@kompas/model';
import { msg } from '@lit/localize';
import type { BoardCore } from './board-core.ts';
import { BOARD_KEYS, type KeyInput, type ShortcutGroup, undoKeyCommand } from './board-keys.ts';
import type { MoveQuestion } from './move-questions.ts';

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
  /** Shows or hides the issues in hand. */
  toggleIssues(): void;
  /** Asks the facilitator before moving on: about open steps, or how to start the next round. */
  ask(question: MoveQuestion): void;
  /** Opens the round view: the notes of `step`, round by round. */
  showRounds(step: StepId): void;
  /** Opens (true) or closes the facilitator's dialog for the workshop's title and joint task. */
  showDetails(open: boolean): void;
  /** Opens the list of keyboard shortcuts. */
  showShortcuts(): void;
  /** The server's time as this device estimates it: the plan's agenda and the timer count in it. */
  serverNow(): number;
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
  | 'toggle-issues'
  | 'show-rounds'
  | 'start-workshop'
  | 'previous-phase'
  | 'next-phase'
  | 'edit-details'
  | 'show-shortcuts';

/**
 * One thing a person can do on the board, from a button, a menu or the keyboard: its name, the label its
 * button shows, its shortcut, when it is allowed and what it does.
 */
export interface BoardCommand {
  name: CommandName;
  /** In the current language: read it when showing it. */
  readonly label: string;
  /** Where the shortcuts list shows the command's key. */
  group: ShortcutGroup;
  /** The keyboard shortcut as a tooltip and the shortcuts list show it. */
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
  'add-note': {
    name: 'add-note',
    get label() {
      return msg('Add note');
    },
    group: 'notes',
    shortcut: 'N',
    key: (event) => plainKey(event, 'n'),
    when: writer,
    run: ({ view }) => view.addNote(),
  },
  undo: {
    name: 'undo',
    get label() {
      return msg('Undo');
    },
    group: 'notes',
    shortcut: 'Ctrl+Z',
    key: (event) => undoKeyCommand(event) === 'undo',
    when: writer,
    run: ({ core }) => core.undo('undo'),
  },
  redo: {
    name: 'redo',
    get label() {
      return msg('Redo');
    },
    group: 'notes',
    shortcut: 'Ctrl+Shift+Z',
    key: (event) => undoKeyCommand(event) === 'redo',
    when: writer,
    run: ({ core }) => core.undo('redo'),
  },
  // The canvas takes these keys itself while the board has the focus (BOARD_KEYS in core/board-keys.ts).
  'zoom-in': {
    name: 'zoom-in',
    get label() {
      return msg('Zoom in');
    },
    group: 'board',
    shortcut: '+',
    when: always,
    run: ({ view }) => view.zoomIn(),
  },
  'zoom-out': {
    name: 'zoom-out',
    get label() {
      return msg('Zoom out');
    },
    group: 'board',
    shortcut: '−',
    when: always,
    run: ({ view }) => view.zoomOut(),
  },
  'zoom-fit': {
    name: 'zoom-fit',
    get label() {
      return msg('Fit to screen');
    },
    group: 'board',
    shortcut: '0',
    when: always,
    run: ({ view }) => view.zoomToFit(),
  },
  'focus-phase': {
    name: 'focus-phase',
    get label() {
      return msg('Focus on phase');
    },
    group: 'board',
    when: always,
    run: ({ core, view }) => view.focusOn({ kind: 'phase', phase: core.currentPhase }),
  },
  'toggle-steps': {
    name: 'toggle-steps',
    get label() {
      return msg('Steps');
    },
    group: 'facilitation',
    when: always,
    run: ({ view }) => view.toggleSteps(),
  },
  'toggle-voting': {
    name: 'toggle-voting',
    get label() {
      return msg('Voting');
    },
    group: 'facilitation',
    when: always,
    run: ({ view }) => view.toggleVoting(),
  },
  'toggle-issues': {
    name: 'toggle-issues',
    get label() {
      return msg('Issues in hand');
    },
    group: 'facilitation',
    when: always,
    run: ({ view }) => view.toggleIssues(),
  },
  'show-rounds': {
    name: 'show-rounds',
    get label() {
      return msg('Rounds', { desc: 'The round view: the notes of a step per round of the circle' });
    },
    group: 'facilitation',
    when: always,
    // At the phase the group is in, from its first step; the dialog moves on through the circle.
    run: ({ core, view }) => view.showRounds(firstStepOf(core.currentPhase)),
  },
  'start-workshop': {
    name: 'start-workshop',
    get label() {
      return msg('Start workshop');
    },
    group: 'facilitation',
    when: leader,
    // With a plan, the workshop starts at the plan's first item.
    run: ({ core, view }) => {
      const now = view.serverNow();
      if (core.plan.move(now)) core.plan.next(now);
      else core.lead.startWorkshop();
    },
  },
  'previous-phase': {
    name: 'previous-phase',
    get label() {
      return msg('Previous phase');
    },
    group: 'facilitation',
    shortcut: 'Alt+Shift+←',
    key: (event) => phaseKey(event, 'ArrowLeft'),
    when: leader,
    run: ({ core }) => core.lead.previousPhase(),
  },
  'next-phase': {
    name: 'next-phase',
    get label() {
      return msg('Next phase');
    },
    group: 'facilitation',
    shortcut: 'Alt+Shift+→',
    key: (event) => phaseKey(event, 'ArrowRight'),
    when: leader,
    // While the meeting has a plan, Next follows it; the button then names the item (plan-state.ts). Either
    // way, moving on from Aan de slag asks how to start the next round first.
    run: ({ core, view }) => {
      const now = view.serverNow();
      const question = core.plan.move(now) ? core.plan.next(now) : core.lead.nextPhase();
      if (question) view.ask(question);
    },
  },
  'edit-details': {
    name: 'edit-details',
    get label() {
      return msg('Edit title and task');
    },
    group: 'facilitation',
    when: leader,
    run: ({ view }) => view.showDetails(true),
  },
  'show-shortcuts': {
    name: 'show-shortcuts',
    get label() {
      return msg('Keyboard shortcuts');
    },
    group: 'board',
    shortcut: '?',
    key: (event) => event.key === '?' && !(event.ctrlKey || event.metaKey || event.altKey),
    when: always,
    run: ({ view }) => view.showShortcuts(),
  },
};

function firstStepOf(phase: PhaseId): StepId {
  const [first] = getPhase(phase).steps;
  if (!first) throw new Error(`Phase ${phase} has no steps`);
  return first.id;
}

/** A letter typed with no modifier but Shift off: a page-wide key must not fire inside a shortcut. */
function plainKey(event: KeyInput, letter: string): boolean {
  return event.key === letter && !(event.ctrlKey || event.metaKey || event.altKey || event.shiftKey);
}

/** Alt+Shift with an arrow moves the workshop on or back a phase; plain and Alt arrows belong to the canvas. */
function phaseKey(event: KeyInput, arrow: string): boolean {
  return event.key === arrow && event.altKey && event.shiftKey && !(event.ctrlKey || event.metaKey);
}

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

/** One line of the shortcuts list. */
export interface Shortcut {
  group: ShortcutGroup;
  keys: string;
  label: string;
}

/**
 * Every keyboard shortcut of the board, in the current language: the canvas's keys and the commands that have
 * a key of their own, each group in the order people meet them.
 */
export function shortcuts(): Shortcut[] {
  const canvas = BOARD_KEYS.map((key) => ({ group: key.group, keys: key.keys(), label: key.label() }));
  const commands = Object.values(COMMANDS).flatMap((command) =>
    command.key && command.shortcut
      ? [{ group: command.group, keys: command.shortcut, label: command.label }]
      : [],
  );
  const all = [
    ...commands.filter((line) => line.group === 'notes'),
    ...canvas,
    ...commands.filter((line) => line.group !== 'notes'),
  ];
  return SHORTCUT_GROUPS.flatMap((group) => all.filter((line) => line.group === group));
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = ['notes', 'board', 'facilitation'];
