import { boardEvent, type CanvasVote, type NoteVoteDetail } from '../core/board-events.ts';
import { type Point, rectContains } from '../core/viewport.ts';
import type { NoteView } from '../notes/note-view.ts';

/**
 * A click at board point `point` on a note's voting badge votes, firing `note-vote` from `target` when this
 * person may (`takeBack`, Alt held: takes a vote back). Returns whether the click hit the badge.
 */
export function badgeVote(
  target: EventTarget,
  votes: ReadonlyMap<string, CanvasVote>,
  note: NoteView,
  point: Point,
  takeBack: boolean,
): boolean {
  const vote = votes.get(note.note.id);
  const badge = note.badgeBox;
  if (!vote || !badge || !rectContains(badge, point)) return false;
  if (takeBack ? vote.canTakeBack : vote.canAdd) {
    target.dispatchEvent(boardEvent<NoteVoteDetail>('note-vote', { id: note.note.id, takeBack }));
  }
  return true;
}
