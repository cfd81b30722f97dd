import {
  canVote,
  isNoteInScope,
  type Note,
  type PlacedVote,
  type Rounds,
  remainingVotes,
  resultsShown,
  roundAt,
  tally,
  type VotingRound,
} from '@kompas/model';
import { msg, str } from '@lit/localize';
import type { CanvasVote } from './board-events.ts';

/** What one note shows of a voting round, on the canvas and in the voting panel. */
export interface NoteVoting {
  note: Note;
  /** This person's votes on the note. */
  mine: number;
  /** All votes on the note, or null while the round hides them. */
  total: number | null;
  /** Whether this person may place one more vote on it now. */
  canAdd: boolean;
  /** Whether this person may take one of their votes on it back now. */
  canTakeBack: boolean;
}

/** A voting round as one person sees it. */
export interface VotingState {
  round: VotingRound;
  open: boolean;
  resultsShown: boolean;
  /** Whether this person votes in this round (observers do not). */
  votes: boolean;
  /** Votes this person has left. */
  left: number;
  /** Votes cast by everyone (counted ones). */
  cast: number;
  /** The notes in the round's scope, in board order. */
  notes: NoteVoting[];
}

/**
 * The notes a voting round is about: those in its scope written in the round of the circle it was opened in,
 * and still on the board. A note of an earlier round, dimmed, is voted on once carried along.
 */
export function notesToVoteOn(notes: readonly Note[], voting: VotingRound, rounds: Rounds): Note[] {
  const round = roundAt(rounds.history, voting.openedAt);
  return notes.filter(
    (note) =>
      isNoteInScope(note, voting.scope) &&
      rounds.placeOf(note) !== 'archived' &&
      rounds.roundOf(note) === round,
  );
}

/**
 * Derives what one person sees of `round` from its counted votes and the notes in its scope. Totals stay
 * null while a hidden round is open, so nothing renders them by mistake.
 */
export function votingState(
  round: VotingRound,
  votes: readonly PlacedVote[],
  notes: readonly Note[],
  voterId: string,
  mayVote: boolean,
): VotingState {
  const open = round.closedAt === null;
  const shown = resultsShown(round);
  const votesHere = open && mayVote;
  const totals = tally(votes);
  return {
    round,
    open,
    resultsShown: shown,
    votes: votesHere,
    left: remainingVotes(votes, voterId, round.budget),
    cast: votes.length,
    notes: notes.map((note) => {
      const mine = votes.filter((vote) => vote.voterId === voterId && vote.noteId === note.id).length;
      return {
        note,
        mine,
        total: shown ? (totals.get(note.id) ?? 0) : null,
        canAdd: votesHere && canVote(votes, { voterId, noteId: note.id }, round),
        canTakeBack: votesHere && mine > 0,
      };
    }),
  };
}

/** Most votes first; notes with equal totals keep their board order. */
export function sortedByVotes(notes: readonly NoteVoting[]): NoteVoting[] {
  return [...notes].sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
}

/** "3 votes", "1 vote". */
export function votesText(count: number): string {
  return count === 1 ? msg('1 vote') : msg(str`${count} votes`);
}

/**
 * The badge a note in the round wears on the canvas: this person's dots while the round is open ("Vote" when
 * they have none yet but could vote), with the total once it may be shown; "3 votes" after closing.
 */
export function voteBadgeText(item: NoteVoting, open: boolean): string | null {
  if (!open) return item.total === null ? null : votesText(item.total);
  const dots = item.mine > 0 ? '●'.repeat(item.mine) : item.canAdd ? msg('Vote') : '';
  const parts = [dots, item.total === null ? '' : `${item.total}`].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** The canvas votes of every note in the round that has a badge to show. */
export function canvasVotes(state: VotingState | null): Map<string, CanvasVote> {
  const votes = new Map<string, CanvasVote>();
  if (!state) return votes;
  for (const item of state.notes) {
    const text = voteBadgeText(item, state.open);
    if (text === null) continue;
    votes.set(item.note.id, {
      text,
      marked: item.mine > 0,
      total: item.total,
      mine: item.mine,
      canAdd: item.canAdd,
      canTakeBack: item.canTakeBack,
    });
  }
  return votes;
}
