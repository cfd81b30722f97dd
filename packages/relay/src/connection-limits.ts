import type { Budget } from './budgets.ts';

export interface ConnectionLimitOptions {
  /** Open connections one client address may hold (Infinity: no limit). */
  perAddress: number;
  /** Open connections one room may hold (Infinity: no limit). */
  perRoom: number;
}

/** Counts open connections per client address and per room; an entry is dropped when its count is zero. */
export class ConnectionLimits {
  private readonly byAddress = new Map<string, number>();
  private readonly byRoom = new Map<string, number>();

  constructor(private readonly limits: ConnectionLimitOptions) {}

  /** Counts one more connection, or returns the budget it would pass (then nothing is counted). */
  take(address: string, room: string): Budget | null {
    if ((this.byAddress.get(address) ?? 0) >= this.limits.perAddress) return 'connectionsPerAddress';
    if ((this.byRoom.get(room) ?? 0) >= this.limits.perRoom) return 'connectionsPerRoom';
    increment(this.byAddress, address, 1);
    increment(this.byRoom, room, 1);
    return null;
  }

  /** Forgets one connection counted by `take`. */
  release(address: string, room: string): void {
    increment(this.byAddress, address, -1);
    increment(this.byRoom, room, -1);
  }
}

function increment(counts: Map<string, number>, key: string, by: number): void {
  const count = (counts.get(key) ?? 0) + by;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}
