import { describeValue, ModelError } from './errors.ts';
import { isValidId } from './id.ts';

/**
 * Dot voting budgets: each person has a number of votes to place on notes during a voting round. Pure
 * functions over the list of placed votes, so the facilitator's panel, a participant's browser and a server
 * check all count the same way. A person may place several votes on one note unless `maxPerNote` says no.
 */
export interface Vote {
  voterId: string;
  noteId: string;
}

export interface VoteRules {
  /** Votes per person, >= 0. */
  budget: number;
  /** Votes one person may place on one note; defaults to the whole budget. */
  maxPerNote?: number;
}

function parseCount(value: unknown, what: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ModelError(
      'invalid-vote-budget',
      `${what} must be a whole number >= ${min}, got ${describeValue(value)}`,
    );
  }
  return value;
}

function parseVote(vote: unknown): Vote {
  const { voterId, noteId } = (typeof vote === 'object' && vote !== null ? vote : {}) as Record<
    string,
    unknown
  >;
  if (!isValidId(voterId) || !isValidId(noteId)) {
    throw new ModelError('invalid-vote', `A vote needs a voter id and a note id, got ${describeValue(vote)}`);
  }
  return { voterId, noteId };
}

function countVotes(votes: readonly Vote[], matches: (vote: Vote) => boolean): number {
  return votes.reduce((count, vote) => (matches(vote) ? count + 1 : count), 0);
}

/** How many votes `voterId` still has; 0 when more were placed than the budget allows (budget lowered). */
export function remainingVotes(votes: readonly Vote[], voterId: string, budget: number): number {
  const allowed = parseCount(budget, 'The vote budget', 0);
  return Math.max(0, allowed - countVotes(votes, (vote) => vote.voterId === voterId));
}

/** Whether `vote` may be placed next to `votes` under `rules`. */
export function canVote(votes: readonly Vote[], vote: Vote, rules: VoteRules): boolean {
  const { voterId, noteId } = parseVote(vote);
  const budget = parseCount(rules.budget, 'The vote budget', 0);
  const maxPerNote =
    rules.maxPerNote === undefined ? budget : parseCount(rules.maxPerNote, 'Votes per note', 1);
  if (remainingVotes(votes, voterId, budget) === 0) return false;
  return countVotes(votes, (placed) => placed.voterId === voterId && placed.noteId === noteId) < maxPerNote;
}

/** The vote `takeBack` would remove: `vote`'s voter's latest placed vote on `vote`'s note, if any. */
export function voteToTakeBack<V extends Vote>(votes: readonly V[], vote: Vote): V | undefined {
  const { voterId, noteId } = parseVote(vote);
  return votes.findLast((placed) => placed.voterId === voterId && placed.noteId === noteId);
}

/** `votes` without one of `vote`'s voter on `vote`'s note (the latest placed); unchanged when there is none. */
export function withoutVote<V extends Vote>(votes: readonly V[], vote: Vote): V[] {
  const taken = voteToTakeBack(votes, vote);
  return votes.filter((placed) => placed !== taken);
}

/**
 * The votes that count under `rules`, in order: each is kept when `canVote` allows it next to the votes kept
 * before it. Two browsers of one person voting at the same moment can both pass the check and so place one
 * vote too many; everyone drops the same extra vote (the later one), so every count agrees.
 */
export function withinBudget<V extends Vote>(votes: readonly V[], rules: VoteRules): V[] {
  const kept: V[] = [];
  for (const vote of votes) if (canVote(kept, vote, rules)) kept.push(vote);
  return kept;
}

/** Total votes per note, most votes first (ties by note id), for showing results and sorting notes. */
export function tally(votes: readonly Vote[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { noteId } of votes) totals.set(noteId, (totals.get(noteId) ?? 0) + 1);
  return new Map(
    [...totals].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0)),
  );
}
