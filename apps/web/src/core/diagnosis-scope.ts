import { historyWithin, type Meeting, type Note, type PhaseVisit } from '@kompas/model';

/** What the live diagnosis covers: the whole trajectory, or the meeting going on now. */
export type DiagnosisScope = 'trajectory' | 'meeting';

/**
 * The phase history and the notes a diagnosis reads for `scope`. For the current meeting (the last one):
 * where the group stood when it began and the moves since, and the notes written since it began.
 */
export function scopedDiagnosisInput<N extends Pick<Note, 'createdAt'>>(
  history: readonly PhaseVisit[],
  notes: readonly N[],
  meetings: readonly Meeting[],
  scope: DiagnosisScope,
): { history: readonly PhaseVisit[]; notes: readonly N[] } {
  const meeting = meetings.at(-1);
  if (scope === 'trajectory' || !meeting || meetings.length < 2) return { history, notes };
  return {
    history: historyWithin(history, meetings, meeting),
    notes: notes.filter((note) => note.createdAt >= meeting.startedAt),
  };
}
