import { describe, expect, it } from 'vitest';
import { phaseGuidance, stepQuestions } from './guidance.ts';
import { PHASES, type PhaseId } from './phases.ts';

describe('guidance', () => {
  it('gives every phase what the group knows at its end, and its steps in order', () => {
    for (const phase of PHASES) {
      const guidance = phaseGuidance(phase.id);
      expect(guidance.phase).toBe(phase.id);
      expect(guidance.knowAtEnd.length, phase.id).toBeGreaterThan(0);
      expect(guidance.steps.map((step) => step.step)).toEqual(phase.steps.map((step) => step.id));
    }
  });

  it('gives every step two or three short, distinct questions', () => {
    const all: string[] = [];
    for (const step of PHASES.flatMap((phase) => phase.steps)) {
      const questions = stepQuestions(step.id);
      expect(questions.length, step.id).toBeGreaterThanOrEqual(2);
      expect(questions.length, step.id).toBeLessThanOrEqual(3);
      for (const question of questions) {
        expect(question, step.id).toMatch(/^[A-Z].*\?$/);
        expect(question.length, question).toBeLessThanOrEqual(80);
      }
      all.push(...questions);
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it('refuses unknown phases and steps', () => {
    expect(() => phaseGuidance('nowhere' as PhaseId)).toThrow(/Unknown phase/);
    expect(() => stepQuestions('richten.nope')).toThrow(/Unknown step/);
  });
});
