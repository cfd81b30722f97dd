import type { FollowSession } from '@kompas/model';
import type { ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { type BoardRegion, sameRegion } from '../../core/board-region.ts';
import { followSession, peers } from '../../core/board-values.ts';
import type { Awareness, Peer } from '../../core/presence.ts';
import { BoundValue } from '../../ui/bound-value.ts';
import { throttle } from '../../ui/throttle.ts';

/** The leader's view goes out at most 20 times a second, like cursors. */
const VIEW_INTERVAL_MS = 50;
/** How soon to try again to show the leader's view when the board could not take it (not drawn yet, mid-gesture). */
const SHOW_RETRY_MS = 250;

/** What this person publishes about following, merged into their presence. */
export interface FollowPresence {
  following: string | null;
  view: BoardRegion | null;
}

export interface FollowControllerOptions {
  getControlDoc(): Y.Doc | undefined;
  getAwareness(): Awareness | undefined;
  /** This person's user id. */
  getUserId(): string;
  /**
   * Shows the leader's region on this person's board; returns false when it could not be shown now (the
   * person is in the middle of a gesture), so it is tried again with the next update.
   */
  show(region: BoardRegion): boolean;
}

/**
 * "Bring everyone to my view", as one person's board takes part in it. The session (who leads) comes from
 * the control document; the leader's view and who follows travel in presence. A leader publishes the region
 * their screen shows; everyone else follows it until they move the board themselves or choose to stop, and
 * can follow again at any time. A new session brings everyone back, including those who stepped out before.
 */
export class FollowController {
  /** How many other people follow this person's view (counted once per person, not per tab). */
  followerCount = 0;
  /** The `since` of the session this person stepped out of, if any. */
  private steppedOutOf: number | null = null;
  private readonly bound: BoundValue<Y.Doc, FollowSession | null>;
  private readonly present: BoundValue<Awareness, Peer[]>;
  private region: BoardRegion | null = null;
  private shown: BoardRegion | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The awareness this person's follow fields were last put into. */
  private published: Awareness | undefined;
  private readonly publishView = throttle((region: BoardRegion | null) => {
    this.present.source?.setLocalStateField('view', region);
  }, VIEW_INTERVAL_MS);

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: FollowControllerOptions,
  ) {
    this.bound = new BoundValue(host, options.getControlDoc, followSession, null, {
      onChange: (session, previous) => this.onSession(session, previous),
    });
    this.present = new BoundValue(host, options.getAwareness, peers, [], {
      onChange: () => this.onPresence(),
      // Cursors move all the time; the host re-renders only when the follower count changes.
      rerender: false,
    });
  }

  /** Who leads "bring everyone to my view" now, if anyone. */
  get session(): FollowSession | null {
    return this.bound.value;
  }

  /** Whether this person leads the running session. */
  get leading(): boolean {
    return this.session?.leader.id === this.options.getUserId();
  }

  /** Whether this person's board follows the leader right now. */
  get following(): boolean {
    const session = this.session;
    return session !== null && !this.leading && this.steppedOutOf !== session.since;
  }

  /** The follow fields of this person's presence, for whoever publishes the whole presence state. */
  presence(): FollowPresence {
    return {
      following: this.following ? (this.session?.leader.id ?? null) : null,
      view: this.leading ? this.region : null,
    };
  }

  /**
   * This person's board now shows `region`; `byPerson` when they moved it themselves (not when it followed
   * the leader or the window was resized). A leader publishes it; a follower who moves steps out.
   */
  viewChanged(region: BoardRegion, byPerson: boolean): void {
    this.region = region;
    if (this.leading) this.publishView(region);
    else if (byPerson && this.following) this.stepOut();
  }

  /** Stops following the running session's leader (until "Follow facilitator" or a new session). */
  stepOut(): void {
    if (!this.following || !this.session) return;
    this.steppedOutOf = this.session.since;
    this.publish();
    this.host.requestUpdate();
  }

  /** Follows the leader again, jumping straight to what they show. */
  followAgain(): void {
    if (!this.session || this.leading) return;
    this.steppedOutOf = null;
    this.shown = null;
    this.publish();
    this.onPresence();
    this.host.requestUpdate();
  }

  private onSession(session: FollowSession | null, previous: FollowSession | null): void {
    if (previous?.since !== session?.since || previous?.leader.id !== session?.leader.id) {
      // A new session brings everyone along again.
      this.steppedOutOf = null;
      this.shown = null;
    }
    this.publish();
    this.onPresence();
  }

  /** Follows what the leader shows, and counts a leader's followers, whenever anyone's presence changes. */
  private onPresence(): void {
    const awareness = this.present.source;
    if (!awareness) return;
    if (awareness !== this.published) {
      // A new presence carries this person's follow fields from the start.
      this.published = awareness;
      this.publish();
    }
    const peers = this.present.value;
    const count = this.leading ? countFollowers(peers, this.options.getUserId()) : 0;
    if (count !== this.followerCount) {
      this.followerCount = count;
      this.host.requestUpdate();
    }
    if (!this.following || !this.session) return;
    const region = leaderRegion(peers, this.session.leader.id);
    if (!region || (this.shown && sameRegion(region, this.shown))) return;
    if (this.options.show(region)) {
      this.shown = region;
    } else if (this.retryTimer === undefined) {
      // Nothing else may change presence for a while (an idle leader), so try again by itself.
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.onPresence();
      }, SHOW_RETRY_MS);
    }
  }

  /** Puts this person's follow fields into their presence (once they have one). */
  private publish(): void {
    const awareness = this.present.source;
    if (!awareness?.getLocalState()) return;
    const { following, view } = this.presence();
    const state = awareness.getLocalState() as Record<string, unknown>;
    if (state.following === following && state.view === view) return;
    this.publishView.cancel();
    awareness.setLocalState({ ...state, following, view });
  }
}

/** People (not tabs) other than the leader whose presence says they follow the leader. */
export function countFollowers(peers: readonly Peer[], leaderId: string): number {
  const followers = new Set<string>();
  for (const peer of peers) {
    if (peer.user.id !== leaderId && peer.following === leaderId) followers.add(peer.user.id);
  }
  return followers.size;
}

/**
 * The region the leader shows. With the leader in two tabs, the tab that joined first (lowest client id)
 * is followed, so every follower picks the same one.
 */
export function leaderRegion(peers: readonly Peer[], leaderId: string): BoardRegion | null {
  let chosen: Peer | null = null;
  for (const peer of peers) {
    if (peer.user.id !== leaderId || !peer.view) continue;
    if (!chosen || peer.clientId < chosen.clientId) chosen = peer;
  }
  return chosen?.view ?? null;
}
