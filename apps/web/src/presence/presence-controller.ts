import type { RoomConnection } from '@kompas/client';
import type { ReactiveControllerHost } from 'lit';
import { SubscriptionController } from '../ui/subscription-controller.ts';
import { type Peer, parsePeer, withDistinctColors } from './presence.ts';

export type Awareness = RoomConnection['awareness'];

/**
 * Binds a component to the awareness of a room: `peers` is everyone present (yourself included).
 * With `cursors: false` the host re-renders only when people come, go, rename or start or stop
 * following someone, not on every cursor move.
 */
export class PresenceController {
  peers: Peer[] = [];
  private peopleKey = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    getAwareness: () => Awareness | undefined,
    private readonly options: { cursors: boolean; onChange?: (peers: Peer[]) => void },
  ) {
    new SubscriptionController(host, getAwareness, (awareness) => {
      const onChange = (): void => this.read(awareness);
      awareness.on('change', onChange);
      onChange();
      return () => {
        awareness.off('change', onChange);
        this.peers = [];
        this.peopleKey = '';
      };
    });
  }

  private read(awareness: Awareness): void {
    const peers: Peer[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      const peer = parsePeer(clientId, state, awareness.clientID);
      if (peer) peers.push(peer);
    }
    this.peers = withDistinctColors(peers);
    this.options.onChange?.(this.peers);
    const key = this.peers
      .map(
        (peer) =>
          `${peer.clientId}:${peer.user.id}:${peer.user.name}:${peer.user.color}:${peer.following ?? ''}`,
      )
      .join('|');
    if (this.options.cursors || key !== this.peopleKey) {
      this.peopleKey = key;
      this.host.requestUpdate();
    }
  }
}
