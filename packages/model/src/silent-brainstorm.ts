import type * as Y from 'yjs';
import type { ControlSection } from './control-section.ts';
import { describeValue, ModelError } from './errors.ts';
import { isValidId, newId } from './id.ts';
import { createNote, getNote, listNotes, notesType, roundFields } from './note.ts';
import { LOCAL_ORIGIN, REVEAL_ORIGIN, type TransactOptions } from './origins.ts';
import { isTimestamp, resolveNow } from './time.ts';

/**
 * A silent brainstorm: for a while, each participant's new notes are drafts that only their author and the
 * facilitators see; then a facilitator reveals them all at once and they become ordinary notes.
 *
 * The drafts do not live in the board's document but in a third one, `<boardId>.drafts`, which participants
 * only add to (the server never sends it to them) and facilitators read. A participant keeps their own drafts
 * in their own copy of it. The round itself (running or revealed) is facilitation state in the control
 * document, under one key, so that two facilitators starting or revealing at once agree on one round.
 */
export interface PrivateRound {
  id: string;
  startedAt: number;
  /** Set once the drafts were revealed; the round is running until then. */
  revealedAt?: number;
  /** The facilitator who started (or revealed) it, when known. */
  actor?: string;
}

export interface PrivateRoundOptions extends TransactOptions {
  now?: number;
  actor?: string;
}

/** Name of the top-level Y.Map in the control document; the round is the value under CURRENT. */
export const PRIVATE_ROUND_KEY = 'privateRound';
const CURRENT = 'current';

export function isPrivateRound(value: unknown): value is PrivateRound {
  if (typeof value !== 'object' || value === null) return false;
  const { id, startedAt, revealedAt, actor } = value as Record<string, unknown>;
  return (
    isValidId(id) &&
    isTimestamp(startedAt) &&
    (revealedAt === undefined || (isTimestamp(revealedAt) && revealedAt >= startedAt)) &&
    (actor === undefined || isValidId(actor))
  );
}

function roundType(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(PRIVATE_ROUND_KEY);
}

/** The latest private round, running or revealed, or null when there never was a valid one. */
export function readPrivateRound(controlDoc: Y.Doc): PrivateRound | null {
  const value = roundType(controlDoc).get(CURRENT);
  return isPrivateRound(value) ? value : null;
}

/** Whether new notes of participants are drafts right now. */
export function isPrivateRoundRunning(controlDoc: Y.Doc): boolean {
  const round = readPrivateRound(controlDoc);
  return round !== null && round.revealedAt === undefined;
}

function parseActor(actor: unknown): string | undefined {
  if (actor !== undefined && !isValidId(actor)) {
    throw new ModelError('invalid-actor', `An actor must be an id, got ${describeValue(actor)}`);
  }
  return actor;
}

/** Starts a private round; refused while one is running. */
export function startPrivateRound(controlDoc: Y.Doc, opts: PrivateRoundOptions = {}): PrivateRound {
  const startedAt = resolveNow(opts.now);
  const actor = parseActor(opts.actor);
  if (isPrivateRoundRunning(controlDoc)) {
    throw new ModelError('private-round-running', 'A silent brainstorm is already running');
  }
  const round: PrivateRound = { id: newId(), startedAt, ...(actor ? { actor } : {}) };
  controlDoc.transact(() => roundType(controlDoc).set(CURRENT, round), opts.origin ?? LOCAL_ORIGIN);
  return round;
}

/** Marks the running round revealed; its drafts are then ordinary notes (see publishDrafts). */
export function endPrivateRound(controlDoc: Y.Doc, opts: PrivateRoundOptions = {}): PrivateRound {
  const now = resolveNow(opts.now);
  const actor = parseActor(opts.actor);
  const round = readPrivateRound(controlDoc);
  if (round === null || round.revealedAt !== undefined) {
    throw new ModelError('no-private-round', 'No silent brainstorm is running');
  }
  const revealed: PrivateRound = {
    ...round,
    revealedAt: Math.max(now, round.startedAt),
    ...(actor ? { actor } : {}),
  };
  controlDoc.transact(() => roundType(controlDoc).set(CURRENT, revealed), opts.origin ?? LOCAL_ORIGIN);
  return revealed;
}

/**
 * Moves every draft in `draftsDoc` onto the board (`boardDoc`) in one transaction, keeping its id, text,
 * place, colour, author and creation time, and removes it from the drafts. A draft whose id the board already
 * holds (revealed by someone else meanwhile) is only removed. Returns the ids now on the board.
 *
 * Facilitators call it to reveal everyone's drafts at once; a participant's browser calls it for its own
 * drafts left over after the reveal (written offline, say), since after the reveal they are ordinary notes.
 * Written with REVEAL_ORIGIN unless told otherwise, so no undo takes a reveal back.
 */
export function publishDrafts(draftsDoc: Y.Doc, boardDoc: Y.Doc, opts: TransactOptions = {}): string[] {
  const drafts = listNotes(draftsDoc);
  const published: string[] = [];
  boardDoc.transact(() => {
    for (const draft of drafts) {
      if (!getNote(boardDoc, draft.id)) {
        createNote(
          boardDoc,
          {
            id: draft.id,
            text: draft.text,
            step: draft.step,
            pos: draft.pos,
            color: draft.color,
            author: { id: draft.authorId, name: draft.authorName },
            ...roundFields(draft),
          },
          { now: draft.createdAt, origin: opts.origin },
        );
      }
      published.push(draft.id);
    }
  }, opts.origin ?? REVEAL_ORIGIN);
  // Drafts that are invalid on their own (not listed) are removed too: they could never be revealed.
  const stored = notesType(draftsDoc);
  if (stored.size > 0) {
    draftsDoc.transact(() => {
      for (const id of Array.from(stored.keys())) stored.delete(id);
    }, opts.origin ?? REVEAL_ORIGIN);
  }
  return published;
}

/** The private round as the server checks it: one valid round value under one key. */
export const PRIVATE_ROUND_SECTION: ControlSection = {
  key: PRIVATE_ROUND_KEY,
  kind: 'map',
  findInvalid(doc) {
    for (const [key, value] of roundType(doc)) {
      if (key !== CURRENT || !isPrivateRound(value)) return 'the silent brainstorm state is invalid';
    }
    return null;
  },
};
