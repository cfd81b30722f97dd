/**
 * The budgets that keep one client from taking what everyone shares: past one, that client alone is closed
 * with CloseCode.overBudget and a reason naming the budget, and the refusal is counted.
 */
export type Budget =
  | 'frameSize'
  | 'bytesPerSecond'
  | 'frameDeadline'
  | 'connectionsPerAddress'
  | 'connectionsPerRoom'
  | 'pendingBytes'
  | 'storedBytes'
  | 'refusedWrites';

export const BUDGETS: readonly Budget[] = [
  'frameSize',
  'bytesPerSecond',
  'frameDeadline',
  'connectionsPerAddress',
  'connectionsPerRoom',
  'pendingBytes',
  'storedBytes',
  'refusedWrites',
];

/** The close reason for each budget: short enough for a close frame, and it names the budget. */
export const BUDGET_REASONS: Record<Budget, string> = {
  frameSize: 'over budget: frame size',
  bytesPerSecond: 'over budget: bytes per second',
  frameDeadline: 'over budget: frame not finished in time',
  connectionsPerAddress: 'over budget: connections per address',
  connectionsPerRoom: 'over budget: connections per room',
  pendingBytes: 'over budget: pending bytes per room',
  storedBytes: 'over budget: stored bytes per board',
  refusedWrites: 'over budget: refused writes per address; wait a minute',
};

/** A count per budget, all zero. */
export function budgetCounts(): Record<Budget, number> {
  return Object.fromEntries(BUDGETS.map((budget) => [budget, 0])) as Record<Budget, number>;
}
