import {
  type BoardEvent,
  getPhase,
  listMeetings,
  type PhaseId,
  type PhaseVisit,
  readPhaseHistory,
  readPrivateRound,
  readTimer,
  readVotingRounds,
} from '@kompas/model';
import { msg, str } from '@lit/localize';
import * as Y from 'yjs';
import type { RecordedUpdate } from './replay-engine.ts';

export type ReplayEventKind =
  | 'phase'
  | 'timer-start'
  | 'timer-resume'
  | 'timer-pause'
  | 'timer-reset'
  | 'voting-open'
  | 'voting-close'
  | 'vote'
  | 'brainstorm-start'
  | 'brainstorm-reveal'
  | 'meeting'
  | 'note-added';

/** Something that happened in a session, for the timeline's markers; `eventText` says what. */
export interface ReplayEvent {
  at: number;
  kind: ReplayEventKind;
  /** Who did it: a person's id when recorded, else the log's `role:connection`. */
  actor: string;
  /** For phase changes: where the group went. */
  phase?: PhaseId;
  round?: number;
  /** For a note added: its text. */
  text?: string;
  /** For a meeting started: its number, 2 or more (meeting 1 starts with the board). */
  meeting?: number;
}

/** How much of a note's text its event shows. */
const NOTE_TEXT_SHOWN = 40;

/** What happened, in the product's words and the language shown: "Richten, round 1", "Note added: …". */
export function eventText(event: ReplayEvent): string {
  switch (event.kind) {
    case 'phase':
      return event.phase
        ? msg(str`${getPhase(event.phase).label.nl}, round ${event.round ?? 1}`)
        : msg('Phase changed');
    case 'timer-start':
      return msg('Timer started');
    case 'timer-resume':
      return msg('Timer resumed');
    case 'timer-pause':
      return msg('Timer paused');
    case 'timer-reset':
      return msg('Timer reset');
    case 'voting-open':
      return msg('Voting opened');
    case 'voting-close':
      return msg('Voting closed');
    case 'vote':
      return msg('Vote placed');
    case 'brainstorm-start':
      return msg('Silent brainstorm started');
    case 'brainstorm-reveal':
      return msg('Drafts revealed');
    case 'meeting':
      return meetingLabel(event.meeting ?? 2);
    case 'note-added': {
      const text = event.text ?? '';
      const shown = text.length > NOTE_TEXT_SHOWN ? `${text.slice(0, NOTE_TEXT_SHOWN - 1).trimEnd()}…` : text;
      return msg(str`Note added: ${shown}`);
    }
  }
}

/** A meeting's name on the timeline: "Meeting 2". */
export function meetingLabel(number: number): string {
  return msg(str`Meeting ${number}`);
}

/** One stretch of the session spent in one phase of one round. */
export interface PhaseSegment {
  phase: PhaseId;
  round: number;
  from: number;
  to: number;
}

/**
 * The facilitation events of a session, found by playing its control log: phase changes, timer starts, pauses
 * and resets, voting rounds opened and closed, silent brainstorms started and revealed, meetings started. Times are those the
 * values record (the facilitator's move), else the server's time of the update.
 */
export function controlEvents(entries: readonly RecordedUpdate[]): ReplayEvent[] {
  const doc = new Y.Doc();
  const events: ReplayEvent[] = [];
  let visits = 0;
  let timer = readTimer(doc);
  let rounds = new Map(readVotingRounds(doc).map((round) => [round.id, round]));
  let brainstorm = readPrivateRound(doc);
  let meetings = 1;
  for (const entry of entries) {
    Y.applyUpdate(doc, entry.update);
    const history = readPhaseHistory(doc);
    for (const visit of history.slice(visits)) events.push(phaseEvent(visit, entry));
    visits = history.length;

    const nextTimer = readTimer(doc);
    if (nextTimer.status !== timer.status) {
      const kind =
        nextTimer.status === 'running'
          ? timer.status === 'paused'
            ? 'timer-resume'
            : 'timer-start'
          : nextTimer.status === 'paused'
            ? 'timer-pause'
            : 'timer-reset';
      events.push({ at: entry.at, kind, actor: nextTimer.actor ?? entry.actor });
    }
    timer = nextTimer;

    const nextRounds = new Map(readVotingRounds(doc).map((round) => [round.id, round]));
    for (const round of nextRounds.values()) {
      const before = rounds.get(round.id);
      const actor = round.actor ?? entry.actor;
      if (!before) events.push({ at: entry.at, kind: 'voting-open', actor });
      if (round.closedAt !== null && (before?.closedAt ?? null) === null) {
        events.push({ at: entry.at, kind: 'voting-close', actor });
      }
    }
    rounds = nextRounds;

    const nextBrainstorm = readPrivateRound(doc);
    if (nextBrainstorm && nextBrainstorm.id !== brainstorm?.id) {
      events.push({
        at: entry.at,
        kind: 'brainstorm-start',
        actor: nextBrainstorm.actor ?? entry.actor,
      });
    }
    if (nextBrainstorm?.revealedAt !== undefined && brainstorm?.revealedAt === undefined) {
      events.push({
        at: entry.at,
        kind: 'brainstorm-reveal',
        actor: nextBrainstorm.actor ?? entry.actor,
      });
    }
    brainstorm = nextBrainstorm;

    const started = listMeetings(doc);
    for (const meeting of started.slice(meetings)) {
      events.push({
        at: entry.at,
        kind: 'meeting',
        actor: meeting.startedBy ?? entry.actor,
        meeting: meeting.number,
      });
    }
    meetings = started.length;
  }
  doc.destroy();
  return events;
}

function phaseEvent(visit: PhaseVisit, entry: RecordedUpdate): ReplayEvent {
  return {
    at: entry.at,
    kind: 'phase',
    actor: visit.actor ?? entry.actor,
    phase: visit.phase,
    round: visit.round,
  };
}

/** The notes added and the votes placed, as the server found them in the board room's log. */
export function contentEvents(events: readonly BoardEvent[]): ReplayEvent[] {
  return events.map(({ at, kind, actor, text = '' }) =>
    kind === 'note-added' ? { at, kind, actor, text } : { at, kind, actor },
  );
}

/** Events from several sources in time order (stable for equal times). */
export function sortEvents(...lists: readonly ReplayEvent[][]): ReplayEvent[] {
  return lists.flat().sort((a, b) => a.at - b.at);
}

/**
 * The phase stretches of a session up to `end`, from its phase events (each lasts until the next one). Before
 * the first the workshop had not started, so that time has no segment.
 */
export function phaseSegments(events: readonly ReplayEvent[], end: number): PhaseSegment[] {
  const moves = events.filter((event) => event.kind === 'phase' && event.phase && event.round);
  return moves.map((event, index) => ({
    phase: event.phase as PhaseId,
    round: event.round as number,
    from: event.at,
    to: Math.max(event.at, moves[index + 1]?.at ?? end),
  }));
}

/** The event after (direction 1) or before (-1) time `t`, skipping events within `slackMs` of it. */
export function adjacentEvent(
  events: readonly ReplayEvent[],
  t: number,
  direction: 1 | -1,
  slackMs = 500,
): ReplayEvent | undefined {
  if (direction === 1) return events.find((event) => event.at > t + slackMs);
  return events.findLast((event) => event.at < t - slackMs);
}
