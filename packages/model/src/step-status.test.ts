import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { REMOTE_ORIGIN } from './origins.ts';
import { STEPS } from './phases.ts';
import { readStepStatuses, STEP_STATUS_KEY, setStepStatus } from './step-status.ts';
import { expectRefused } from './test-support.ts';

describe('step status', () => {
  it('reads every step as open in an empty document', () => {
    const statuses = readStepStatuses(new Y.Doc());
    expect(Object.keys(statuses)).toEqual(STEPS.map((step) => step.id));
    expect(new Set(Object.values(statuses))).toEqual(new Set(['open']));
  });

  it('sets a status and writes nothing when it does not change', () => {
    const doc = new Y.Doc();
    setStepStatus(doc, 'richten.ambitie', 'in-progress');
    setStepStatus(doc, 'verkennen.opgave', 'done');
    expect(readStepStatuses(doc)).toMatchObject({
      'richten.ambitie': 'in-progress',
      'verkennen.opgave': 'done',
      'verkennen.partners': 'open',
    });
    let updates = 0;
    doc.on('update', () => updates++);
    setStepStatus(doc, 'verkennen.opgave', 'done');
    expect(updates).toBe(0);
  });

  it('refuses unknown steps and statuses', () => {
    const doc = new Y.Doc();
    expectRefused(doc, 'unknown-step', () => setStepStatus(doc, 'richten.nope', 'done'));
    expectRefused(doc, 'invalid-step-status', () => setStepStatus(doc, 'richten.ambitie', 'half' as 'done'));
  });

  it('reads invalid stored statuses as open', () => {
    const doc = new Y.Doc();
    doc.transact(() => doc.getMap(STEP_STATUS_KEY).set('richten.ambitie', 'finished'), REMOTE_ORIGIN);
    expect(readStepStatuses(doc)['richten.ambitie']).toBe('open');
  });
});
