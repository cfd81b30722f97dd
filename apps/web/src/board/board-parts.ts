import { listMeetings, type PhaseId, type PhasePosition } from '@kompas/model';
import type { BoardInfo } from '@kompas/protocol';
import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import type { BoardCore } from '../core/board-core.ts';
import type { BoardSession } from '../core/board-session.ts';
import { isRunning, positionOf } from '../core/board-values.ts';
import { liveNoteSource } from '../core/live-note-source.ts';
import type { LocalUser } from '../core/local-user.ts';
import type { NoteSource } from '../core/note-source.ts';
import type { ExportFailedDetail } from '../export/export-menu.ts';
import type { FollowController } from '../facilitation/follow/follow-controller.ts';
// The agenda takes a row of the page's layout: it comes with the board, so the board does not move when it arrives.
import '../facilitation/plan/agenda-strip.ts';
import type { VotingController } from '../facilitation/voting/voting-controller.ts';
// The keyboard's first stop comes with the board; the list it leads to comes with the tools (board-tools.ts).
import '../notes/skip-to-list.ts';
import '../ui/announcements.ts';
import { navigateOnPlainClick, replayPath } from '../ui/router.ts';
import './board-header.ts';
import './offline-banner.ts';
import type { BoardBindings } from './board-bindings.ts';
import { boardEventHandlers } from './board-handlers.ts';
import type { BoardPage } from './board-page.ts';

/** No phase is locked for this person. */
const NO_PHASES: readonly PhaseId[] = [];

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
  /** Whether the facilitator's title and task dialog is open, and why their last change was refused. */
  detailsOpen: boolean;
  detailsError: string;
  toast: (text: string) => void;
  /** The toast shown now, among the announcements; empty for none. */
  toastMessage: string;
}

/** The colour of the person whose view is followed, for the frame around a follower's board. */
function leaderColor({ follow, values }: BoardParts): string {
  const leader = follow.session?.leader.id;
  return values.presence.value.find((peer) => peer.user.id === leader)?.user.color ?? '';
}

/** A facilitator's lock and silent brainstorm, beside the follow buttons or atop the phone's list. */
function leadTools(parts: BoardParts) {
  const { core, values } = parts;
  if (!core.canLead) return nothing;
  const on = boardEventHandlers(parts);
  return html`<kompas-lock-menu .mode=${values.lock.value.mode} @lock-change=${on.lockChange}></kompas-lock-menu>
    <kompas-brainstorm-start
      .running=${isRunning(values.privateRound.value)}
      @brainstorm-start=${() => core.lead.startBrainstorm()}
    ></kompas-brainstorm-start>`;
}

/** The circle, drawn by the canvas: everywhere but on a phone. */
function renderCanvas(parts: BoardParts, notes: NoteSource, task: string, position: PhasePosition | null) {
  const { core, session, voting, follow } = parts;
  const on = boardEventHandlers(parts);
  return html`<kompas-follow-bar
      class=${parts.votingOpen ? 'beside-panel' : ''}
      .session=${follow.session}
      .canLead=${core.canLead}
      .leading=${follow.leading}
      .following=${follow.following}
      .followerCount=${follow.followerCount}
      .leaderColor=${leaderColor(parts)}
      @follow-command=${on.followCommand}
    >
      ${leadTools(parts)}
    </kompas-follow-bar>
    <kompas-board-canvas
      .notes=${notes}
      .awareness=${session.connection.awareness}
      .task=${task}
      .position=${position}
      .readOnly=${core.readOnly}
      .locked=${core.lockedPhases}
      .lockApplies=${core.lockApplies}
      .mayDelete=${core.permissions.mayDelete}
      .mayCarry=${core.permissions.mayCarry}
      .canRaiseIssues=${core.canLead}
      @note-carry=${on.noteCarry}
      @note-issue=${on.noteIssue}
      @note-locked=${on.noteLocked}
      @note-create=${on.noteCreate}
      @note-edit=${on.noteEdit}
      @note-move=${on.noteMove}
      @note-recolor=${on.noteRecolor}
      @note-delete=${on.noteDelete}
      @cursor-move=${on.cursorMove}
      @viewport-change=${on.viewportChange}
      .votes=${voting.canvasVotes}
      .pending=${parts.values.pendingNotes.value}
      @note-vote=${on.noteVote}
    ></kompas-board-canvas>
    <kompas-zoom-controls .zoom=${parts.zoom} @board-command=${on.command}></kompas-zoom-controls>`;
}

/** The questions before the group moves on (open steps, how the next round starts) and the round view. */
function renderRoundDialogs(parts: BoardParts) {
  const { page, core } = parts;
  const question = page.rounds.question;
  const on = boardEventHandlers(parts);
  return html`<kompas-open-steps-dialog
      .steps=${question?.kind === 'open-steps' ? question.steps : []}
      @move-on=${on.moveOn}
      @stay=${() => page.ask(null)}
    ></kompas-open-steps-dialog>
    <kompas-new-round-dialog
      .core=${core}
      .question=${question?.kind === 'new-round' ? question : null}
      @round-start=${on.roundStart}
      @round-cancel=${() => page.ask(null)}
    ></kompas-new-round-dialog>
    <kompas-round-view
      .core=${core}
      .step=${page.rounds.viewStep}
      @round-view-close=${() => page.showRounds(null)}
    ></kompas-round-view>`;
}

/** The header with the workshop's tools, and the board with its bars, panels and dialogs. */
export function renderBoard(parts: BoardParts) {
  const { page, info, session, core, token, voting, values } = parts;
  // The same source on every render while the documents stay the same: the canvas and the list keep their views.
  const drafts = session.draftsConnection ? session.draftsDoc : undefined;
  const notes = liveNoteSource(session.doc, drafts, session.controlDoc);
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
  return html`<kompas-skip-to-list></kompas-skip-to-list>
    <kompas-board-header
      .boardTitle=${title}
      .task=${task}
      .personRole=${info.role}
      .readOnly=${readOnly}
      .status=${values.connection.value.status}
      .peers=${values.presence.value}
      .canUndo=${values.undo.value.canUndo}
      .canRedo=${values.undo.value.canRedo}
      .position=${position}
      .canLead=${canLead}
      .planMove=${values.planMove.value}
      .stepsOpen=${parts.stepsOpen}
      .votingOpen=${parts.votingOpen}
      .issuesOpen=${page.issues.open}
      @board-command=${on.command}
    >
      <kompas-timer slot="timer" .connection=${session.controlConnection} .canLead=${canLead} .core=${core}></kompas-timer>
      <kompas-lock-status slot="lock" .mode=${lock.mode} .phase=${currentPhase}></kompas-lock-status>
      ${
        info.role === 'observer'
          ? nothing
          : html`<kompas-invite-menu slot="invite" .boardId=${info.id} .token=${token} .personRole=${info.role}></kompas-invite-menu>`
      }
      <kompas-export-menu
        slot="export"
        .boardId=${info.id}
        .token=${token}
        .boardTitle=${title}
        .image=${on.boardImage}
        .replayHref=${replayPath(info.id)}
        .meetings=${() => listMeetings(session.controlDoc)}
        @export-failed=${(event: CustomEvent<ExportFailedDetail>) => parts.toast(event.detail.message)}
      ></kompas-export-menu>
      <a
        slot="export"
        class="replay-link"
        href=${replayPath(info.id)}
        @click=${navigateOnPlainClick}
        >${msg('Replay')}</a
      >
    </kompas-board-header>
    <kompas-agenda-strip .core=${core} .doc=${session.controlDoc} .now=${on.serverNow}></kompas-agenda-strip>
    <div class="body">
      ${
        page.phoneLayout.matches
          ? html`<kompas-phone-board
              .notes=${notes}
              .position=${position}
              .task=${task}
              .voting=${voting.state}
              .readOnly=${readOnly}
              .locked=${core.lockApplies ? core.lockedPhases : NO_PHASES}
              .mayCarry=${core.permissions.mayCarry}
              @note-locked=${on.noteLocked}
              @note-create=${on.noteCreate}
              @note-edit=${on.noteEdit}
              @note-vote=${on.noteVote}
              @note-carry=${on.noteCarry}
              >${leadTools(parts)}</kompas-phone-board
            >`
          : renderCanvas(parts, notes, task, position)
      }
      ${
        parts.votingOpen
          ? html`<kompas-voting-panel
              .state=${voting.state}
              .canLead=${canLead}
              @voting-new=${() => page.showVotingDialog(true)}
              @voting-close=${() => core.lead.closeVoting()}
              @note-vote=${on.noteVote}
              @board-command=${on.command}
            ></kompas-voting-panel>`
          : nothing
      }
      <kompas-notes-list
        .notes=${notes}
        .pending=${values.pendingNotes.value}
        .position=${position}
        .votes=${voting.canvasVotes}
        .readOnly=${readOnly}
        .locked=${core.lockApplies ? core.lockedPhases : NO_PHASES}
        .permissions=${core.permissions}
        @note-locked=${on.noteLocked}
        @note-create=${on.noteCreate}
        @note-edit=${on.noteEdit}
        @note-move=${on.noteMove}
        @note-vote=${on.noteVote}
        @note-carry=${on.noteCarry}
      ></kompas-notes-list>
      <kompas-offline-banner
        .connected=${values.connection.value.status === 'online' && values.connection.value.synced}
        .unsent=${values.pendingNotes.value.size}
        .readOnly=${readOnly}
      ></kompas-offline-banner>
      <kompas-announcements .besideLeft=${parts.votingOpen} .besideRight=${parts.stepsOpen || page.issues.open}>
        ${
          session.newerSchema
            ? html`<kompas-notice tone="warning" role="note">
                ${msg('This board was saved by a newer version of Kompas, so it is shown read-only.')}
              </kompas-notice>`
            : nothing
        }
        <kompas-phase-announcement .position=${parts.announcement}></kompas-phase-announcement>
        <kompas-brainstorm-bar
          .running=${privateRoundRunning}
          .draftsConnection=${session.draftsConnection}
          .personRole=${info.role}
          .canLead=${canLead}
          @brainstorm-reveal=${() => core.lead.revealBrainstorm()}
        ></kompas-brainstorm-bar>
        <kompas-voting-status .state=${voting.state}></kompas-voting-status>
        <kompas-toast inline .message=${parts.toastMessage}></kompas-toast>
      </kompas-announcements>
      ${
        parts.stepsOpen
          ? html`<kompas-steps-panel
              .doc=${session.doc}
              .controlDoc=${session.controlDoc}
              .facilitation=${facilitation}
              .canLead=${canLead}
              @step-status-change=${on.stepStatusChange}
              @board-command=${on.command}
              @step-tidy=${on.stepTidy}
            >
              <kompas-next-step-card
                slot="next-step"
                .source=${session}
                .canLead=${canLead}
                @next-step-add=${on.nextStepAdd}
              ></kompas-next-step-card>
            </kompas-steps-panel>`
          : nothing
      }
      ${
        page.issues.open
          ? html`<kompas-issues-panel
              .controlDoc=${session.controlDoc}
              .canLead=${canLead}
              .phase=${currentPhase}
              .draft=${page.issues.draft}
              @issue-add=${on.issueAdd}
              @issue-change=${on.issueChange}
              @board-command=${on.command}
            ></kompas-issues-panel>`
          : nothing
      }
    </div>
    ${renderRoundDialogs(parts)}
    ${
      canLead
        ? html`<kompas-details-dialog
            .open=${parts.detailsOpen}
            .boardTitle=${title}
            .task=${task}
            .error=${parts.detailsError}
            @details-save=${on.detailsSave}
            @details-cancel=${() => page.showDetails(false)}
          ></kompas-details-dialog>`
        : nothing
    }
    <kompas-voting-dialog
      .open=${parts.votingDialogOpen}
      .phase=${position?.phase ?? null}
      @voting-start=${on.votingStart}
      @voting-cancel=${() => page.showVotingDialog(false)}
    ></kompas-voting-dialog>`;
}
