import { describe, expect, it } from 'vitest';
import { outdatedTimeout } from 'y-protocols/awareness';
import { decodePresenceEntries } from './presence-entries.ts';
import { PresenceTable } from './presence-table.ts';

const ana = JSON.stringify({ user: { name: 'Ana' } });

describe('PresenceTable', () => {
  it('passes a state on at a clock newer than any it passed on for the client, whatever clock the owner sent', () => {
    const table = new PresenceTable();
    const first = table.set({ client: 1, clock: 3, state: ana });
    // A client the relay held no state for is numbered past the current time: earlier relays sent less.
    expect(first?.clock).toBeGreaterThan(Date.now() - 1000);
    const moved = table.set({ client: 1, clock: 4, state: '{"cursor":null}' });
    expect(moved).toEqual({ client: 1, clock: (first?.clock ?? 0) + 1, state: '{"cursor":null}' });
    // What another connection sends for the client changes nothing when y-protocols would ignore it, or it
    // repeats the state.
    const next = (moved?.clock ?? 0) + 1;
    expect(table.changesNothing({ client: 1, clock: next - 1, state: ana })).toBe(true);
    expect(table.changesNothing({ client: 1, clock: next, state: '{"cursor":null}' })).toBe(true);
    expect(table.changesNothing({ client: 1, clock: next, state: ana })).toBe(false);
  });

  it('removes a state at the clock it was passed on at, once, and keeps the clock for its return', () => {
    const table = new PresenceTable();
    expect(table.set({ client: 2, clock: 1, state: 'null' })).toBeNull();
    const present = table.set({ client: 2, clock: 1, state: ana });
    expect(table.remove(2)).toEqual({ client: 2, clock: present?.clock, state: 'null' });
    expect(table.remove(2)).toBeNull();
    expect(table.has(2)).toBe(false);
    expect(table.set({ client: 2, clock: 1, state: ana })?.clock).toBeGreaterThan(present?.clock ?? 0);
  });

  it('greets with every present state one clock ahead, and moves its clocks along', () => {
    const table = new PresenceTable();
    const present = table.set({ client: 1, clock: 1, state: ana });
    table.set({ client: 2, clock: 1, state: ana });
    table.remove(2);
    expect(decodePresenceEntries(table.encodePresent())).toEqual([
      { client: 1, clock: (present?.clock ?? 0) + 1, state: ana },
    ]);
    expect(table.set({ client: 1, clock: 1, state: '{}' })?.clock).toBe((present?.clock ?? 0) + 2);
  });

  it('finds the states not renewed within the timeout y-protocols uses', () => {
    const table = new PresenceTable();
    table.set({ client: 1, clock: 1, state: ana }, 0);
    table.set({ client: 2, clock: 1, state: ana }, 10_000);
    expect(table.outdated(outdatedTimeout - 1)).toEqual([]);
    expect(table.outdated(outdatedTimeout)).toEqual([1]);
  });
});
