import type * as Y from 'yjs';
import type { ControlSection } from './control-section.ts';
import { describeValue, ModelError } from './errors.ts';
import { ID_MAX_LENGTH, isValidId, newId } from './id.ts';
import { getNote, listNotes, type Note, type WriteOptions } from './note.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';
import { getPhase, getStep, isPhaseId, isStepId, type PhaseId, type StepId } from './phases.ts';
import { hasExactKeys } from './plain-value.ts';
import { assertWritableSchema } from './schema.ts';
import { isTimestamp, resolveNow } from './time.ts';
import { canVote, remainingVotes, tally, type Vote, voteToTakeBack, withinBudget } from './vote-budget.ts';

/**
 * Dot voting. The facilitator opens a round (how many votes each person has, on which notes, whether totals
 * show while it runs) and later closes it; rounds live in the control document, which only facilitators
 * write. The votes themselves are written by everyone who votes, so they live in the board's content document.
 */

/** Which notes a round is about: every note, the notes of one phase, or the notes of one step. */
export type VotingScope =
  | { kind: 'board' }
  | { kind: 'phase'; phase: PhaseId }
  | { kind: 'step'; step: StepId };

/** 'hidden': nobody sees totals until the round closes; 'live': totals show as votes arrive. */
export const VOTING_RESULTS = ['hidden', 'live'] as const;
export type VotingResults = (typeof VOTING_RESULTS)[number];

export interface VotingRound {
  id: string;
  /** Votes per person, 1..VOTE_BUDGET_MAX. */
  budget: number;
  /** Votes one person may place on one note, 1..budget; without it, the whole budget. */
  maxPerNote?: number;
  scope: VotingScope;
  results: VotingResults;
  /** Milliseconds since the Unix epoch. */
  openedAt: number;
  /** When the round closed, or null while it is open. */
  closedAt: number | null;
  /** The id of the facilitator who opened it, when known. */
  actor?: string;
}

export interface VotingRoundInput {
  budget: number;
  maxPerNote?: number;
  scope: VotingScope;
  results: VotingResults;
  /** Defaults to a random id. */
  id?: string;
}

export interface VotingRoundOptions extends TransactOptions {
  /** The time recorded; defaults to Date.now(). */
  now?: number;
  /** The id of the facilitator opening or closing the round. */
  actor?: string;
}

/** One vote as the board holds it, readable by the budget functions. */
export interface PlacedVote extends Vote {
  id: string;
  roundId: string;
  /** When it was placed, milliseconds since the Unix epoch. */
  at: number;
}

export interface VoteInput {
  /** The note voted on. */
  note: string;
  /** The user id of the person voting. */
  voter: string;
  /** Defaults to a random id. */
  id?: string;
}

export const VOTE_BUDGET_MAX = 99;

/**
 * Name of the top-level Y.Map in the control document from round id to the whole round, written as one value
 * (opening and closing replace it), so two facilitators' writes never mix into half of each.
 *
 * At most one round is open. Opening is refused while one is; but two facilitators opening at the same moment
 * both write a round. Every reader therefore takes only the latest opened round (by openedAt, then id) as
 * possibly open, and reads any earlier round still stored as open as closed when the next round opened.
 */
export const VOTING_ROUNDS_KEY = 'votingRounds';

/**
 * Name of the top-level Y.Map in the content document from vote id to { round, voter, note, at }. One key per
 * vote, so votes placed at the same moment by different people (or in two browsers) all survive.
 */
export const VOTES_KEY = 'votes';

// ---- rounds ---------------------------------------------------------------------------------------

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= max;
}

export function isVotingScope(value: unknown): value is VotingScope {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, phase, step } = value as Record<string, unknown>;
  if (kind === 'board') return true;
  if (kind === 'phase') return isPhaseId(phase);
  if (kind === 'step') return isStepId(step);
  return false;
}

function isVotingResults(value: unknown): value is VotingResults {
  return (VOTING_RESULTS as readonly unknown[]).includes(value);
}

type StoredRound = Omit<VotingRound, 'id'>;

function isStoredRound(value: unknown): value is StoredRound {
  if (typeof value !== 'object' || value === null) return false;
  const { budget, maxPerNote, scope, results, openedAt, closedAt, actor } = value as Record<string, unknown>;
  return (
    isCount(budget, VOTE_BUDGET_MAX) &&
    (maxPerNote === undefined || isCount(maxPerNote, budget)) &&
    isVotingScope(scope) &&
    isVotingResults(results) &&
    isTimestamp(openedAt) &&
    (closedAt === null || isTimestamp(closedAt)) &&
    (actor === undefined || isValidId(actor))
  );
}

function copyScope(scope: VotingScope): VotingScope {
  if (scope.kind === 'phase') return { kind: 'phase', phase: scope.phase };
  if (scope.kind === 'step') return { kind: 'step', step: scope.step };
  return { kind: 'board' };
}

function readRound(id: string, stored: StoredRound): VotingRound {
  const { budget, maxPerNote, scope, results, openedAt, closedAt, actor } = stored;
  return {
    id,
    budget,
    ...(maxPerNote === undefined ? {} : { maxPerNote }),
    scope: copyScope(scope),
    results,
    openedAt,
    closedAt,
    ...(actor === undefined ? {} : { actor }),
  };
}

function storedRound({ id: _id, ...round }: VotingRound): StoredRound {
  return { ...round, scope: copyScope(round.scope) };
}

/** The Yjs type holding the rounds; only for observing it. */
export function votingRoundsType(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(VOTING_ROUNDS_KEY);
}

/** Rounds in the order they were opened, invalid entries skipped, superseded rounds read as closed. */
export function readVotingRounds(doc: Y.Doc): VotingRound[] {
  const rounds: VotingRound[] = [];
  for (const [id, stored] of votingRoundsType(doc)) {
    if (isValidId(id) && isStoredRound(stored)) rounds.push(readRound(id, stored));
  }
  rounds.sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rounds.map((round, index) => {
    const next = rounds[index + 1];
    return round.closedAt === null && next ? { ...round, closedAt: next.openedAt } : round;
  });
}

/** The open round, or null when none is. */
export function currentVotingRound(doc: Y.Doc): VotingRound | null {
  const latest = latestVotingRound(doc);
  return latest?.closedAt === null ? latest : null;
}

/** The round opened last, open or closed: the one whose results the board shows. */
export function latestVotingRound(doc: Y.Doc): VotingRound | null {
  return readVotingRounds(doc).at(-1) ?? null;
}

/** The closed rounds, the latest first. */
export function pastVotingRounds(doc: Y.Doc): VotingRound[] {
  return readVotingRounds(doc)
    .filter((round) => round.closedAt !== null)
    .reverse();
}

/** Whether totals may be shown: always once the round has closed, while it runs only for a live round. */
export function resultsShown(round: VotingRound): boolean {
  return round.closedAt !== null || round.results === 'live';
}

function parseRoundInput(input: VotingRoundInput): Omit<VotingRound, 'openedAt' | 'closedAt' | 'actor'> {
  const { budget, maxPerNote, scope, results, id } = (
    typeof input === 'object' && input !== null ? input : {}
  ) as Record<string, unknown>;
  if (!isCount(budget, VOTE_BUDGET_MAX)) {
    throw new ModelError(
      'invalid-vote-budget',
      `Votes per person must be a whole number from 1 to ${VOTE_BUDGET_MAX}, got ${describeValue(budget)}`,
    );
  }
  if (maxPerNote !== undefined && !isCount(maxPerNote, budget)) {
    throw new ModelError(
      'invalid-vote-budget',
      `Votes per note must be a whole number from 1 to ${budget}, got ${describeValue(maxPerNote)}`,
    );
  }
  if (!isVotingScope(scope)) {
    throw new ModelError(
      'invalid-voting-round',
      'A voting round is about the whole board, a phase or a step',
    );
  }
  if (!isVotingResults(results)) {
    throw new ModelError(
      'invalid-voting-round',
      `Results must be one of ${VOTING_RESULTS.join(', ')}, got ${describeValue(results)}`,
    );
  }
  if (id !== undefined && !isValidId(id)) {
    throw new ModelError(
      'invalid-voting-round',
      `A round id must be 1..${ID_MAX_LENGTH} characters without control characters, got ${describeValue(id)}`,
    );
  }
  return {
    id: id ?? newId(),
    budget,
    ...(maxPerNote === undefined ? {} : { maxPerNote }),
    scope: copyScope(scope),
    results,
  };
}

function parseActor(value: unknown): string | undefined {
  if (value === undefined || isValidId(value)) return value;
  throw new ModelError(
    'invalid-actor',
    `An actor id must be 1..${ID_MAX_LENGTH} characters without control characters, got ${describeValue(value)}`,
  );
}

/** Opens a round; throws ModelError('voting-open') while another round is open. */
export function openVotingRound(doc: Y.Doc, input: VotingRoundInput, opts?: VotingRoundOptions): VotingRound {
  const parsed = parseRoundInput(input);
  const actor = parseActor(opts?.actor);
  const now = resolveNow(opts?.now);
  const rounds = readVotingRounds(doc);
  const latest = rounds.at(-1);
  if (latest?.closedAt === null) {
    throw new ModelError('voting-open', 'A voting round is already open; close it first');
  }
  if (votingRoundsType(doc).has(parsed.id)) {
    throw new ModelError(
      'invalid-voting-round',
      `A round with id ${describeValue(parsed.id)} already exists`,
    );
  }
  // A facilitator whose clock is behind still opens the latest round, which is what readers take as current.
  const openedAt = latest ? Math.max(now, latest.openedAt + 1) : now;
  const round: VotingRound = {
    ...parsed,
    openedAt,
    closedAt: null,
    ...(actor === undefined ? {} : { actor }),
  };
  doc.transact(() => votingRoundsType(doc).set(round.id, storedRound(round)), opts?.origin ?? LOCAL_ORIGIN);
  return round;
}

/**
 * Closes the open round and returns it; throws ModelError('voting-closed') when none is open. Rounds that a
 * concurrent opening superseded are stored as closed too, as everyone already reads them.
 */
export function closeVotingRound(doc: Y.Doc, opts?: VotingRoundOptions): VotingRound {
  parseActor(opts?.actor);
  const now = resolveNow(opts?.now);
  const rounds = readVotingRounds(doc);
  const current = rounds.at(-1);
  if (!current || current.closedAt !== null) {
    throw new ModelError('voting-closed', 'No voting round is open');
  }
  const closed: VotingRound = { ...current, closedAt: Math.max(now, current.openedAt) };
  const stored = votingRoundsType(doc);
  doc.transact(() => {
    for (const round of rounds.slice(0, -1)) {
      const value = stored.get(round.id);
      if (isStoredRound(value) && value.closedAt === null) stored.set(round.id, storedRound(round));
    }
    stored.set(closed.id, storedRound(closed));
  }, opts?.origin ?? LOCAL_ORIGIN);
  return closed;
}

/** Calls `cb` after every transaction that changed the rounds, with its origin. */
export function observeVotingRounds(doc: Y.Doc, cb: (origin: unknown) => void): () => void {
  const rounds = votingRoundsType(doc);
  const handler = (_event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => cb(transaction.origin);
  rounds.observe(handler);
  return () => rounds.unobserve(handler);
}

/** True when every stored round is valid; for checking incoming changes. */
export function isVotingRoundsMapValid(doc: Y.Doc): boolean {
  for (const [id, value] of votingRoundsType(doc)) {
    if (!isValidId(id) || !isStoredRound(value)) return false;
  }
  return true;
}

/** The voting rounds as the server checks them. */
export const VOTING_ROUNDS_SECTION: ControlSection = {
  key: VOTING_ROUNDS_KEY,
  kind: 'map',
  findInvalid: (doc) => (isVotingRoundsMapValid(doc) ? null : 'a voting round is invalid'),
};

// ---- scope ----------------------------------------------------------------------------------------

/** Whether a note (by the step its position lies in) is one the round is about. */
export function isNoteInScope(note: Pick<Note, 'step'>, scope: VotingScope): boolean {
  if (scope.kind === 'board') return true;
  const step = getStep(note.step);
  return scope.kind === 'phase' ? step.phase === getPhase(scope.phase).id : step.id === scope.step;
}

/** The notes a round is about, in the order of listNotes. */
export function notesInScope(doc: Y.Doc, scope: VotingScope): Note[] {
  return listNotes(doc).filter((note) => isNoteInScope(note, scope));
}

// ---- votes ----------------------------------------------------------------------------------------

interface StoredVote {
  round: string;
  voter: string;
  note: string;
  at: number;
}

function isStoredVote(value: unknown): value is StoredVote {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { round, voter, note, at } = value as Record<string, unknown>;
  return isValidId(round) && isValidId(voter) && isValidId(note) && isTimestamp(at);
}

const VOTE_FIELDS = ['round', 'voter', 'note', 'at'] as const;

/** The vote stored under `id` as the board holds it, or undefined when there is none or it is invalid. */
export function readStoredVote(doc: Y.Doc, id: string): Readonly<StoredVote> | undefined {
  return parseStoredVote(id, votesType(doc).get(id));
}

/** The vote `stored` under `id`, or undefined when it is not a valid one. */
export function parseStoredVote(id: string, stored: unknown): Readonly<StoredVote> | undefined {
  return isValidId(id) && isStoredVote(stored) ? stored : undefined;
}

/** The Yjs type holding the votes; only for observing it. */
export function votesType(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(VOTES_KEY);
}

/** Every valid vote placed in round `roundId`, in the order they were placed (ties by id). */
export function listVotes(doc: Y.Doc, roundId: string): PlacedVote[] {
  return votesOfRound(votesType(doc).entries(), roundId);
}

/** Every valid vote among stored `entries` (the votes map's, or a plain copy of it) placed in round `roundId`. */
export function votesOfRound(entries: Iterable<[string, unknown]>, roundId: string): PlacedVote[] {
  const votes: PlacedVote[] = [];
  for (const [id, stored] of entries) {
    if (!isValidId(id) || !isStoredVote(stored) || stored.round !== roundId) continue;
    votes.push({ id, roundId, voterId: stored.voter, noteId: stored.note, at: stored.at });
  }
  return votes.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The votes that count in `round`: those on notes that are (still) in its scope, within each person's budget
 * and limit per note. A note deleted or moved out of scope gives its votes back.
 */
export function roundVotes(doc: Y.Doc, round: VotingRound): PlacedVote[] {
  return countedVotes(listVotes(doc, round.id), notesInScope(doc, round.scope), round);
}

/** Of a round's `votes`, those that count given the board's `notes` (see roundVotes). */
export function countedVotes(
  votes: readonly PlacedVote[],
  notes: readonly Pick<Note, 'id' | 'step'>[],
  round: VotingRound,
): PlacedVote[] {
  const inScope = new Set(notes.filter((note) => isNoteInScope(note, round.scope)).map((note) => note.id));
  return withinBudget(
    votes.filter((vote) => inScope.has(vote.noteId)),
    round,
  );
}

/** Votes per note in `round`, most first; whether to show them is for resultsShown to say. */
export function voteTotals(doc: Y.Doc, round: VotingRound): Map<string, number> {
  return tally(roundVotes(doc, round));
}

function parseVoteInput(input: VoteInput): Required<VoteInput> {
  const { note, voter, id } = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  if (!isValidId(note) || !isValidId(voter) || (id !== undefined && !isValidId(id))) {
    throw new ModelError('invalid-vote', `A vote needs a note id and a voter id, got ${describeValue(note)}`);
  }
  return { note, voter, id: id ?? newId() };
}

function parseOpenRound(round: VotingRound): VotingRound {
  if (typeof round !== 'object' || round === null || !isValidId(round.id) || !isStoredRound(round)) {
    throw new ModelError('invalid-voting-round', 'Votes go to a valid voting round');
  }
  if (round.closedAt !== null) throw new ModelError('voting-closed', 'This voting round has closed');
  return round;
}

/**
 * Places one vote of `input.voter` on `input.note` in `round` (as read from the control document). Refused
 * when the round has closed, the note is not in its scope, or the person has no votes left for it.
 */
export function placeVote(doc: Y.Doc, round: VotingRound, input: VoteInput, opts?: WriteOptions): PlacedVote {
  const open = parseOpenRound(round);
  const { note: noteId, voter, id } = parseVoteInput(input);
  const at = resolveNow(opts?.now);
  assertWritableSchema(doc);
  const note = getNote(doc, noteId);
  if (!note) throw new ModelError('unknown-note', `There is no note with id ${describeValue(noteId)}`);
  if (!isNoteInScope(note, open.scope)) {
    throw new ModelError('vote-out-of-scope', 'This note is not part of the voting round');
  }
  if (votesType(doc).has(id))
    throw new ModelError('invalid-vote', `A vote with id ${describeValue(id)} exists`);
  const counted = roundVotes(doc, open);
  const vote = { voterId: voter, noteId };
  if (!canVote(counted, vote, open)) {
    throw new ModelError(
      'vote-limit',
      remainingVotes(counted, voter, open.budget) === 0
        ? 'You have used all your votes'
        : 'You cannot place more votes on this note',
    );
  }
  const stored: StoredVote = { round: open.id, voter, note: noteId, at };
  doc.transact(() => votesType(doc).set(id, stored), opts?.origin ?? LOCAL_ORIGIN);
  return { id, roundId: open.id, ...vote, at };
}

/** Takes back `input.voter`'s latest vote on `input.note` in the open `round`; ModelError('no-vote') if none. */
export function takeBackVote(
  doc: Y.Doc,
  round: VotingRound,
  input: Omit<VoteInput, 'id'>,
  opts?: TransactOptions,
): PlacedVote {
  const open = parseOpenRound(round);
  const { note, voter } = parseVoteInput({ note: input?.note, voter: input?.voter });
  assertWritableSchema(doc);
  const vote = voteToTakeBack(listVotes(doc, open.id), { voterId: voter, noteId: note });
  if (!vote) throw new ModelError('no-vote', 'You have no vote on this note to take back');
  doc.transact(() => votesType(doc).delete(vote.id), opts?.origin ?? LOCAL_ORIGIN);
  return vote;
}

/** Calls `cb` after every transaction that changed the votes, with its origin. */
export function observeVotes(doc: Y.Doc, cb: (origin: unknown) => void): () => void {
  const votes = votesType(doc);
  const handler = (_event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => cb(transaction.origin);
  votes.observe(handler);
  return () => votes.unobserve(handler);
}

/** Whether the vote stored under `id` is there and valid, or absent (taken back); for checking changes. */
export function isVoteEntryValid(doc: Y.Doc, id: string): boolean {
  const votes = votesType(doc);
  if (!votes.has(id)) return true;
  const stored = votes.get(id);
  return isValidId(id) && isStoredVote(stored) && hasExactKeys(stored, VOTE_FIELDS);
}
