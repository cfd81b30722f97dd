import type { RoomConnection } from '@kompas/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Peer, parsePeer, withDistinctColors } from './presence.ts';

export type Awareness = RoomConnection['awareness'];

/**
 * Binds a component to the awareness of a room: `peers` is everyone present (yourself included).
 * With `cursors: false` the host re-renders only when people come, go or rename, not on every
 * cursor move.
 */
export class PresenceController implements ReactiveController {
  peers: Peer[] = [];
  private awareness: Awareness | undefined;
  private connected = false;
  private peopleKey = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getAwareness: () => Awareness | undefined,
    private readonly options: { cursors: boolean; onChange?: (peers: Peer[]) => void },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.bind();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unbind();
  }

  hostUpdate(): void {
    if (this.getAwareness() !== this.awareness) this.bind();
  }

  private bind(): void {
    this.unbind();
    this.awareness = this.getAwareness();
    if (!this.awareness || !this.connected) return;
    this.awareness.on('change', this.onAwarenessChange);
    this.onAwarenessChange();
  }

  private unbind(): void {
    this.awareness?.off('change', this.onAwarenessChange);
    this.awareness = undefined;
    this.peers = [];
    this.peopleKey = '';
  }

  private readonly onAwarenessChange = (): void => {
    const awareness = this.awareness;
    if (!awareness) return;
    const peers: Peer[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      const peer = parsePeer(clientId, state, awareness.clientID);
      if (peer) peers.push(peer);
    }
    this.peers = withDistinctColors(peers);
    this.options.onChange?.(this.peers);
    const key = this.peers
      .map((peer) => `${peer.clientId}:${peer.user.id}:${peer.user.name}:${peer.user.color}`)
      .join('|');
    if (this.options.cursors || key !== this.peopleKey) {
      this.peopleKey = key;
      this.host.requestUpdate();
    }
  };
}
