import { getFacilitation, type PhasePosition, readTimer, timerRemaining } from '@kompas/model';
import { msg, str } from '@lit/localize';
import { type Peer, parsePeer, withDistinctColors } from '../core/presence.ts';
import { countdownText } from '../ui/timer-text.ts';
import type { ReplaySession } from './replay-session.ts';

/** "Timer 4:05 (paused)": the timer at the time shown, or null when it was not set. */
export function replayedTimerText(session: ReplaySession): string | null {
  const timer = readTimer(session.controlDoc);
  if (timer.status === 'idle') return null;
  const left = countdownText(timerRemaining(timer, session.time));
  return timer.status === 'paused' ? msg(str`Timer ${left} (paused)`) : msg(str`Timer ${left}`);
}

/**
 * Where the group was and whose cursors were where at the time a replay shows, each the same object while it
 * stays so, so the board redraws only on change.
 */
export class ReplayMoment {
  private positionCache: { key: string; position: PhasePosition | null } = { key: '', position: null };
  private cursorCache: { key: string; peers: Peer[] } = { key: '', peers: [] };

  /** Where the group was, or null before the workshop started. */
  position(session: ReplaySession): PhasePosition | null {
    const facilitation = getFacilitation(session.controlDoc);
    const key = facilitation.started ? `${facilitation.phase}:${facilitation.round}` : '';
    if (key !== this.positionCache.key) {
      this.positionCache = {
        key,
        position: facilitation.started ? { phase: facilitation.phase, round: facilitation.round } : null,
      };
    }
    return this.positionCache.position;
  }

  /** The recorded cursors, as the board draws other people's. */
  cursors(session: ReplaySession): Peer[] {
    const peers = session
      .presence()
      .map((sample) => parsePeer(sample.client, sample.state, -1))
      .filter((peer): peer is Peer => peer !== null);
    const key = peers
      .map((peer) => `${peer.clientId}:${peer.user.name}:${peer.cursor?.x}:${peer.cursor?.y}`)
      .join('|');
    if (key !== this.cursorCache.key) this.cursorCache = { key, peers: withDistinctColors(peers) };
    return this.cursorCache.peers;
  }
}
