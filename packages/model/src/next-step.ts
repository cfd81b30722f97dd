import type { Agenda } from './agenda.ts';
import type { Diagnosis, PhaseDiagnosis, StepDiagnosis } from './diagnosis.ts';
import { BECAUSE, PHASE_AGENDA, STEP_ATTENTION } from './next-step-words.ts';
import { positionAfter } from './phase-history.ts';
import { getPhase, getStep, type Label, STEPS, type StepId } from './phases.ts';

/**
 * Agenda setting with the model: which step to take next, why, the points of attention for it, and what its
 * phase asks of the roles and of the conversation.
 */
export type SuggestionReason = 'planned' | 'skipped' | 'neglected' | 'never-returned' | 'next-in-circle';

export interface NextStepSuggestion {
  step: StepId;
  reason: SuggestionReason;
  because: Label;
  attention: readonly Label[];
  roles: Label;
  conversation: Label;
}

export interface NextStepInput {
  diagnosis: Diagnosis;
  /** The current meeting's agenda, or null when it has no plan. */
  agenda: Agenda | null;
  /** Notes per step as the board shows them; a missing step has none. */
  notesPerStep: Readonly<Partial<Record<StepId, number>>>;
}

function suggestion(step: StepId, reason: SuggestionReason, because: Label): NextStepSuggestion {
  const { phase } = getStep(step);
  return { step, reason, because, attention: STEP_ATTENTION[step] ?? [], ...PHASE_AGENDA[phase] };
}

function clockwise(steps: Iterable<StepId>): StepId[] {
  const wanted = new Set(steps);
  return STEPS.filter((step) => wanted.has(step.id)).map((step) => step.id);
}

function phaseName(phase: PhaseDiagnosis['phase']): string {
  return getPhase(phase).label.nl;
}

/** The last round the group left `phase` in: not the round it is in there now. */
function roundLeft(diagnosis: Diagnosis, phase: PhaseDiagnosis): number {
  const { current } = diagnosis;
  const left = phase.rounds.filter((round) => !(phase.phase === current.phase && round === current.round));
  return left.at(-1) ?? phase.rounds.at(-1) ?? 1;
}

/**
 * The step to take next, in this order: the agenda's next planned item; else a skipped step, earliest in the
 * circle (skipped on this meeting's agenda, or left open when the group moved on from its phase); else a
 * neglected step (in a phase the group has been in, without notes and not done); else the first step of a
 * phase the circle passed by; else the next phase's first step that is not done (round 1 Verkennen's first
 * step before the session starts). Steps already done are never suggested for being skipped or neglected.
 */
export function suggestNextStep(input: NextStepInput): NextStepSuggestion {
  const { diagnosis, agenda, notesPerStep } = input;
  const steps = new Map<StepId, StepDiagnosis>(
    diagnosis.phases.flatMap((phase) => phase.steps.map((step) => [step.step, step] as const)),
  );
  const notDone = (step: StepId) => steps.get(step)?.status !== 'done';

  const planned = agenda?.next === null || agenda === null ? undefined : agenda.items[agenda.next];
  if (planned) return suggestion(planned.item.step, 'planned', BECAUSE.planned());

  const skippedOnAgenda = new Set(
    (agenda?.items ?? []).filter((item) => item.status === 'skipped').map((item) => item.item.step),
  );
  const skipped = clockwise([...skippedOnAgenda, ...diagnosis.skippedSteps]).find(notDone);
  if (skipped) {
    const phase = diagnosis.phases.find((candidate) => candidate.phase === getStep(skipped).phase);
    const because =
      skippedOnAgenda.has(skipped) || !phase
        ? BECAUSE.skippedOnAgenda()
        : BECAUSE.skippedInRound(phaseName(phase.phase), roundLeft(diagnosis, phase));
    return suggestion(skipped, 'skipped', because);
  }

  for (const phase of diagnosis.phases) {
    if (!phase.visited) continue;
    const neglected = phase.steps.find(
      (step) => step.status !== 'done' && (notesPerStep[step.step] ?? 0) === 0,
    );
    if (neglected) return suggestion(neglected.step, 'neglected', BECAUSE.neglected(phaseName(phase.phase)));
  }

  const passedBy = diagnosis.phases.find((phase) => phase.neverReturnedTo);
  if (passedBy) {
    const step = passedBy.steps.find((candidate) => candidate.status !== 'done') ?? passedBy.steps[0];
    const round = (passedBy.rounds.at(-1) ?? 0) + 1;
    if (step) {
      return suggestion(step.step, 'never-returned', BECAUSE.neverReturned(phaseName(passedBy.phase), round));
    }
  }

  if (!diagnosis.started) {
    return suggestion(STEPS[0]?.id as StepId, 'next-in-circle', BECAUSE.circleStart());
  }
  const nextPhase = getPhase(positionAfter(diagnosis.current).phase);
  const step = nextPhase.steps.find((candidate) => notDone(candidate.id)) ?? nextPhase.steps[0];
  return suggestion(
    step?.id as StepId,
    'next-in-circle',
    BECAUSE.nextInCircle(phaseName(diagnosis.current.phase)),
  );
}
