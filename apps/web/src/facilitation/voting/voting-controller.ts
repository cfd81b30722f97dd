import { listNotes, type Rounds, roundVotes, type VotingRound } from '@kompas/model';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import type { CanvasVote } from '../../core/board-events.ts';
import { boardRounds, FIRST_ROUND, roundsKey } from '../../core/board-rounds.ts';
import { latestRound, votesAndNotes } from '../../core/board-values.ts';
import { canvasVotes, notesToVoteOn, type VotingState, votingState } from '../../core/voting-state.ts';
import { BoundValue } from '../../ui/bound-value.ts';

export interface VotingControllerOptions {
  /** The person voting here: their user id, and whether their role lets them vote. */
  voter: () => { id: string; mayVote: boolean };
  /** Called when a round opens, from here or elsewhere, and for a round already open when this person came in. */
  onOpen?: (round: VotingRound) => void;
}

/**
 * Binds a component to the board's latest voting round and the rounds of the circle (from the control
 * document) and its votes and notes (from the content document). `state` is that round as this person sees
 * it, or null before any round.
 */
export class VotingController implements ReactiveController {
  state: VotingState | null = null;
  /** The notes' badges and vote actions on the canvas; a new map only when the state changed. */
  canvasVotes: ReadonlyMap<string, CanvasVote> = new Map();
  private readonly round: BoundValue<Y.Doc, VotingRound | null>;
  private readonly content: BoundValue<Y.Doc, number>;
  private readonly rounds: BoundValue<Y.Doc, Rounds>;
  private derivedFrom = '';
  private derivedRound: VotingRound | null = null;
  private derivedDoc: Y.Doc | undefined;

  constructor(
    host: ReactiveControllerHost,
    getControlDoc: () => Y.Doc | undefined,
    getDoc: () => Y.Doc | undefined,
    private readonly options: VotingControllerOptions,
  ) {
    this.round = new BoundValue(host, getControlDoc, latestRound, null, {
      onChange: (round, previous) => {
        if (round && round.closedAt === null && round.id !== previous?.id) options.onOpen?.(round);
      },
    });
    this.content = new BoundValue(host, getDoc, votesAndNotes, 0);
    this.rounds = new BoundValue(host, getControlDoc, boardRounds, FIRST_ROUND);
    // Added after the bound values, so documents are bound before hostUpdate derives the state.
    host.addController(this);
  }

  hostUpdate(): void {
    const voter = this.options.voter();
    const doc = this.content.source;
    const round = this.round.value;
    const rounds = this.rounds.value;
    const key = `${voter.id}/${voter.mayVote}/${this.content.value}/${roundsKey(rounds)}`;
    if (key === this.derivedFrom && round === this.derivedRound && doc === this.derivedDoc) return;
    this.derivedFrom = key;
    this.derivedRound = round;
    this.derivedDoc = doc;
    this.state =
      round && doc
        ? votingState(
            round,
            roundVotes(doc, round),
            notesToVoteOn(listNotes(doc), round, rounds),
            voter.id,
            voter.mayVote,
          )
        : null;
    this.canvasVotes = canvasVotes(this.state);
  }
}
