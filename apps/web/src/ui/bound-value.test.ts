import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { BoundValue } from './bound-value.ts';

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

/** A source that counts up, and remembers who watches it. */
class Counter {
  value = 0;
  readonly listeners = new Set<() => void>();
  constructor(readonly name: string) {}
  bump(): void {
    this.value += 1;
    for (const listener of this.listeners) listener();
  }
}

function setup() {
  const host = new FakeHost();
  const log: string[] = [];
  const changes: string[] = [];
  let current: Counter | undefined;
  let updates = 0;
  host.requestUpdate = () => {
    updates += 1;
  };
  const bound = new BoundValue(
    host,
    () => current,
    {
      watch(source: Counter, changed: () => void) {
        log.push(`+${source.name}`);
        source.listeners.add(changed);
        return () => {
          log.push(`-${source.name}`);
          source.listeners.delete(changed);
        };
      },
      read: (source: Counter) => `${source.name}${source.value}`,
      same: (a: string, b: string) => a === b,
    },
    'none',
    { onChange: (value, previous) => changes.push(`${previous}>${value}`) },
  );
  const setSource = (source: Counter | undefined) => {
    current = source;
  };
  return { host, log, changes, bound, setSource, updates: () => updates };
}

describe('BoundValue', () => {
  it('watches its source only while the host is connected', () => {
    const { host, log, bound, setSource } = setup();
    setSource(new Counter('a'));
    host.update();
    expect(log).toEqual([]);
    host.connect();
    expect(log).toEqual(['+a']);
    expect(bound.source?.name).toBe('a');
    expect(bound.value).toBe('a0');
    host.disconnect();
    expect(log).toEqual(['+a', '-a']);
    expect(bound.source).toBeUndefined();
    expect(bound.value).toBe('none');
  });

  it('follows a source that is set or replaced after connecting', () => {
    const { host, log, bound, setSource } = setup();
    host.connect();
    expect(log).toEqual([]);
    setSource(new Counter('a'));
    host.update();
    host.update();
    setSource(new Counter('b'));
    host.update();
    expect(bound.value).toBe('b0');
    setSource(undefined);
    host.update();
    expect(log).toEqual(['+a', '-a', '+b', '-b']);
    expect(bound.source).toBeUndefined();
  });

  it('re-reads the value on each change and re-renders only when it differs', () => {
    const { host, changes, bound, setSource, updates } = setup();
    const counter = new Counter('a');
    setSource(counter);
    host.connect();
    counter.bump();
    expect(bound.value).toBe('a1');
    const before = updates();
    for (const listener of counter.listeners) listener();
    expect(updates()).toBe(before);
    expect(changes).toEqual(['none>a0', 'a0>a1']);
  });
});
