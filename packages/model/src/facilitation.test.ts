import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getFacilitation, observeFacilitation } from './facilitation.ts';
import { REMOTE_ORIGIN } from './origins.ts';
import { nextPhase, startFacilitation } from './phase-history.ts';
import { setStepStatus } from './step-status.ts';

describe('facilitation', () => {
  it('reads an empty control document as a session not yet started', () => {
    const state = getFacilitation(new Y.Doc());
    expect(state).toMatchObject({ started: false, phase: 'verkennen', round: 1, history: [] });
    expect(state.stepStatuses['verkennen.partners']).toBe('open');
  });

  it('reads the current position, history and step statuses', () => {
    const doc = new Y.Doc();
    startFacilitation(doc, { now: 10 });
    nextPhase(doc, { now: 20 });
    setStepStatus(doc, 'verkennen.partners', 'done');
    const state = getFacilitation(doc);
    expect(state).toMatchObject({ started: true, phase: 'richten', round: 1 });
    expect(state.history).toHaveLength(2);
    expect(state.stepStatuses['verkennen.partners']).toBe('done');
  });

  it('tells observers about every change with its origin, and stops when asked', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    const stop = observeFacilitation(doc, (origin) => origins.push(origin));
    startFacilitation(doc, { now: 1, origin: REMOTE_ORIGIN });
    setStepStatus(doc, 'richten.belangen', 'in-progress');
    doc.transact(() => doc.getMap('other').set('x', 1));
    stop();
    nextPhase(doc, { now: 2 });
    expect(origins).toHaveLength(2);
    expect(origins[0]).toBe(REMOTE_ORIGIN);
  });
});
