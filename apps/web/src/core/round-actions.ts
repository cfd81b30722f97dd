import {
  carryId,
  carryNote,
  type EarlierNotes,
  getNote,
  listNotes,
  type Note,
  type PhasePosition,
  type Rounds,
  readRounds,
  setEarlierNotes,
  startNextRound,
} from '@kompas/model';
import type { BoardCore } from './board-core.ts';
import { changeMakingRoom, freeSpotIn } from './room-making.ts';

/**
 * Rounds of the circle: starting the next one from Aan de slag, with the facilitator's choice for the notes of
 * the rounds before, and carrying notes of an earlier round into the current one.
 */
export class RoundActions {
  constructor(private readonly core: BoardCore) {}

  /** The rounds as this device knows them. */
  get rounds(): Rounds {
    return readRounds(this.core.docs.controlDoc);
  }

  /**
   * Whether this person may carry `note` into the current round: a facilitator any note of an earlier round
   * (under its author's name), a participant their own; never a note carried into this round already.
   */
  mayCarry(note: Pick<Note, 'id' | 'authorId' | 'round' | 'createdAt'>, rounds = this.rounds): boolean {
    if (!this.core.permissions.mayCarryNote(note)) return false;
    return rounds.roundOf(note) < rounds.current && !this.isCarried(note.id, rounds);
  }

  /**
   * Whether note `id` has been carried on already, into the current round or an earlier one after its own: then
   * its carried copy is what goes on, not the note itself a second time.
   */
  isCarried(id: string, rounds = this.rounds): boolean {
    for (let round = 2; round <= rounds.current; round++) {
      if (getNote(this.core.docs.doc, carryId(id, round)) !== undefined) return true;
    }
    return false;
  }

  /**
   * Carries each of `ids` into the current round, in a free spot of its step, as one change the person can
   * undo. Notes this person may not carry are passed over.
   */
  carry(ids: readonly string[]): void {
    const { controlDoc } = this.core.docs;
    this.core.write(({ doc }) => {
      const rounds = this.rounds;
      const onBoard = (note: Note) => rounds.placeOf(note) !== 'archived';
      doc.transact(() => {
        for (const id of ids) {
          const note = listNotes(doc).find((candidate) => candidate.id === id);
          if (!note || !this.mayCarry(note, rounds)) continue;
          const pos = freeSpotIn(note.step, listNotes(doc).filter(onBoard)) ?? note.pos;
          const author = this.core.canLead
            ? undefined
            : { id: this.core.person.id, name: this.core.person.name };
          const carried = carryId(id, rounds.current);
          changeMakingRoom(doc, carried, () => carryNote(doc, controlDoc, id, { pos, author }), onBoard);
        }
      });
    });
  }

  /**
   * Moves the group on from Aan de slag (where the facilitator saw it, `from`) into round N+1, with the choice
   * for the earlier notes, then carries `carry` along into the new round.
   */
  startNextRound(from: PhasePosition, earlier: EarlierNotes, carry: readonly string[] = []): void {
    let started = false;
    this.core.leadWith((doc, opts) => {
      startNextRound(doc, { ...opts, from, earlier });
      started = true;
    });
    if (started && carry.length > 0) this.carry(carry);
  }

  /** A facilitator's change of mind: the notes before `round` dimmed on the board, or archived. */
  setEarlierNotes(round: number, earlier: EarlierNotes): void {
    this.core.leadWith((doc, opts) => setEarlierNotes(doc, round, earlier, opts));
  }
}
