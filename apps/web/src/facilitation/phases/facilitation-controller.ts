import type { RoomConnection } from '@kompas/client';
import { type Facilitation, getFacilitation, observeFacilitation, type PhasePosition } from '@kompas/model';
import type { ReactiveControllerHost } from 'lit';
import { SubscriptionController } from '../../ui/subscription-controller.ts';

export interface FacilitationOptions {
  /**
   * Called when the group moves to another phase or round, from here or elsewhere; not for the state
   * that arrives with the first sync, which is where the group already was when this person came in.
   */
  onMove?: (position: PhasePosition) => void;
}

function samePosition(a: Facilitation, b: Facilitation): boolean {
  return a.started === b.started && a.phase === b.phase && a.round === b.round;
}

/** Binds a component to a board's facilitation state, read from the control room's document. */
export class FacilitationController {
  facilitation: Facilitation | undefined;

  constructor(
    host: ReactiveControllerHost,
    getConnection: () => RoomConnection | undefined,
    options: FacilitationOptions = {},
  ) {
    new SubscriptionController(host, getConnection, (connection) => {
      const doc = connection.doc;
      // Before the first sync the document is empty, so the first state it receives is no move.
      let loaded = connection.synced;
      const onSynced = (): void => {
        loaded = true;
      };
      this.facilitation = getFacilitation(doc);
      connection.on('synced', onSynced);
      const unsubscribe = observeFacilitation(doc, () => {
        const previous = this.facilitation;
        const next = getFacilitation(doc);
        this.facilitation = next;
        if (loaded && next.started && previous && !samePosition(previous, next)) {
          options.onMove?.({ phase: next.phase, round: next.round });
        }
        host.requestUpdate();
      });
      return () => {
        unsubscribe();
        connection.off('synced', onSynced);
        this.facilitation = undefined;
      };
    });
  }

  /** Where the group is, or null before the facilitator has started the workshop. */
  get position(): PhasePosition | null {
    const facilitation = this.facilitation;
    return facilitation?.started ? { phase: facilitation.phase, round: facilitation.round } : null;
  }
}
