import { describeValue, ModelError } from './errors.ts';

/**
 * The circular process model: four phases, clockwise, three steps each. Ids are stable (they are stored in
 * documents); labels are the product's vocabulary; descriptions are our own short wording of the model, written in
 * Dutch and English each, not translated word for word.
 */
export type PhaseId = 'verkennen' | 'richten' | 'inrichten' | 'aan-de-slag';
/** One of the twelve ids in STEPS, `<phase>.<step>`, e.g. 'verkennen.eigen-situatie'. */
export type StepId = string;

/** A text of the model in both of Kompas's languages, Dutch first. */
export interface Label {
  readonly nl: string;
  readonly en: string;
}

/** The languages the model speaks. */
export type Language = keyof Label;

export const LANGUAGES: readonly Language[] = Object.freeze(['nl', 'en']);

export function isLanguage(value: unknown): value is Language {
  return value === 'nl' || value === 'en';
}

export interface Step {
  readonly id: StepId;
  readonly phase: PhaseId;
  /** 0..2, clockwise within the phase. */
  readonly index: number;
  readonly label: Label;
  readonly description: Label;
}

export interface Phase {
  readonly id: PhaseId;
  /** 0..3, clockwise from 12 o'clock. */
  readonly index: number;
  readonly label: Label;
  readonly description: Label;
  /** What the group knows once the phase is done. */
  readonly outcome: Label;
  readonly steps: readonly Step[];
}

interface StepSource {
  slug: string;
  nl: string;
  en: string;
  description: Label;
}

interface PhaseSource {
  id: PhaseId;
  nl: string;
  en: string;
  description: Label;
  outcome: Label;
  steps: readonly [StepSource, StepSource, StepSource];
}

const SOURCE: readonly PhaseSource[] = [
  {
    id: 'verkennen',
    nl: 'Verkennen',
    en: 'Explore',
    description: {
      nl: 'Elke partner brengt de eigen organisatie in beeld, we kijken rond naar mogelijke partners en we benoemen samen de opgave die we delen.',
      en: 'Each partner takes stock of its own organisation, the group looks around for partners, and together they name the task they share.',
    },
    outcome: {
      nl: 'Waar de samenwerking over gaat en wie er meedoen.',
      en: 'What the collaboration is about and who takes part.',
    },
    steps: [
      {
        slug: 'eigen-situatie',
        nl: 'Eigen situatie',
        en: 'Own situation',
        description: {
          nl: 'Breng in beeld waar je eigen organisatie nu staat.',
          en: 'Take stock of where your own organisation stands today.',
        },
      },
      {
        slug: 'partners',
        nl: 'Mogelijke partners',
        en: 'Possible partners',
        description: {
          nl: 'Zoek organisaties die kunnen aanhaken, in de regio en daarbuiten.',
          en: 'Look for organisations that could join, in the region and beyond.',
        },
      },
      {
        slug: 'opgave',
        nl: 'Gezamenlijke opgave',
        en: 'Joint task',
        description: {
          nl: 'Zoek samen uit wat we met elkaar te doen hebben.',
          en: 'Find out together what the partners have to do together.',
        },
      },
    ],
  },
  {
    id: 'richten',
    nl: 'Richten',
    en: 'Set direction',
    description: {
      nl: 'We zoeken samen een antwoord op de gezamenlijke opgave: we praten over onze belangen, komen tot een gezamenlijke ambitie en spreken uitgangspunten af voor het samenwerken.',
      en: 'The partners look for an answer to the joint task: they discuss their interests, agree on an ambition and set principles for working together.',
    },
    outcome: {
      nl: 'Een gezamenlijke ambitie en uitgangspunten die de samenwerking richting geven.',
      en: 'A shared ambition and the principles that steer the collaboration.',
    },
    steps: [
      {
        slug: 'belangen',
        nl: 'Belangen',
        en: 'Interests',
        description: {
          nl: 'Bespreek open wat elke partner nodig heeft en wil halen uit de samenwerking.',
          en: 'Talk openly about what each partner needs and wants from working together.',
        },
      },
      {
        slug: 'ambitie',
        nl: 'Gezamenlijke ambitie',
        en: 'Shared ambition',
        description: {
          nl: 'Kom tot een ambitie die recht doet aan de maatschappij én aan elke partner.',
          en: 'Agree on an ambition that serves society as well as every partner.',
        },
      },
      {
        slug: 'uitgangspunten',
        nl: 'Uitgangspunten',
        en: 'Principles',
        description: {
          nl: 'Leg de uitgangspunten vast die richting geven aan de vorm en de groei van de samenwerking.',
          en: 'Write down the principles that guide the form and growth of the collaboration.',
        },
      },
    ],
  },
  {
    id: 'inrichten',
    nl: 'Inrichten',
    en: 'Organise',
    description: {
      nl: 'Aan de hand van de uitgangspunten kiezen de partners een vorm van samenwerken, werken die uit en voeren die in.',
      en: 'Guided by the principles, the partners choose a form of collaboration, design it in detail and put it in place.',
    },
    outcome: {
      nl: 'Een vorm van samenwerken die werkt.',
      en: 'A form of collaboration that works.',
    },
    steps: [
      {
        slug: 'vorm',
        nl: 'Passende vorm',
        en: 'Fitting form',
        description: {
          nl: 'Zoek met de uitgangspunten in de hand naar een vorm van samenwerken die bij de partners past.',
          en: 'Search, with the principles in hand, for a form of collaboration that suits the partners.',
        },
      },
      {
        slug: 'ontwerp',
        nl: 'Ontwerpen en uitwerken',
        en: 'Design and elaborate',
        description: {
          nl: 'Ontwerp de gekozen vorm en werk hem tot in de details uit.',
          en: 'Design the chosen form and work out its details.',
        },
      },
      {
        slug: 'implementatie',
        nl: 'Implementeren',
        en: 'Implement',
        description: {
          nl: 'Breng de ontworpen vorm in de praktijk.',
          en: 'Put the designed form into practice.',
        },
      },
    ],
  },
  {
    id: 'aan-de-slag',
    nl: 'Aan de slag',
    en: 'Work together',
    description: {
      nl: 'We werken samen aan de gezamenlijke ambitie en houden de samenwerking gezond door erop te reflecteren en in elkaar te investeren.',
      en: 'The partners work on their shared ambition and keep the collaboration healthy by reflecting on it and investing in each other.',
    },
    outcome: {
      nl: 'Resultaten, en een samenwerking die gezond blijft.',
      en: 'Results, and a collaboration that stays healthy.',
    },
    steps: [
      {
        slug: 'realiseren',
        nl: 'Ambitie realiseren',
        en: 'Realise the ambition',
        description: {
          nl: 'Maak de gezamenlijke ambitie samen waar, zij aan zij.',
          en: 'Work side by side to make the shared ambition real.',
        },
      },
      {
        slug: 'reflectie',
        nl: 'Reflectie',
        en: 'Reflection',
        description: {
          nl: 'Kijk geregeld terug: hoe gaat het werk, en hoe gaat de samenwerking?',
          en: 'Look back regularly on how the work and the collaboration are going.',
        },
      },
      {
        slug: 'vitaliteit',
        nl: 'Vitaliteit',
        en: 'Vitality',
        description: {
          nl: 'Blijf tijd en aandacht geven aan elkaar en aan de samenwerking.',
          en: 'Keep giving time and attention to each other and to the collaboration.',
        },
      },
    ],
  },
];

/** The four phases in clockwise order, starting at 12 o'clock. Deeply frozen. */
export const PHASES: readonly Phase[] = Object.freeze(
  SOURCE.map((source, phaseIndex) =>
    Object.freeze({
      id: source.id,
      index: phaseIndex,
      label: Object.freeze({ nl: source.nl, en: source.en }),
      description: Object.freeze({ ...source.description }),
      outcome: Object.freeze({ ...source.outcome }),
      steps: Object.freeze(
        source.steps.map((step, stepIndex) =>
          Object.freeze({
            id: `${source.id}.${step.slug}`,
            phase: source.id,
            index: stepIndex,
            label: Object.freeze({ nl: step.nl, en: step.en }),
            description: Object.freeze({ ...step.description }),
          }),
        ),
      ),
    }),
  ),
);

/** All twelve steps in clockwise order (the same objects as in PHASES). */
export const STEPS: readonly Step[] = Object.freeze(PHASES.flatMap((phase) => phase.steps));

const PHASE_BY_ID: ReadonlyMap<string, Phase> = new Map(PHASES.map((phase) => [phase.id, phase]));
const STEP_BY_ID: ReadonlyMap<string, Step> = new Map(STEPS.map((step) => [step.id, step]));

export function isPhaseId(value: unknown): value is PhaseId {
  return typeof value === 'string' && PHASE_BY_ID.has(value);
}

export function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && STEP_BY_ID.has(value);
}

export function getPhase(id: PhaseId): Phase {
  const phase = typeof id === 'string' ? PHASE_BY_ID.get(id) : undefined;
  if (!phase) throw new ModelError('unknown-phase', `Unknown phase ${describeValue(id)}`);
  return phase;
}

export function getStep(id: StepId): Step {
  const step = typeof id === 'string' ? STEP_BY_ID.get(id) : undefined;
  if (!step) throw new ModelError('unknown-step', `Unknown step ${describeValue(id)}`);
  return step;
}
