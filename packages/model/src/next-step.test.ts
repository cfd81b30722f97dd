import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaOf, skipAgendaItem, startAgendaItem } from './agenda.ts';
import { diagnose } from './diagnosis.ts';
import { FIRST_MEETING_ID } from './meetings.ts';
import { suggestNextStep } from './next-step.ts';
import { PHASE_AGENDA, STEP_ATTENTION } from './next-step-words.ts';
import type { PhaseVisit } from './phase-history.ts';
import { PHASES, type PhaseId, STEPS, type StepId } from './phases.ts';
import { setPlan } from './plan.ts';
import type { StepStatus } from './step-status.ts';

const visit = (phase: PhaseId, round: number, at: number): PhaseVisit => ({ phase, round, at });
const allDone = (): Record<StepId, StepStatus> => Object.fromEntries(STEPS.map((step) => [step.id, 'done']));
const notes = (...steps: StepId[]) => Object.fromEntries(steps.map((step) => [step, 1]));

describe('suggestNextStep', () => {
  it('names the agenda next planned item first, with what its phase asks', () => {
    const control = new Y.Doc();
    const meeting = FIRST_MEETING_ID;
    setPlan(control, {
      meeting,
      items: [
        { step: 'richten.belangen', minutes: 20, aim: '' },
        { step: 'richten.ambitie', minutes: 20, aim: '' },
      ],
      roles: { facilitator: '', partners: [], notetaker: '' },
      actor: 'fac-1',
      at: 0,
    });
    startAgendaItem(control, { meeting, step: 'richten.belangen', actor: 'fac-1', at: 0 });
    const diagnosis = diagnose({ history: [visit('verkennen', 1, 0)], stepStatuses: {}, notes: [], now: 10 });
    const suggestion = suggestNextStep({
      diagnosis,
      agenda: agendaOf(control, meeting, 10),
      notesPerStep: {},
    });
    expect(suggestion).toEqual({
      step: 'richten.ambitie',
      reason: 'planned',
      because: {
        nl: 'Dit is het volgende punt op de agenda van deze bijeenkomst.',
        en: "This is the next item on this meeting's agenda.",
      },
      attention: STEP_ATTENTION['richten.ambitie'],
      roles: PHASE_AGENDA.richten.roles,
      conversation: PHASE_AGENDA.richten.conversation,
    });

    // Once the plan's items are handled, a step skipped on the agenda comes up.
    skipAgendaItem(control, { meeting, step: 'richten.ambitie', actor: 'fac-1', at: 20 });
    const after = suggestNextStep({
      diagnosis,
      agenda: agendaOf(control, meeting, 30),
      notesPerStep: notes('richten.belangen'),
    });
    expect(after).toMatchObject({ step: 'richten.ambitie', reason: 'skipped' });
    expect(after.because.nl).toBe('Deze stap is op de agenda van deze bijeenkomst overgeslagen.');
  });

  it('names a step left open when the group moved on, and when', () => {
    const diagnosis = diagnose({
      history: [visit('verkennen', 1, 0), visit('richten', 1, 10), visit('inrichten', 1, 20)],
      stepStatuses: { ...allDone(), 'richten.uitgangspunten': 'open', 'verkennen.opgave': 'in-progress' },
      notes: [],
      now: 30,
    });
    const suggestion = suggestNextStep({ diagnosis, agenda: null, notesPerStep: {} });
    expect(suggestion).toMatchObject({ step: 'richten.uitgangspunten', reason: 'skipped' });
    expect(suggestion.because).toEqual({
      nl: 'De groep ging in ronde 1 verder na Richten, terwijl deze stap nog open stond.',
      en: 'The group moved on from Richten in round 1 while this step was still open.',
    });
  });

  it('names a step of a visited phase that has no notes yet', () => {
    const diagnosis = diagnose({ history: [visit('verkennen', 1, 0)], stepStatuses: {}, notes: [], now: 10 });
    const suggestion = suggestNextStep({
      diagnosis,
      agenda: null,
      notesPerStep: notes('verkennen.eigen-situatie'),
    });
    expect(suggestion).toMatchObject({ step: 'verkennen.partners', reason: 'neglected' });
    expect(suggestion.because.en).toBe('The group has been in Verkennen, but this step has no notes yet.');
  });

  it('names a phase the circle passed by', () => {
    const history = [
      ...PHASES.map((phase, index) => visit(phase.id, 1, index)),
      visit('verkennen', 2, 10),
      visit('inrichten', 2, 20),
    ];
    const stepStatuses = { ...allDone(), 'richten.ambitie': 'in-progress' as const };
    const diagnosis = diagnose({ history, stepStatuses, notes: [], now: 30 });
    const suggestion = suggestNextStep({ diagnosis, agenda: null, notesPerStep: notes('richten.ambitie') });
    expect(suggestion).toMatchObject({ step: 'richten.ambitie', reason: 'never-returned' });
    expect(suggestion.because.nl).toBe('In ronde 2 ging de groep aan Richten voorbij zonder er te stoppen.');
    expect(suggestion.roles).toBe(PHASE_AGENDA.richten.roles);
  });

  it('goes round the circle otherwise', () => {
    const notStarted = diagnose({ history: [], stepStatuses: {}, notes: [], now: 0 });
    expect(suggestNextStep({ diagnosis: notStarted, agenda: null, notesPerStep: {} })).toMatchObject({
      step: 'verkennen.eigen-situatie',
      reason: 'next-in-circle',
      because: { nl: 'Hier begint de cirkel: eerst verkennen.' },
    });

    const worked = diagnose({ history: [visit('aan-de-slag', 1, 0)], stepStatuses: {}, notes: [], now: 5 });
    const suggestion = suggestNextStep({
      diagnosis: worked,
      agenda: null,
      notesPerStep: notes('aan-de-slag.realiseren', 'aan-de-slag.reflectie', 'aan-de-slag.vitaliteit'),
    });
    expect(suggestion).toMatchObject({ step: 'verkennen.eigen-situatie', reason: 'next-in-circle' });
    expect(suggestion.because.nl).toBe('De volgende stap op de cirkel, na Aan de slag.');
  });

  it('has two or three points of attention for every step, and words for every phase', () => {
    for (const step of STEPS) {
      expect(STEP_ATTENTION[step.id]?.length, step.id).toBeGreaterThanOrEqual(2);
      expect(STEP_ATTENTION[step.id]?.length, step.id).toBeLessThanOrEqual(3);
    }
    expect(Object.keys(STEP_ATTENTION)).toHaveLength(STEPS.length);
    for (const phase of PHASES) expect(PHASE_AGENDA[phase.id].conversation.nl).not.toBe('');
  });
});
