import {
  latestVotingRound,
  notesInScope,
  observeNotes,
  observeVotes,
  observeVotingRounds,
  roundVotes,
  type VotingRound,
} from '@kompas/model';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import type { CanvasVote } from '../../core/board-events.ts';
import { canvasVotes, type VotingState, votingState } from '../../core/voting-state.ts';
import { SubscriptionController } from '../../ui/subscription-controller.ts';

export interface VotingControllerOptions {
  /** The person voting here: their user id, and whether their role lets them vote. */
  voter: () => { id: string; mayVote: boolean };
  /** Called when a round opens, from here or elsewhere, and for a round already open when this person came in. */
  onOpen?: (round: VotingRound) => void;
}

/**
 * Binds a component to the board's latest voting round (from the control document) and its votes and notes
 * (from the content document). `state` is that round as this person sees it, or null before any round.
 */
export class VotingController implements ReactiveController {
  state: VotingState | null = null;
  /** The notes' badges and vote actions on the canvas; a new map only when the state changed. */
  canvasVotes: ReadonlyMap<string, CanvasVote> = new Map();
  private round: VotingRound | null = null;
  private readonly content: SubscriptionController<Y.Doc>;
  private stale = true;
  private lastVoter = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    getControlDoc: () => Y.Doc | undefined,
    getDoc: () => Y.Doc | undefined,
    private readonly options: VotingControllerOptions,
  ) {
    new SubscriptionController(host, getControlDoc, (doc) => {
      this.readRound(doc);
      const unsubscribe = observeVotingRounds(doc, () => this.readRound(doc));
      return () => {
        unsubscribe();
        this.round = null;
        this.changed();
      };
    });
    this.content = new SubscriptionController(host, getDoc, (doc) => {
      const offVotes = observeVotes(doc, () => this.changed());
      const offNotes = observeNotes(doc, () => this.changed());
      this.changed();
      return () => {
        offVotes();
        offNotes();
        this.changed();
      };
    });
    // Added after the subscriptions, so documents are bound before hostUpdate derives the state.
    host.addController(this);
  }

  hostUpdate(): void {
    const voter = this.options.voter();
    const voterKey = `${voter.id}/${voter.mayVote}`;
    if (!this.stale && voterKey === this.lastVoter) return;
    this.stale = false;
    this.lastVoter = voterKey;
    const doc = this.content.source;
    const round = this.round;
    this.state =
      round && doc
        ? votingState(round, roundVotes(doc, round), notesInScope(doc, round.scope), voter.id, voter.mayVote)
        : null;
    this.canvasVotes = canvasVotes(this.state);
  }

  private readRound(doc: Y.Doc): void {
    const previous = this.round;
    const round = latestVotingRound(doc);
    this.round = round;
    if (round && round.closedAt === null && round.id !== previous?.id) this.options.onOpen?.(round);
    this.changed();
  }

  private changed(): void {
    this.stale = true;
    this.host.requestUpdate();
  }
}
