import { createNote } from '@kompas/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DeliveryTracker } from './delivery.ts';

const author = { id: 'u1', name: 'Ann' };

function write(doc: Y.Doc, text: string): void {
  createNote(doc, { text, step: 'verkennen.eigen-situatie', author });
}

function vectorOf(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** Whether `held` covers everything `doc` has. */
function covers(held: Map<number, number>, doc: Y.Doc): boolean {
  return [...vectorOf(doc)].every(([client, clock]) => (held.get(client) ?? 0) >= clock);
}

describe('DeliveryTracker', () => {
  it("before the server spoke, takes only the document's own writes as not delivered", () => {
    const earlier = new Y.Doc();
    write(earlier, 'Geschreven op een eerdere pagina');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(earlier));
    const tracker = new DeliveryTracker(doc);
    expect(covers(tracker.delivered(), doc)).toBe(true);
    write(doc, 'Nu geschreven');
    expect(covers(tracker.delivered(), doc)).toBe(false);
    expect(tracker.delivered().get(earlier.clientID)).toBe(vectorOf(earlier).get(earlier.clientID));
  });

  it('confirms what the document held when a probe went out after the greeting, once it is answered', () => {
    const doc = new Y.Doc();
    const tracker = new DeliveryTracker(doc);
    write(doc, 'Offline geschreven');
    tracker.connectionStarted();
    tracker.asked(); // the first sync step 1, before the greeting: its answer confirms nothing
    expect(tracker.serverHolds(Y.encodeStateVector(new Y.Doc()))).toBe(true);
    expect(covers(tracker.delivered(), doc)).toBe(false);
    expect(tracker.answered()).toBe(false);
    expect(tracker.wantsProbe).toBe(true);

    tracker.asked();
    expect(tracker.wantsProbe).toBe(false);
    write(doc, 'Geschreven terwijl de vraag onderweg is');
    tracker.sent();
    expect(tracker.wantsProbe).toBe(false);
    expect(tracker.answered()).toBe(true);
    // The first note is confirmed; the second went out after the probe, so it waits for the next.
    expect(covers(tracker.delivered(), doc)).toBe(false);
    expect(tracker.wantsProbe).toBe(true);
    tracker.asked();
    tracker.answered();
    expect(covers(tracker.delivered(), doc)).toBe(true);
  });

  it('forgets questions of a connection that closed, and keeps what was confirmed', () => {
    const doc = new Y.Doc();
    const tracker = new DeliveryTracker(doc);
    tracker.connectionStarted();
    tracker.serverHolds(Y.encodeStateVector(doc));
    write(doc, 'Bevestigd');
    tracker.asked();
    tracker.answered();
    const confirmed = tracker.delivered();
    write(doc, 'Verloren vraag');
    tracker.asked();
    tracker.connectionStarted();
    // The next connection's first answer belongs to its own first question, asked before its greeting.
    tracker.asked();
    expect(tracker.answered()).toBe(false);
    expect(tracker.delivered()).toEqual(confirmed);
    // A greeting from a server that holds less (a write-only room says it holds nothing) takes nothing back.
    tracker.serverHolds(Y.encodeStateVector(new Y.Doc()));
    expect(tracker.delivered()).toEqual(confirmed);
  });
});
