/**
 * The board's parts that its first picture does not need, for everyone: the bars, panels and menus around the
 * circle, and the board as a list (hidden until the focus enters it). board-later-parts.ts downloads this
 * module once the board is open; until then their tags are empty.
 */
import '../export/export-menu.ts';
import '../facilitation/brainstorm/brainstorm-bar.ts';
import '../facilitation/follow/follow-bar.ts';
import '../facilitation/issues/issues-panel.ts';
import '../facilitation/lock/lock-status.ts';
import '../facilitation/next-step/next-step-card.ts';
import '../facilitation/phases/phase-announcement.ts';
import '../facilitation/phases/steps-panel.ts';
import '../facilitation/rounds/round-view.ts';
import '../facilitation/timer/timer-widget.ts';
import '../facilitation/voting/voting-panel.ts';
import '../facilitation/voting/voting-status.ts';
import '../invite/invite-menu.ts';
import '../notes/notes-list.ts';
import '../ui/shortcuts-dialog.ts';
