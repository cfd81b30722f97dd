import type * as Y from 'yjs';
import { readVotingRounds, roundVotes, type VotingScope } from './voting.ts';

export interface ReportVotingRound {
  id: string;
  /** 1, 2, ... in the order the rounds were opened. */
  number: number;
  scope: VotingScope;
  budget: number;
  openedAt: number;
  closedAt: number;
  /** Counted votes: within each person's budget, on notes still in scope. */
  votes: number;
  voters: number;
}

export interface CountedVotes {
  rounds: ReportVotingRound[];
  /** Note id → round id → votes. */
  perNote: Map<string, Map<string, number>>;
  /** Voter id → votes cast. */
  perVoter: Map<string, number>;
}

/**
 * The votes a report counts: those of the closed voting rounds opened within what it covers (`inScope`), per
 * note and per voter.
 */
export function countVotes(content: Y.Doc, control: Y.Doc, inScope: (time: number) => boolean): CountedVotes {
  const perNote = new Map<string, Map<string, number>>();
  const perVoter = new Map<string, number>();
  const rounds: ReportVotingRound[] = [];
  readVotingRounds(control).forEach((round, index) => {
    if (round.closedAt === null || !inScope(round.openedAt)) return;
    const votes = roundVotes(content, round);
    const voters = new Set<string>();
    for (const { noteId, voterId } of votes) {
      const byRound = perNote.get(noteId) ?? new Map<string, number>();
      byRound.set(round.id, (byRound.get(round.id) ?? 0) + 1);
      perNote.set(noteId, byRound);
      perVoter.set(voterId, (perVoter.get(voterId) ?? 0) + 1);
      voters.add(voterId);
    }
    rounds.push({
      id: round.id,
      number: index + 1,
      scope: round.scope,
      budget: round.budget,
      openedAt: round.openedAt,
      closedAt: round.closedAt,
      votes: votes.length,
      voters: voters.size,
    });
  });
  return { rounds, perNote, perVoter };
}
