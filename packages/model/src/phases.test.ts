import { describe, expect, it } from 'vitest';
import { isModelError } from './errors.ts';
import { getPhase, getStep, isLanguage, isPhaseId, isStepId, LANGUAGES, PHASES, STEPS } from './phases.ts';

describe('phases', () => {
  it('lists the four phases clockwise with their labels', () => {
    expect(PHASES.map((phase) => [phase.index, phase.id, phase.label.nl, phase.label.en])).toEqual([
      [0, 'verkennen', 'Verkennen', 'Explore'],
      [1, 'richten', 'Richten', 'Set direction'],
      [2, 'inrichten', 'Inrichten', 'Organise'],
      [3, 'aan-de-slag', 'Aan de slag', 'Work together'],
    ]);
  });

  it('has twelve steps with unique, stable ids, three per phase in order', () => {
    expect(STEPS.map((step) => step.id)).toEqual([
      'verkennen.eigen-situatie',
      'verkennen.partners',
      'verkennen.opgave',
      'richten.belangen',
      'richten.ambitie',
      'richten.uitgangspunten',
      'inrichten.vorm',
      'inrichten.ontwerp',
      'inrichten.implementatie',
      'aan-de-slag.realiseren',
      'aan-de-slag.reflectie',
      'aan-de-slag.vitaliteit',
    ]);
    expect(new Set(STEPS.map((step) => step.id)).size).toBe(12);
    for (const phase of PHASES) {
      expect(phase.steps.map((step) => step.index)).toEqual([0, 1, 2]);
      for (const step of phase.steps) {
        expect(step.phase).toBe(phase.id);
        expect(step.id.startsWith(`${phase.id}.`)).toBe(true);
      }
    }
    expect(STEPS).toEqual(PHASES.flatMap((phase) => phase.steps));
  });

  it('describes every phase and step and says what the group knows after each phase, in both languages', () => {
    for (const language of LANGUAGES) {
      for (const phase of PHASES) {
        expect(phase.description[language].length).toBeGreaterThan(20);
        expect(phase.outcome[language].length).toBeGreaterThan(5);
        for (const step of phase.steps) {
          expect(step.label[language]).not.toBe('');
          expect(step.description[language].length).toBeGreaterThan(10);
        }
      }
    }
    expect(getStep('verkennen.opgave').description.nl).toBe(
      'Zoek samen uit wat we met elkaar te doen hebben.',
    );
  });

  it('cannot be changed by callers', () => {
    const phase = PHASES[0];
    const step = STEPS[0];
    expect(Object.isFrozen(PHASES) && Object.isFrozen(STEPS)).toBe(true);
    expect(
      phase && Object.isFrozen(phase) && Object.isFrozen(phase.label) && Object.isFrozen(phase.steps),
    ).toBe(true);
    expect(step && Object.isFrozen(step) && Object.isFrozen(step.label)).toBe(true);
    expect(phase && Object.isFrozen(phase.description) && Object.isFrozen(phase.outcome)).toBe(true);
    expect(step && Object.isFrozen(step.description)).toBe(true);
  });

  it('finds phases and steps by id and refuses unknown ids', () => {
    expect(getPhase('richten').index).toBe(1);
    expect(getStep('inrichten.ontwerp')).toMatchObject({ phase: 'inrichten', index: 1 });
    expect(getStep('aan-de-slag.vitaliteit')).toBe(STEPS[11]);
    expect(() => getPhase('afronden' as never)).toThrowError(
      expect.objectContaining({ code: 'unknown-phase' }),
    );
    for (const unknown of ['verkennen', 'verkennen.nope', '', 'constructor', '__proto__', 3]) {
      let thrown: unknown;
      try {
        getStep(unknown as string);
      } catch (error) {
        thrown = error;
      }
      expect(isModelError(thrown, 'unknown-step'), String(unknown)).toBe(true);
    }
  });

  it('tells step and phase ids from anything else', () => {
    expect(isStepId('richten.ambitie')).toBe(true);
    expect(isPhaseId('aan-de-slag')).toBe(true);
    for (const value of ['richten', 'RICHTEN.AMBITIE', '', null, undefined, 1, {}, 'toString']) {
      expect(isStepId(value)).toBe(false);
    }
    for (const value of ['verkennen.opgave', 'Verkennen', '', null, 0]) expect(isPhaseId(value)).toBe(false);
  });

  it('speaks Dutch and English', () => {
    expect(LANGUAGES).toEqual(['nl', 'en']);
    expect(LANGUAGES.every(isLanguage)).toBe(true);
    for (const value of ['NL', 'nl-NL', 'de', '', null, 'toString']) expect(isLanguage(value)).toBe(false);
  });
});
