import { toBase64 } from 'lib0/buffer';
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import type * as Y from 'yjs';
import type { Author } from './author.ts';
import type { ControlSection } from './control-section.ts';
import { describeValue, ModelError } from './errors.ts';
import type { SlicePosition } from './geometry.ts';
import { ID_MAX_LENGTH, isValidId } from './id.ts';
import { createNote, getNote, type Note, type WriteOptions } from './note.ts';
import { LOCAL_ORIGIN } from './origins.ts';
import {
  currentPosition,
  isRound,
  nextPhase,
  type PhaseMoveOptions,
  type PhaseVisit,
  parseActor,
  readPhaseHistory,
} from './phase-history.ts';
import { PHASES } from './phases.ts';
import { hasExactKeys } from './plain-value.ts';
import { isTimestamp, resolveNow } from './time.ts';

/**
 * Rounds of the circle. After Aan de slag the circle starts again at Verkennen: round 2, 3, …. Each round
 * builds on the last, so a note remembers the round it was written in, and the facilitator decides, when a
 * new round starts, what becomes of the notes of the rounds before:
 * - `dimmed`: they stay in place on the board, dimmed and marked with their round;
 * - `archived`: they leave the board and are kept in the round view.
 * Notes worth taking along are carried into the new round: a new note, linked to the one it was carried from.
 */
export const EARLIER_NOTES = ['dimmed', 'archived'] as const;
export type EarlierNotes = (typeof EARLIER_NOTES)[number];

/** Where a note is shown in the current round: on the board, on the board dimmed, or only in the round view. */
export type NotePlace = 'current' | EarlierNotes;

/** The start of round 2 or later, with what the facilitator chose for the notes of the rounds before. */
export interface RoundStart {
  round: number;
  earlier: EarlierNotes;
  /** Milliseconds since the Unix epoch. */
  at: number;
  /** The id of the facilitator who chose. */
  actor?: string;
}

/**
 * Name of the top-level Y.Map in the control document from round number (as a string, from "2") to its
 * RoundStart without the round. One key per round: two facilitators starting the same round concurrently
 * leave one choice, the same on every client.
 */
export const ROUND_STARTS_KEY = 'roundStarts';

const STORED_FIELDS = ['earlier', 'at'] as const;

export function isEarlierNotes(value: unknown): value is EarlierNotes {
  return (EARLIER_NOTES as readonly unknown[]).includes(value);
}

function parseEarlierNotes(value: unknown): EarlierNotes {
  if (!isEarlierNotes(value)) {
    throw new ModelError(
      'invalid-earlier-notes',
      `The notes of earlier rounds are ${EARLIER_NOTES.join(' or ')}, got ${describeValue(value)}`,
    );
  }
  return value;
}

function roundOfKey(key: string): number | undefined {
  if (!/^[1-9][0-9]{0,5}$/.test(key)) return undefined;
  const round = Number(key);
  return round >= 2 ? round : undefined;
}

function readStart(key: string, value: unknown): RoundStart | undefined {
  const round = roundOfKey(key);
  if (round === undefined || !hasExactKeys(value, STORED_FIELDS, ['actor'])) return undefined;
  const { earlier, at, actor } = value;
  if (!isEarlierNotes(earlier) || !isTimestamp(at)) return undefined;
  if (actor === undefined) return { round, earlier, at };
  return isValidId(actor) ? { round, earlier, at, actor } : undefined;
}

/** The Yjs type holding the round starts; only for observing it. */
export function roundStartsType(control: Y.Doc): Y.Map<unknown> {
  return control.getMap(ROUND_STARTS_KEY);
}

/** Every valid round start, by round ascending; invalid entries (a hostile client's) are skipped. */
export function readRoundStarts(control: Y.Doc): RoundStart[] {
  const starts: RoundStart[] = [];
  for (const [key, value] of roundStartsType(control)) {
    const start = readStart(key, value);
    if (start) starts.push(start);
  }
  return starts.sort((a, b) => a.round - b.round);
}

export interface RoundStartOptions extends PhaseMoveOptions {
  /** What becomes of the notes of the rounds before. */
  earlier: EarlierNotes;
}

/**
 * Moves the group on from Aan de slag into Verkennen of the next round and records the facilitator's choice
 * for the earlier notes, in one transaction. Throws ModelError('not-at-round-end') anywhere else on the
 * circle, and, like nextPhase, ModelError('phase-moved') when the group left `from` meanwhile.
 */
export function startNextRound(control: Y.Doc, opts: RoundStartOptions): PhaseVisit {
  const earlier = parseEarlierNotes(opts.earlier);
  const current = currentPosition(readPhaseHistory(control));
  const last = PHASES[PHASES.length - 1] as (typeof PHASES)[number];
  const from = opts.from ?? current;
  if (from.phase !== last.id) {
    throw new ModelError('not-at-round-end', 'A new round starts when the group moves on from Aan de slag');
  }
  let visit: PhaseVisit | undefined;
  control.transact(() => {
    visit = nextPhase(control, { ...opts, from });
    writeStart(control, visit.round, earlier, visit.at, visit.actor);
  }, opts.origin ?? LOCAL_ORIGIN);
  return visit as PhaseVisit;
}

/**
 * Changes, afterwards, what becomes of the notes before `round` (2 or later, up to the current round): a
 * facilitator may bring archived notes back, dimmed, or archive dimmed ones. Writes nothing when unchanged.
 */
export function setEarlierNotes(
  control: Y.Doc,
  round: number,
  earlier: EarlierNotes,
  opts?: WriteOptions & { actor?: string },
): void {
  const choice = parseEarlierNotes(earlier);
  const current = currentPosition(readPhaseHistory(control)).round;
  if (!isRound(round) || round < 2 || round > current) {
    throw new ModelError('invalid-round', `Round ${describeValue(round)} has not started on this board`);
  }
  const stored = readRoundStarts(control).find((start) => start.round === round);
  if (stored?.earlier === choice) return;
  control.transact(
    () => writeStart(control, round, choice, resolveNow(opts?.now), parseActor(opts?.actor)),
    opts?.origin ?? LOCAL_ORIGIN,
  );
}

function writeStart(
  control: Y.Doc,
  round: number,
  earlier: EarlierNotes,
  at: number,
  actor: string | undefined,
): void {
  roundStartsType(control).set(String(round), actor === undefined ? { earlier, at } : { earlier, at, actor });
}

/** The round of the circle the group was in at `time`: round 1 before the session started. */
export function roundAt(history: readonly PhaseVisit[], time: number): number {
  let round = 1;
  for (const visit of history) {
    if (visit.at > time) break;
    round = visit.round;
  }
  return round;
}

/** The round a note was written in: as recorded, or, for a note from before rounds were recorded, by its time. */
export function noteRound(note: Pick<Note, 'round' | 'createdAt'>, history: readonly PhaseVisit[]): number {
  return note.round ?? roundAt(history, note.createdAt);
}

/**
 * Where notes are in the round the group is in: what a board's rounds are, read once from its control
 * document (or a replay's frame of it) and asked of many notes.
 */
export interface Rounds {
  /** The round the group is in. */
  current: number;
  /** The furthest round the group has been in: after going back a round, later than `current`. */
  reached: number;
  history: readonly PhaseVisit[];
  starts: readonly RoundStart[];
  /** The round `note` was written in. */
  roundOf(note: Pick<Note, 'round' | 'createdAt'>): number;
  /** Where `note` is shown now. */
  placeOf(note: Pick<Note, 'round' | 'createdAt'>): NotePlace;
}

/** Rounds from a board's phase history and round starts. */
export function roundsOf(history: readonly PhaseVisit[], starts: readonly RoundStart[]): Rounds {
  const current = currentPosition(history).round;
  const roundOf = (note: Pick<Note, 'round' | 'createdAt'>) => noteRound(note, history);
  return {
    current,
    reached: history.reduce((furthest, visit) => Math.max(furthest, visit.round), current),
    history,
    starts,
    roundOf,
    placeOf: (note) => notePlace(roundOf(note), current, starts),
  };
}

/** Rounds of a board's control document. */
export function readRounds(control: Y.Doc): Rounds {
  return roundsOf(readPhaseHistory(control), readRoundStarts(control));
}

/**
 * Where a note of round `round` is shown in round `current`: a note of this round (or a later one, after the
 * group went back) is current; an earlier one is archived when any round after it started with its earlier
 * notes archived, and dimmed otherwise.
 */
export function notePlace(round: number, current: number, starts: readonly RoundStart[]): NotePlace {
  if (round >= current) return 'current';
  const archived = starts.some(
    (start) => start.round > round && start.round <= current && start.earlier === 'archived',
  );
  return archived ? 'archived' : 'dimmed';
}

/**
 * The id of the note carrying `origin` into `round`: the same on every client, so two facilitators carrying
 * the same note at the same time make one note, not two.
 */
export function carryId(origin: string, round: number): string {
  const id = `${origin}@${round}`;
  if (id.length <= ID_MAX_LENGTH) return id;
  const hash = toBase64(digest(encodeUtf8(origin))).slice(0, 43);
  return `${hash}@${round}`;
}

export interface CarryOptions extends WriteOptions {
  /** Whose note the carried one is; defaults to the author of the note carried. */
  author?: Author;
  /** Where on its step; defaults to where the note carried is. */
  pos?: SlicePosition;
}

/**
 * Carries note `origin` of an earlier round into the round the group is in: a new note with its text, step,
 * colour and author, linked to it by `carriedFrom`. Carrying a note that was carried already returns the
 * carried note. Throws ModelError('unknown-note') when there is no such note and
 * ModelError('not-earlier-round') for a note of the current round.
 *
 * The board's rules let a facilitator carry anyone's note under its author's name; a participant carries
 * their own notes.
 */
export function carryNote(content: Y.Doc, control: Y.Doc, origin: string, opts?: CarryOptions): Note {
  const note = getNote(content, origin);
  if (!note) throw new ModelError('unknown-note', `There is no note with id ${describeValue(origin)}`);
  const rounds = readRounds(control);
  if (rounds.roundOf(note) >= rounds.current) {
    throw new ModelError('not-earlier-round', 'Only a note of an earlier round can be carried into this one');
  }
  const id = carryId(origin, rounds.current);
  const carried = getNote(content, id);
  if (carried) return carried;
  return createNote(
    content,
    {
      id,
      text: note.text,
      step: note.step,
      pos: opts?.pos ?? note.pos,
      color: note.color,
      author: opts?.author ?? { id: note.authorId, name: note.authorName },
      round: rounds.current,
      carriedFrom: origin,
    },
    opts,
  );
}

/** True when every entry of the round starts is valid; for checking changes that arrive from clients. */
export function areRoundStartsValid(control: Y.Doc): boolean {
  for (const [key, value] of roundStartsType(control)) if (!readStart(key, value)) return false;
  return true;
}

/** The round starts as the server checks them. */
export const ROUND_STARTS_SECTION: ControlSection = {
  key: ROUND_STARTS_KEY,
  kind: 'map',
  findInvalid: (control) =>
    areRoundStartsValid(control) ? null : 'a round start is invalid or names no round after the first',
};
