import { getPhase, getStep, type PhaseId, type StepId } from './phases.ts';

/**
 * What the group can hold on to in a phase: a few short questions per step to open the conversation, and
 * what the group should know once the phase is done. Our own wording of the circular process model.
 */
export interface PhaseGuidance {
  readonly phase: PhaseId;
  /** "By the end of this phase you know …", one item per line. */
  readonly knowAtEnd: readonly string[];
  /** The phase's three steps in clockwise order, each with two or three questions. */
  readonly steps: readonly StepGuidance[];
}

export interface StepGuidance {
  readonly step: StepId;
  readonly questions: readonly string[];
}

interface GuidanceSource {
  knowAtEnd: readonly string[];
  /** Questions per step, in the order of the phase's steps. */
  steps: readonly [readonly string[], readonly string[], readonly string[]];
}

const SOURCE: Readonly<Record<PhaseId, GuidanceSource>> = {
  verkennen: {
    knowAtEnd: ['what the collaboration is about', 'who takes part in it'],
    steps: [
      [
        'Where does our own organisation stand today?',
        'What do we bring, and what do we struggle with?',
        'Why would we look for others to work with?',
      ],
      [
        'Which organisations in the region deal with the same questions?',
        'Who beyond the region could add something?',
        'Who is still missing from this table?',
      ],
      [
        'What do we have to do together that none of us can do alone?',
        'How would we put our joint task into one sentence?',
      ],
    ],
  },
  richten: {
    knowAtEnd: [
      'the ambition the partners share',
      'the principles that steer the form and growth of the collaboration',
    ],
    steps: [
      [
        'What does each partner need and hope for from working together?',
        'Where do our interests meet, and where do they pull apart?',
        'What is at stake for society?',
      ],
      [
        'What do we want to achieve together?',
        'Does the ambition serve society as well as every partner?',
        'Can each partner recognise itself in it?',
      ],
      [
        'Which principles should guide how we work together?',
        'What do they say about the form the collaboration should take?',
        'How should the collaboration be able to grow?',
      ],
    ],
  },
  inrichten: {
    knowAtEnd: [
      'which form of collaboration suits the partners',
      'how that form works, now that it is in place',
    ],
    steps: [
      ['Which forms of collaboration fit our principles?', 'What speaks for and against each of them?'],
      ['Who does what, and who decides what?', 'Which agreements, roles and means does the form need?'],
      ['What has to happen to put the form into practice?', 'Who takes the first steps, and when?'],
    ],
  },
  'aan-de-slag': {
    knowAtEnd: ['what the collaboration has achieved', 'what keeps the collaboration healthy'],
    steps: [
      [
        'What are we doing now to make the ambition real?',
        'Which results have we reached, and what comes next?',
      ],
      [
        'How is the work going, and how is the collaboration going?',
        'What do we keep, and what do we change?',
      ],
      [
        'How do we keep making time and room for each other?',
        'What do we invest in each other and in the collaboration?',
      ],
    ],
  },
};

/** The guidance for a phase; throws ModelError('unknown-phase') for an unknown id. */
export function phaseGuidance(phase: PhaseId): PhaseGuidance {
  const { id, steps } = getPhase(phase);
  const source = SOURCE[id];
  return {
    phase: id,
    knowAtEnd: source.knowAtEnd,
    steps: steps.map((step) => ({ step: step.id, questions: source.steps[step.index] ?? [] })),
  };
}

/** The guiding questions of a step; throws ModelError('unknown-step') for an unknown id. */
export function stepQuestions(step: StepId): readonly string[] {
  const { phase, index } = getStep(step);
  return SOURCE[phase].steps[index] ?? [];
}
