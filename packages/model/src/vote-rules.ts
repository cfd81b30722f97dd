import type * as Y from 'yjs';
import type { BoardBefore } from './board-before.ts';
import { getNote } from './note.ts';
import { canVote } from './vote-budget.ts';
import { currentVotingRound, isNoteInScope, listVotes, readStoredVote } from './voting.ts';
import type { WriteContext, WriteRefusal } from './writer.ts';

/**
 * The rules for one vote, as the server applies them to every write: a vote is cast only under the voter's own
 * id, only while a round is open and on a note in its scope, within the voter's budget and the round's limit per
 * note; only the voter takes it back, and only while its round is open (a closed round's result stays).
 *
 * `after` holds the change (its shape already checked); `board` tells what the board was without it. Returns
 * why the change to the vote stored under `id` is refused, or null.
 */
export function findRefusedVoteChange(
  after: Y.Doc,
  id: string,
  board: BoardBefore,
  context: WriteContext,
): WriteRefusal | null {
  const { writer, control } = context;
  const before = board.getVote(id);
  const now = readStoredVote(after, id);
  const open = control === null ? null : currentVotingRound(control);
  if (before) {
    if (before.voter !== writer.person) return { reason: 'only the voter may take a vote back' };
    if (open?.id !== before.round) return { reason: 'votes of a closed round cannot be taken back' };
    if (now && (now.round !== before.round || now.note !== before.note || now.voter !== before.voter)) {
      return { reason: 'a vote cannot be changed, only taken back' };
    }
    return null;
  }
  if (!now) return null;
  if (now.voter !== writer.person) return { reason: 'a vote must be cast under the voter’s own id' };
  if (open === null || now.round !== open.id) return { reason: 'no voting round is open for this vote' };
  const note = getNote(after, now.note);
  if (!note || !isNoteInScope(note, open.scope))
    return { reason: 'this note is not part of the voting round' };
  // Counted as the browsers count: a vote on a note since deleted or moved out of scope is given back.
  const others = listVotes(after, open.id).filter((vote) => {
    const voted = getNote(after, vote.noteId);
    return vote.id !== id && voted !== undefined && isNoteInScope(voted, open.scope);
  });
  if (!canVote(others, { voterId: now.voter, noteId: now.note }, open)) {
    return { reason: 'no votes left for this note in this round' };
  }
  return null;
}
