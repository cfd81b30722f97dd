/** How long a refused write counts against its client's address. */
export const REFUSED_WRITES_WINDOW_MS = 60_000;

/**
 * Refused writes per client address over the last minute. A write refused for what it would do to the
 * document (not from the update alone) costs the room a rebuild of its document, tens of milliseconds for a
 * board of 2,000 notes; a client that reconnects to send one after another would otherwise buy that again and
 * again. Past the budget, the address opens no room until its refusals age out.
 */
export class RefusedWrites {
  private readonly byAddress = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  record(address: string): void {
    const times = this.recent(address);
    times.push(this.now());
    this.byAddress.set(address, times);
  }

  /** Whether the address may open another room. */
  allows(address: string): boolean {
    const times = this.recent(address);
    if (times.length === 0) this.byAddress.delete(address);
    return times.length < this.perMinute;
  }

  private recent(address: string): number[] {
    const since = this.now() - REFUSED_WRITES_WINDOW_MS;
    return (this.byAddress.get(address) ?? []).filter((time) => time > since);
  }
}
