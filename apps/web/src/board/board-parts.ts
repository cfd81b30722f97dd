import type { PhasePosition } from '@kompas/model';
import type { BoardInfo } from '@kompas/protocol';
import { html, nothing } from 'lit';
import type { BoardCore } from '../core/board-core.ts';
import type { BoardSession } from '../core/board-session.ts';
import { isRunning, positionOf } from '../core/board-values.ts';
import type { OpenStepsQuestion } from '../core/lead-actions.ts';
import type { LocalUser } from '../core/local-user.ts';
import type { ExportFailedDetail } from '../export/export-menu.ts';
import '../export/export-menu.ts';
import '../facilitation/follow/follow-bar.ts';
import type { FollowController } from '../facilitation/follow/follow-controller.ts';
import '../facilitation/lock/lock-menu.ts';
import '../facilitation/lock/lock-status.ts';
import '../facilitation/phases/open-steps-dialog.ts';
import '../facilitation/phases/phase-announcement.ts';
import '../facilitation/phases/steps-panel.ts';
import '../facilitation/brainstorm/brainstorm-bar.ts';
import '../facilitation/timer/timer-widget.ts';
import type { VotingController } from '../facilitation/voting/voting-controller.ts';
import '../facilitation/voting/voting-dialog.ts';
import '../facilitation/voting/voting-panel.ts';
import '../facilitation/voting/voting-status.ts';
import { liveNoteSource } from '../core/live-note-source.ts';
import '../notes/notes-list.ts';
import { navigate, replayPath } from '../ui/router.ts';
import './board-header.ts';
import type { BoardBindings } from './board-bindings.ts';
import { boardEventHandlers } from './board-handlers.ts';
import type { BoardPage } from './board-page.ts';

/** What the board's parts show: the open board, the page's bound values and its own state. */
export interface BoardParts {
  page: BoardPage;
  info: BoardInfo;
  session: BoardSession;
  core: BoardCore;
  token: string;
  values: BoardBindings;
  user: LocalUser;
  voting: VotingController;
  follow: FollowController;
  zoom: number;
  announcement: PhasePosition | null;
  stepsOpen: boolean;
  votingOpen: boolean;
  votingDialogOpen: boolean;
  openSteps: OpenStepsQuestion | null;
  toast: (text: string) => void;
}

/** Opens the replay in this tab without a page load; other clicks (new tab, window) go their own way. */
function onReplayLink(event: MouseEvent, boardId: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(replayPath(boardId));
}

/** The colour of the person whose view is followed, for the frame around a follower's board. */
function leaderColor({ follow, values }: BoardParts): string {
  const leader = follow.session?.leader.id;
  return values.presence.value.find((peer) => peer.user.id === leader)?.user.color ?? '';
}

/** The header with the workshop's tools, and the board with its bars, panels and dialogs. */
export function renderBoard(parts: BoardParts) {
  const { page, info, session, core, token, voting, follow, values } = parts;
  // The same source on every render while the documents stay the same: the canvas and the list keep their views.
  const notes = liveNoteSource(session.doc, session.draftsConnection ? session.draftsDoc : undefined);
  const on = boardEventHandlers(parts);
  const title = values.meta.value?.title ?? info.title;
  const task = values.meta.value?.task ?? info.task;
  const readOnly = core.readOnly;
  const canLead = core.canLead;
  const facilitation = values.facilitation.value.facilitation;
  const position = positionOf(facilitation);
  const currentPhase = facilitation?.phase ?? 'verkennen';
  const lock = values.lock.value;
  const privateRoundRunning = isRunning(values.privateRound.value);
  return html`<kompas-board-header
      .boardTitle=${title}
      .task=${task}
      .role=${info.role}
      .readOnly=${readOnly}
      .status=${values.connection.value.status}
      .peers=${values.presence.value}
      .canUndo=${values.undo.value.canUndo}
      .canRedo=${values.undo.value.canRedo}
      .position=${position}
      .canLead=${canLead}
      .stepsOpen=${parts.stepsOpen}
      .votingOpen=${parts.votingOpen}
      @board-command=${on.command}
    >
      <kompas-timer slot="timer" .connection=${session.controlConnection} .canLead=${canLead} .core=${core}></kompas-timer>
      <kompas-lock-status slot="lock" .mode=${lock.mode} .phase=${currentPhase}></kompas-lock-status>
      <kompas-export-menu
        slot="export"
        .boardId=${info.id}
        .token=${token}
        .boardTitle=${title}
        .image=${on.boardImage}
        @export-failed=${(event: CustomEvent<ExportFailedDetail>) => parts.toast(event.detail.message)}
      ></kompas-export-menu>
      <a
        slot="export"
        class="replay-link"
        href=${replayPath(info.id)}
        @click=${(event: MouseEvent) => onReplayLink(event, info.id)}
        >Replay</a
      >
    </kompas-board-header>
    <div class="body">
      ${
        session.newerSchema
          ? html`<div class="banner" role="note">
            This board was saved by a newer version of Kompas, so it is shown read-only.
          </div>`
          : nothing
      }
      <kompas-phase-announcement .position=${parts.announcement}></kompas-phase-announcement>
      <kompas-follow-bar
        class=${parts.votingOpen ? 'beside-panel' : ''}
        .session=${follow.session}
        .canLead=${canLead}
        .leading=${follow.leading}
        .following=${follow.following}
        .followerCount=${follow.followerCount}
        .leaderColor=${leaderColor(parts)}
        @follow-command=${on.followCommand}
      >
        ${
          canLead
            ? html`<kompas-lock-menu .mode=${lock.mode} @lock-change=${on.lockChange}></kompas-lock-menu>
                <kompas-brainstorm-start
                  .running=${privateRoundRunning}
                  @brainstorm-start=${() => core.lead.startBrainstorm()}
                ></kompas-brainstorm-start>`
            : nothing
        }
      </kompas-follow-bar>
      <kompas-board-canvas
        .notes=${notes}
        .awareness=${session.connection.awareness}
        .task=${task}
        .position=${position}
        .readOnly=${readOnly}
        .locked=${core.lockedPhases}
        .lockApplies=${core.lockApplies}
        .mayDelete=${core.permissions.mayDelete}
        @note-locked=${on.noteLocked}
        @note-create=${on.noteCreate}
        @note-edit=${on.noteEdit}
        @note-move=${on.noteMove}
        @note-recolor=${on.noteRecolor}
        @note-delete=${on.noteDelete}
        @cursor-move=${on.cursorMove}
        @viewport-change=${on.viewportChange}
        .votes=${voting.canvasVotes}
        @note-vote=${on.noteVote}
      ></kompas-board-canvas>
      <kompas-voting-status .state=${voting.state} .besidePanel=${parts.votingOpen}></kompas-voting-status>
      ${
        parts.votingOpen
          ? html`<kompas-voting-panel
              .state=${voting.state}
              .canLead=${canLead}
              @voting-new=${() => page.showVotingDialog(true)}
              @voting-close=${() => core.lead.closeVoting()}
              @note-vote=${on.noteVote}
            ></kompas-voting-panel>`
          : nothing
      }
      <kompas-notes-list .notes=${notes}></kompas-notes-list>
      <kompas-zoom-controls .zoom=${parts.zoom} @board-command=${on.command}></kompas-zoom-controls>
      <kompas-brainstorm-bar
        .running=${privateRoundRunning}
        .draftsConnection=${session.draftsConnection}
        .role=${info.role}
        .canLead=${canLead}
        @brainstorm-reveal=${() => core.lead.revealBrainstorm()}
      ></kompas-brainstorm-bar>
      ${
        parts.stepsOpen
          ? html`<kompas-steps-panel
              .doc=${session.doc}
              .facilitation=${facilitation}
              .canLead=${canLead}
              @step-status-change=${on.stepStatusChange}
              @step-tidy=${on.stepTidy}
            ></kompas-steps-panel>`
          : nothing
      }
    </div>
    <kompas-open-steps-dialog
      .steps=${parts.openSteps?.steps ?? []}
      @move-on=${on.moveOn}
      @stay=${() => page.askOpenSteps(null)}
    ></kompas-open-steps-dialog>
    <kompas-voting-dialog
      .open=${parts.votingDialogOpen}
      .phase=${position?.phase ?? null}
      @voting-start=${on.votingStart}
      @voting-cancel=${() => page.showVotingDialog(false)}
    ></kompas-voting-dialog>`;
}
