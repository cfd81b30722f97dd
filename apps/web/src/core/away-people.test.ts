import { describe, expect, it } from 'vitest';
import { AWAY_FOR_MS, type Clock, isAway, type ListedPeer, peopleWithAway, withAway } from './away-people.ts';
import type { Awareness, Peer } from './presence.ts';

function peer(clientId: number, name: string, isSelf = false): Peer {
  return {
    clientId,
    isSelf,
    user: { id: name.toLowerCase(), name, color: '#2f6fdf' },
    cursor: { x: 1, y: 2 },
  };
}

const names = (peers: readonly ListedPeer[]) =>
  peers.map((p) => `${p.user.name}${isAway(p) ? ' (away)' : ''}`);

describe('withAway', () => {
  it('keeps someone who dropped out as away, without a cursor, until the time is up', () => {
    const ann = peer(1, 'Ann', true);
    const bea = { ...peer(2, 'Bea'), following: 'ann' };
    const before = withAway([], [ann, bea], 1_000);
    const left = withAway(before, [ann], 5_000);
    expect(names(left)).toEqual(['Ann', 'Bea (away)']);
    expect(left[1]).toMatchObject({ cursor: null, leftAt: 5_000 });
    expect(left[1]?.following).toBeUndefined();
    // Later readings keep when she left.
    expect(withAway(left, [ann], 5_000 + AWAY_FOR_MS - 1)[1]?.leftAt).toBe(5_000);
    expect(names(withAway(left, [ann], 5_000 + AWAY_FOR_MS))).toEqual(['Ann']);
  });

  it('lists someone who comes back as present again, also under a new connection', () => {
    const left = withAway(withAway([], [peer(2, 'Bea')], 0), [], 10);
    expect(names(withAway(left, [peer(9, 'Bea')], 20))).toEqual(['Bea']);
  });

  it('does not count one tab of two closing as leaving, and never lists yourself as away', () => {
    const both = withAway([], [peer(1, 'Ann', true), peer(2, 'Bea'), peer(3, 'Bea')], 0);
    expect(names(withAway(both, [peer(1, 'Ann', true), peer(3, 'Bea')], 10))).toEqual(['Ann', 'Bea']);
    expect(names(withAway(both, [], 10))).toEqual(['Bea (away)']);
  });
});

describe('peopleWithAway', () => {
  /** A clock the test moves by hand. */
  function manualClock() {
    const ticks = new Set<() => void>();
    const clock: Clock & { time: number; tick(): void } = {
      time: 0,
      now: () => clock.time,
      every(_ms, tick) {
        ticks.add(tick);
        return () => ticks.delete(tick);
      },
      tick: () => {
        for (const tick of ticks) tick();
      },
    };
    return clock;
  }

  it('re-reads as time passes, so an away person goes without any presence change', () => {
    const clock = manualClock();
    const binding = peopleWithAway(clock);
    // An awareness as the binding reads it: Ann's own state (client 1) and Bea's (client 2).
    const states = new Map<number, unknown>([
      [1, { user: { id: 'ann', name: 'Ann' }, cursor: null }],
      [2, { user: { id: 'bea', name: 'Bea' }, cursor: null }],
    ]);
    const mine = { clientID: 1, getStates: () => states, on() {}, off() {} } as unknown as Awareness;

    let value: ListedPeer[] = [];
    const reread = () => {
      const next = binding.read(mine, value);
      if (!binding.same?.(value, next)) value = next;
    };
    const stop = binding.watch(mine, reread);
    reread();
    expect(names(value)).toEqual(['Ann', 'Bea']);

    states.delete(2);
    clock.time = 1_000;
    clock.tick();
    expect(names(value)).toEqual(['Ann', 'Bea (away)']);
    clock.time = 1_000 + AWAY_FOR_MS;
    clock.tick();
    expect(names(value)).toEqual(['Ann']);
    stop();
  });
});
