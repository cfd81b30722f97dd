import type { Meeting, PhaseVisit } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import { scopedDiagnosisInput } from './diagnosis-scope.ts';

const visit = (phase: PhaseVisit['phase'], at: number): PhaseVisit => ({ phase, round: 1, at, actor: 'fay' });
const history = [visit('verkennen', 1_000), visit('richten', 5_000), visit('inrichten', 12_000)];
const notes = [{ createdAt: 2_000 }, { createdAt: 11_000 }, { createdAt: 13_000 }];
const first: Meeting = { id: 'first', number: 1, startedAt: 0, startedBy: null };
const second: Meeting = { id: 'm2', number: 2, startedAt: 10_000, startedBy: 'fay' };

describe('the diagnosis of one meeting or the whole trajectory', () => {
  it('reads everything for the trajectory, and while there is only one meeting', () => {
    expect(scopedDiagnosisInput(history, notes, [first, second], 'trajectory')).toEqual({ history, notes });
    expect(scopedDiagnosisInput(history, notes, [first], 'meeting')).toEqual({ history, notes });
  });

  it('reads the current meeting from where the group stood when it began, with the notes written since', () => {
    const scoped = scopedDiagnosisInput(history, notes, [first, second], 'meeting');
    expect(scoped.history.map(({ phase, at }) => [phase, at])).toEqual([
      ['richten', 10_000],
      ['inrichten', 12_000],
    ]);
    expect(scoped.notes).toEqual([{ createdAt: 11_000 }, { createdAt: 13_000 }]);
  });
});
