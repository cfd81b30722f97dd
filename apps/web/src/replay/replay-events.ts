import {
  type BoardEvent,
  getPhase,
  type PhaseId,
  type PhaseVisit,
  readPhaseHistory,
  readPrivateRound,
  readTimer,
  readVotingRounds,
} from '@kompas/model';
import * as Y from 'yjs';
import type { RecordedUpdate } from './replay-engine.ts';

export type ReplayEventKind =
  | 'phase'
  | 'timer-start'
  | 'timer-pause'
  | 'timer-reset'
  | 'voting-open'
  | 'voting-close'
  | 'vote'
  | 'brainstorm-start'
  | 'brainstorm-reveal'
  | 'note-added';

/** Something that happened in a session, for the timeline's markers. */
export interface ReplayEvent {
  at: number;
  kind: ReplayEventKind;
  /** What happened, in the product's words, e.g. "Richten, round 1". */
  label: string;
  /** Who did it: a person's id when recorded, else the log's `role:connection`. */
  actor: string;
  /** For phase changes: where the group went. */
  phase?: PhaseId;
  round?: number;
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
 * and resets, voting rounds opened and closed, silent brainstorms started and revealed. Times are those the
 * values record (the facilitator's move), else the server's time of the update.
 */
export function controlEvents(entries: readonly RecordedUpdate[]): ReplayEvent[] {
  const doc = new Y.Doc();
  const events: ReplayEvent[] = [];
  let visits = 0;
  let timer = readTimer(doc);
  let rounds = new Map(readVotingRounds(doc).map((round) => [round.id, round]));
  let brainstorm = readPrivateRound(doc);
  for (const entry of entries) {
    Y.applyUpdate(doc, entry.update);
    const history = readPhaseHistory(doc);
    for (const visit of history.slice(visits)) events.push(phaseEvent(visit, entry));
    visits = history.length;

    const nextTimer = readTimer(doc);
    if (nextTimer.status !== timer.status) {
      const kind =
        nextTimer.status === 'running'
          ? 'timer-start'
          : nextTimer.status === 'paused'
            ? 'timer-pause'
            : 'timer-reset';
      const label =
        kind === 'timer-start'
          ? timer.status === 'paused'
            ? 'Timer resumed'
            : 'Timer started'
          : kind === 'timer-pause'
            ? 'Timer paused'
            : 'Timer reset';
      events.push({ at: entry.at, kind, label, actor: nextTimer.actor ?? entry.actor });
    }
    timer = nextTimer;

    const nextRounds = new Map(readVotingRounds(doc).map((round) => [round.id, round]));
    for (const round of nextRounds.values()) {
      const before = rounds.get(round.id);
      const actor = round.actor ?? entry.actor;
      if (!before) events.push({ at: entry.at, kind: 'voting-open', label: 'Voting opened', actor });
      if (round.closedAt !== null && (before?.closedAt ?? null) === null) {
        events.push({ at: entry.at, kind: 'voting-close', label: 'Voting closed', actor });
      }
    }
    rounds = nextRounds;

    const nextBrainstorm = readPrivateRound(doc);
    if (nextBrainstorm && nextBrainstorm.id !== brainstorm?.id) {
      events.push({
        at: entry.at,
        kind: 'brainstorm-start',
        label: 'Silent brainstorm started',
        actor: nextBrainstorm.actor ?? entry.actor,
      });
    }
    if (nextBrainstorm?.revealedAt !== undefined && brainstorm?.revealedAt === undefined) {
      events.push({
        at: entry.at,
        kind: 'brainstorm-reveal',
        label: 'Drafts revealed',
        actor: nextBrainstorm.actor ?? entry.actor,
      });
    }
    brainstorm = nextBrainstorm;
  }
  doc.destroy();
  return events;
}

function phaseEvent(visit: PhaseVisit, entry: RecordedUpdate): ReplayEvent {
  return {
    at: entry.at,
    kind: 'phase',
    label: `${getPhase(visit.phase).label.nl}, round ${visit.round}`,
    actor: visit.actor ?? entry.actor,
    phase: visit.phase,
    round: visit.round,
  };
}

/** The notes added and the votes placed, as the server found them in the board room's log. */
export function contentEvents(events: readonly BoardEvent[]): ReplayEvent[] {
  return events.map(({ at, kind, actor, text = '' }) =>
    kind === 'note-added'
      ? {
          at,
          kind,
          label: `Note added: ${text.length > 40 ? `${text.slice(0, 39).trimEnd()}…` : text}`,
          actor,
        }
      : { at, kind, label: 'Vote placed', actor },
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
