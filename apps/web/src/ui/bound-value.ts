import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Binding } from '../core/binding.ts';

export interface BoundValueOptions<Value> {
  /** Called with each new value, and with the first one read from a source just bound. */
  onChange?(value: Value, previous: Value): void;
  /** False when `onChange` decides what the host shows and re-renders it itself. Default true. */
  rerender?: boolean;
}

/**
 * Keeps a component's `value` in step with one value of the board: while the host is connected it watches the
 * source (a document, a room connection, an awareness, the undo history) through a headless `Binding` and
 * re-renders the host when the value changes. The source may be set or replaced after the host connected, so
 * it is compared before each update and the subscription moves with it; without a source the value is `empty`.
 */
export class BoundValue<Source, Value> implements ReactiveController {
  value: Value;
  private bound: Source | undefined;
  private unsubscribe: (() => void) | null = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getSource: () => Source | undefined,
    private readonly binding: Binding<Source, Value>,
    private readonly empty: Value,
    private readonly options: BoundValueOptions<Value> = {},
  ) {
    this.value = empty;
    host.addController(this);
  }

  /** The source currently watched, if any. */
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
    if (source === undefined || !this.connected) return;
    this.bound = source;
    this.unsubscribe = this.binding.watch(source, () => this.reread(source));
    this.reread(source);
  }

  private reread(source: Source): void {
    const previous = this.value;
    const value = this.binding.read(source, previous);
    this.value = value;
    if (value === previous || this.binding.same?.(previous, value)) return;
    this.options.onChange?.(value, previous);
    if (this.options.rerender ?? true) this.host.requestUpdate();
  }

  private unbind(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.bound = undefined;
    this.value = this.empty;
  }
}
