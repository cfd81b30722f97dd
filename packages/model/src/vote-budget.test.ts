import { describe, expect, it } from 'vitest';
import { isModelError } from './errors.ts';
import {
  canVote,
  remainingVotes,
  tally,
  type Vote,
  voteToTakeBack,
  withinBudget,
  withoutVote,
} from './vote-budget.ts';

const anna = (noteId: string): Vote => ({ voterId: 'anna', noteId });
const bram = (noteId: string): Vote => ({ voterId: 'bram', noteId });

describe('vote budget', () => {
  it('counts down each voter’s own budget', () => {
    const votes = [anna('n1'), anna('n2'), bram('n1')];
    expect(remainingVotes(votes, 'anna', 3)).toBe(1);
    expect(remainingVotes(votes, 'bram', 3)).toBe(2);
    expect(remainingVotes(votes, 'carla', 3)).toBe(3);
    expect(remainingVotes(votes, 'anna', 1)).toBe(0);
  });

  it('refuses a vote once the budget is exhausted, and taking one back frees it', () => {
    const votes = [anna('n1'), anna('n2'), anna('n3')];
    expect(canVote(votes, anna('n4'), { budget: 3 })).toBe(false);
    expect(canVote(votes, bram('n4'), { budget: 3 })).toBe(true);
    const after = withoutVote(votes, anna('n2'));
    expect(after).toEqual([anna('n1'), anna('n3')]);
    expect(remainingVotes(after, 'anna', 3)).toBe(1);
    expect(canVote(after, anna('n4'), { budget: 3 })).toBe(true);
    expect(withoutVote(votes, bram('n1'))).toEqual(votes);
  });

  it('takes back the latest of the voter’s votes on that note', () => {
    const first = { ...anna('n1'), id: 'v1' };
    const second = { ...anna('n1'), id: 'v2' };
    const other = { ...bram('n1'), id: 'v3' };
    const votes = [first, second, other];
    expect(voteToTakeBack(votes, anna('n1'))).toBe(second);
    expect(voteToTakeBack(votes, anna('n2'))).toBeUndefined();
    expect(withoutVote(votes, anna('n1'))).toEqual([first, other]);
  });

  it('counts only the votes within the budget and the limit per note, earliest first', () => {
    const votes = [anna('n1'), anna('n1'), bram('n1'), anna('n2'), anna('n3'), anna('n4')];
    expect(withinBudget(votes, { budget: 3 })).toEqual([anna('n1'), anna('n1'), bram('n1'), anna('n2')]);
    expect(withinBudget(votes, { budget: 3, maxPerNote: 1 })).toEqual([
      anna('n1'),
      bram('n1'),
      anna('n2'),
      anna('n3'),
    ]);
    expect(withinBudget([], { budget: 3 })).toEqual([]);
  });

  it('allows several votes on one note unless maxPerNote limits them', () => {
    const votes = [anna('n1'), anna('n1')];
    expect(canVote(votes, anna('n1'), { budget: 5 })).toBe(true);
    expect(canVote(votes, anna('n1'), { budget: 5, maxPerNote: 2 })).toBe(false);
    expect(canVote([], anna('n1'), { budget: 5, maxPerNote: 1 })).toBe(true);
    expect(canVote([anna('n1')], anna('n1'), { budget: 5, maxPerNote: 1 })).toBe(false);
    expect(canVote([anna('n1')], anna('n2'), { budget: 5, maxPerNote: 1 })).toBe(true);
  });

  it('tallies totals per note, most votes first', () => {
    const totals = tally([anna('n2'), bram('n1'), anna('n1'), bram('n3'), anna('n3'), bram('n3')]);
    expect([...totals]).toEqual([
      ['n3', 3],
      ['n1', 2],
      ['n2', 1],
    ]);
    expect(tally([]).size).toBe(0);
  });

  it('rejects invalid budgets and votes', () => {
    const code = (operation: () => unknown) => {
      try {
        operation();
      } catch (error) {
        return isModelError(error) ? error.code : error;
      }
      return undefined;
    };
    expect(code(() => remainingVotes([], 'anna', -1))).toBe('invalid-vote-budget');
    expect(code(() => remainingVotes([], 'anna', 1.5))).toBe('invalid-vote-budget');
    expect(code(() => canVote([], anna('n1'), { budget: 3, maxPerNote: 0 }))).toBe('invalid-vote-budget');
    expect(code(() => canVote([], { voterId: '', noteId: 'n1' }, { budget: 3 }))).toBe('invalid-vote');
  });
});
