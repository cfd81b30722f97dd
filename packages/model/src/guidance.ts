import { getPhase, getStep, type Label, type PhaseId, type StepId } from './phases.ts';

/**
 * What the group can hold on to in a phase: a few short questions per step to open the conversation, and
 * what the group should know once the phase is done. Our own wording of the circular process model, in Dutch
 * and English.
 */
export interface PhaseGuidance {
  readonly phase: PhaseId;
  /** "By the end of this phase you know …", one item per line, starting in lower case. */
  readonly knowAtEnd: readonly Label[];
  /** The phase's three steps in clockwise order, each with two or three questions. */
  readonly steps: readonly StepGuidance[];
}

export interface StepGuidance {
  readonly step: StepId;
  readonly questions: readonly Label[];
}

interface GuidanceSource {
  knowAtEnd: readonly Label[];
  /** Questions per step, in the order of the phase's steps. */
  steps: readonly [readonly Label[], readonly Label[], readonly Label[]];
}

const SOURCE: Readonly<Record<PhaseId, GuidanceSource>> = {
  verkennen: {
    knowAtEnd: [
      { nl: 'waar de samenwerking over gaat', en: 'what the collaboration is about' },
      { nl: 'wie er meedoen', en: 'who takes part in it' },
    ],
    steps: [
      [
        { nl: 'Waar staat onze eigen organisatie nu?', en: 'Where does our own organisation stand today?' },
        {
          nl: 'Wat brengen we mee, en waar lopen we tegenaan?',
          en: 'What do we bring, and what do we struggle with?',
        },
        {
          nl: 'Waarom zouden we anderen zoeken om mee samen te werken?',
          en: 'Why would we look for others to work with?',
        },
      ],
      [
        {
          nl: 'Welke organisaties in de regio hebben met dezelfde vragen te maken?',
          en: 'Which organisations in the region deal with the same questions?',
        },
        {
          nl: 'Wie van buiten de regio kan iets toevoegen?',
          en: 'Who beyond the region could add something?',
        },
        { nl: 'Wie ontbreekt er nog aan tafel?', en: 'Who is still missing from this table?' },
      ],
      [
        {
          nl: 'Wat moeten we samen doen dat niemand van ons alleen kan?',
          en: 'What do we have to do together that none of us can do alone?',
        },
        {
          nl: 'Hoe zeggen we in één zin wat onze gezamenlijke opgave is?',
          en: 'How would we put our joint task into one sentence?',
        },
      ],
    ],
  },
  richten: {
    knowAtEnd: [
      { nl: 'welke ambitie de partners delen', en: 'the ambition the partners share' },
      {
        nl: 'welke uitgangspunten de vorm en de groei van de samenwerking sturen',
        en: 'the principles that steer the form and growth of the collaboration',
      },
    ],
    steps: [
      [
        {
          nl: 'Wat heeft elke partner nodig, en wat hoopt die te bereiken?',
          en: 'What does each partner need and hope for from working together?',
        },
        {
          nl: 'Waar komen onze belangen samen, en waar botsen ze?',
          en: 'Where do our interests meet, and where do they pull apart?',
        },
        { nl: 'Wat staat er voor de maatschappij op het spel?', en: 'What is at stake for society?' },
      ],
      [
        { nl: 'Wat willen we samen bereiken?', en: 'What do we want to achieve together?' },
        {
          nl: 'Doet de ambitie recht aan de maatschappij én aan elke partner?',
          en: 'Does the ambition serve society as well as every partner?',
        },
        { nl: 'Herkent elke partner zich erin?', en: 'Can each partner recognise itself in it?' },
      ],
      [
        {
          nl: 'Welke uitgangspunten moeten ons samenwerken sturen?',
          en: 'Which principles should guide how we work together?',
        },
        {
          nl: 'Wat zeggen ze over de vorm die de samenwerking moet krijgen?',
          en: 'What do they say about the form the collaboration should take?',
        },
        {
          nl: 'Hoe moet de samenwerking kunnen groeien?',
          en: 'How should the collaboration be able to grow?',
        },
      ],
    ],
  },
  inrichten: {
    knowAtEnd: [
      {
        nl: 'welke vorm van samenwerken bij de partners past',
        en: 'which form of collaboration suits the partners',
      },
      { nl: 'hoe die vorm werkt, nu die er staat', en: 'how that form works, now that it is in place' },
    ],
    steps: [
      [
        {
          nl: 'Welke vormen van samenwerken passen bij onze uitgangspunten?',
          en: 'Which forms of collaboration fit our principles?',
        },
        { nl: 'Wat pleit voor en wat tegen elke vorm?', en: 'What speaks for and against each of them?' },
      ],
      [
        { nl: 'Wie doet wat, en wie beslist waarover?', en: 'Who does what, and who decides what?' },
        {
          nl: 'Welke afspraken, rollen en middelen heeft de vorm nodig?',
          en: 'Which agreements, roles and means does the form need?',
        },
      ],
      [
        {
          nl: 'Wat moet er gebeuren om de vorm in de praktijk te brengen?',
          en: 'What has to happen to put the form into practice?',
        },
        { nl: 'Wie zet de eerste stappen, en wanneer?', en: 'Who takes the first steps, and when?' },
      ],
    ],
  },
  'aan-de-slag': {
    knowAtEnd: [
      { nl: 'wat de samenwerking heeft opgeleverd', en: 'what the collaboration has achieved' },
      { nl: 'wat de samenwerking gezond houdt', en: 'what keeps the collaboration healthy' },
    ],
    steps: [
      [
        {
          nl: 'Wat doen we nu om de ambitie waar te maken?',
          en: 'What are we doing now to make the ambition real?',
        },
        {
          nl: 'Welke resultaten hebben we bereikt, en wat komt hierna?',
          en: 'Which results have we reached, and what comes next?',
        },
      ],
      [
        {
          nl: 'Hoe gaat het werk, en hoe gaat de samenwerking?',
          en: 'How is the work going, and how is the collaboration going?',
        },
        {
          nl: 'Wat houden we vast, en wat gaan we anders doen?',
          en: 'What do we keep, and what do we change?',
        },
      ],
      [
        {
          nl: 'Hoe blijven we tijd en ruimte maken voor elkaar?',
          en: 'How do we keep making time and room for each other?',
        },
        {
          nl: 'Wat investeren we in elkaar en in de samenwerking?',
          en: 'What do we invest in each other and in the collaboration?',
        },
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
export function stepQuestions(step: StepId): readonly Label[] {
  const { phase, index } = getStep(step);
  return SOURCE[phase].steps[index] ?? [];
}
