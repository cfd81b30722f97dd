import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { SubscriptionController } from './subscription-controller.ts';

/** Just enough of a Lit host to drive a controller's lifecycle by hand. */
class FakeHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {}
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }
  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
  update(): void {
    for (const controller of this.controllers) controller.hostUpdate?.();
  }
}

function setup() {
  const host = new FakeHost();
  const log: string[] = [];
  let current: string | undefined;
  const controller = new SubscriptionController(
    host,
    () => current,
    (source) => {
      log.push(`+${source}`);
      return () => log.push(`-${source}`);
    },
  );
  const setSource = (source: string | undefined) => {
    current = source;
  };
  return { host, log, controller, setSource };
}

describe('SubscriptionController', () => {
  it('subscribes only while the host is connected', () => {
    const { host, log, controller, setSource } = setup();
    setSource('a');
    host.update();
    expect(log).toEqual([]);
    host.connect();
    expect(log).toEqual(['+a']);
    expect(controller.source).toBe('a');
    host.disconnect();
    expect(log).toEqual(['+a', '-a']);
    expect(controller.source).toBeUndefined();
  });

  it('follows a source that is set or replaced after connecting', () => {
    const { host, log, controller, setSource } = setup();
    host.connect();
    expect(log).toEqual([]);
    setSource('a');
    host.update();
    host.update();
    setSource('b');
    host.update();
    setSource(undefined);
    host.update();
    expect(log).toEqual(['+a', '-a', '+b', '-b']);
    expect(controller.source).toBeUndefined();
  });
});
