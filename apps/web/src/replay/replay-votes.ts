import {
  latestVotingRound,
  type PlacedVote,
  readRounds,
  stateRoundVotes,
  tally,
  type VotingRound,
} from '@kompas/model';
import type { CanvasVote } from '../core/board-events.ts';
import { canvasVotes, notesToVoteOn, votingState } from '../core/voting-state.ts';
import type { ReplaySession } from './replay-session.ts';

/** The latest voting round at the time shown and its counted votes, or null before the first round. */
function shownRound(session: ReplaySession): { round: VotingRound; votes: PlacedVote[] } | null {
  const round = latestVotingRound(session.controlDoc);
  return round ? { round, votes: stateRoundVotes(session.board.state, round) } : null;
}

/** Votes counted per note in the latest round at the time shown, or null before the first round. */
export function replayedTotals(session: ReplaySession): Map<string, number> | null {
  const shown = shownRound(session);
  return shown ? tally(shown.votes) : null;
}

/**
 * The notes' voting badges at the time shown, as someone who does not vote saw them; the same map while
 * they stay so, so the canvas redraws badges only on change.
 */
export class ReplayVotes {
  private key = '';
  private votes: ReadonlyMap<string, CanvasVote> = new Map();

  canvasVotes(session: ReplaySession): ReadonlyMap<string, CanvasVote> {
    const round = latestVotingRound(session.controlDoc);
    const key = round ? `${session.board.version}:${JSON.stringify(round)}` : '';
    if (key === this.key) return this.votes;
    this.key = key;
    const shown = shownRound(session);
    const notes = session.board.notes().map(({ note }) => note);
    const rounds = readRounds(session.controlDoc);
    this.votes = canvasVotes(
      shown && votingState(shown.round, shown.votes, notesToVoteOn(notes, shown.round, rounds), '', false),
    );
    return this.votes;
  }
}
