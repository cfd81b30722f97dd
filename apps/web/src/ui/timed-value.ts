import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A value a component shows for a while after it was set, then `empty` again (and nothing left ticking when
 * the component goes): a toast, the phase the group just moved to.
 */
export class TimedValue<Value> implements ReactiveController {
  value: Value;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly empty: Value,
    private readonly ms: number,
  ) {
    this.value = empty;
    host.addController(this);
  }

  show(value: Value): void {
    this.value = value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.value = this.empty;
      this.host.requestUpdate();
    }, this.ms);
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }
}
