import type { ReactiveControllerHost } from 'lit';
import { peers } from '../core/board-values.ts';
import type { Awareness, Peer } from '../core/presence.ts';
import { BoundValue } from '../ui/bound-value.ts';

export type { Awareness } from '../core/presence.ts';

/**
 * Binds a component to the awareness of a room: `peers` is everyone present (yourself included).
 * With `cursors: false` the host re-renders only when people come, go, rename or start or stop
 * following someone, not on every cursor move.
 */
export class PresenceController {
  private readonly bound: BoundValue<Awareness, Peer[]>;

  constructor(
    host: ReactiveControllerHost,
    getAwareness: () => Awareness | undefined,
    options: { cursors: boolean; onChange?: (peers: Peer[]) => void },
  ) {
    const binding = peers(options.cursors);
    const onChange = options.onChange;
    // The canvas draws cursors itself from every reading, even those the host need not re-render for.
    this.bound = new BoundValue(
      host,
      getAwareness,
      onChange ? { ...binding, read: (awareness) => tap(binding.read(awareness, []), onChange) } : binding,
      [],
    );
  }

  get peers(): Peer[] {
    return this.bound.value;
  }
}

function tap<Value>(value: Value, see: (value: Value) => void): Value {
  see(value);
  return value;
}
