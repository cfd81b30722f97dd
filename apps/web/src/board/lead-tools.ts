/**
 * What only those who lead the workshop use: the dialogs that plan it, set up a vote or a round, lock phases
 * and change the title. Downloaded only for them (see board-later-parts.ts).
 */
import '../facilitation/details/details-dialog.ts';
import '../facilitation/lock/lock-menu.ts';
import '../facilitation/phases/open-steps-dialog.ts';
import '../facilitation/rounds/new-round-dialog.ts';
import '../facilitation/voting/voting-dialog.ts';
