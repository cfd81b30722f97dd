import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Starts listening to a source, reads its current state, and returns how to stop listening. */
export type Subscribe<Source> = (source: Source) => () => void;

/**
 * Keeps a host subscribed to a source (a room connection, an undo manager, a document, an awareness)
 * while the host is connected. The source may be set or replaced after the host connected, so it is
 * compared before each update and the subscription moves with it.
 */
export class SubscriptionController<Source> implements ReactiveController {
  private bound: Source | undefined;
  private unsubscribe: (() => void) | null = null;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly getSource: () => Source | undefined,
    private readonly subscribe: Subscribe<Source>,
  ) {
    host.addController(this);
  }

  /** The source currently subscribed to, if any. */
  get source(): Source | undefined {
    return this.bound;
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
    if (this.getSource() !== this.bound) this.bind();
  }

  private bind(): void {
    this.unbind();
    const source = this.getSource();
    if (!source || !this.connected) return;
    this.bound = source;
    this.unsubscribe = this.subscribe(source);
  }

  private unbind(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.bound = undefined;
  }
}
