import { describe, expect, it } from 'vitest';
import { phaseGuidance, stepQuestions } from './guidance.ts';
import { LANGUAGES, PHASES, type PhaseId } from './phases.ts';

describe('guidance', () => {
  it('gives every phase what the group knows at its end, and its steps in order', () => {
    for (const phase of PHASES) {
      const guidance = phaseGuidance(phase.id);
      expect(guidance.phase).toBe(phase.id);
      expect(guidance.knowAtEnd.length, phase.id).toBeGreaterThan(0);
      expect(guidance.steps.map((step) => step.step)).toEqual(phase.steps.map((step) => step.id));
    }
  });

  it('gives every step two or three short, distinct questions, in Dutch and in English', () => {
    for (const language of LANGUAGES) {
      const all: string[] = [];
      for (const step of PHASES.flatMap((phase) => phase.steps)) {
        const questions = stepQuestions(step.id).map((question) => question[language]);
        expect(questions.length, step.id).toBeGreaterThanOrEqual(2);
        expect(questions.length, step.id).toBeLessThanOrEqual(3);
        for (const question of questions) {
          expect(question, step.id).toMatch(/^[A-Z].*\?$/);
          expect(question.length, question).toBeLessThanOrEqual(80);
        }
        all.push(...questions);
      }
      expect(new Set(all).size, language).toBe(all.length);
    }
  });

  it('says what the group knows at the end as the rest of a sentence, in both languages', () => {
    for (const phase of PHASES) {
      for (const item of phaseGuidance(phase.id).knowAtEnd) {
        for (const language of LANGUAGES) expect(item[language], phase.id).toMatch(/^[a-z][^.?]*$/);
      }
    }
  });

  it('refuses unknown phases and steps', () => {
    expect(() => phaseGuidance('nowhere' as PhaseId)).toThrow(/Unknown phase/);
    expect(() => stepQuestions('richten.nope')).toThrow(/Unknown step/);
  });
});
