import type * as Y from 'yjs';
import type { ControlSection } from './control-section.ts';
import { describeValue, ModelError } from './errors.ts';
import { ID_MAX_LENGTH, isValidId, newId } from './id.ts';
import { getMeeting } from './meetings.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';
import { parseActor } from './phase-history.ts';
import { isStepId, type Label, type StepId } from './phases.ts';
import { hasExactKeys } from './plain-value.ts';
import { isNormalisedPlainText, normalisePlainText, type TextRule } from './text.ts';
import { isTimestamp, parseTimestamp, resolveNow } from './time.ts';

/**
 * The issues the collaboration has in hand ("welke issues hebben we onder handen?"): open questions,
 * agreements made and actions to take, each at a step of the circle, with an owner and a status. They belong
 * to the collaboration, not to one meeting: what is open at the end of a meeting is still open at the next.
 */
export const ISSUE_KINDS = ['question', 'agreement', 'action'] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];

export const ISSUE_STATUSES = ['open', 'done', 'dropped'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export const ISSUE_KIND_LABELS: Readonly<Record<IssueKind, Label>> = Object.freeze({
  question: { nl: 'Vraag', en: 'Question' },
  agreement: { nl: 'Afspraak', en: 'Agreement' },
  action: { nl: 'Actie', en: 'Action' },
});

export const ISSUE_STATUS_LABELS: Readonly<Record<IssueStatus, Label>> = Object.freeze({
  open: { nl: 'Open', en: 'Open' },
  done: { nl: 'Afgerond', en: 'Done' },
  dropped: { nl: 'Vervallen', en: 'Dropped' },
});

export interface IssueInHand {
  id: string;
  step: StepId;
  text: string;
  kind: IssueKind;
  /** Who takes it up: a person or an organisation, free text; '' when nobody yet. */
  owner: string;
  status: IssueStatus;
  /** The meeting in which it was raised. */
  meeting: string;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
  /** The meeting in which its status left 'open'; null while it is open. */
  closedIn: string | null;
  /** The note it was made from, if any. */
  fromNote: string | null;
}

export interface IssueInput {
  step: StepId;
  text: string;
  kind: IssueKind;
  owner?: string;
  /** The meeting going on. */
  meeting: string;
  actor: string;
  /** Defaults to a random id. */
  id?: string;
  /** Defaults to Date.now(). */
  at?: number;
  fromNote?: string;
}

export type IssuePatch = Partial<Pick<IssueInHand, 'text' | 'kind' | 'owner' | 'status' | 'step'>> & {
  /** The meeting going on: where a closed issue was closed. */
  meeting: string;
  actor: string;
  at?: number;
};

export const ISSUE_TEXT_MAX = 280;
export const ISSUE_OWNER_MAX = 80;

/**
 * Name of the top-level Y.Map in the control document from issue id to the whole issue (without its id).
 * Each change writes the whole issue, so two facilitators changing the same issue at once end with one of
 * their two versions, never half of each; changes to different issues all survive.
 */
export const ISSUES_KEY = 'issues';

const TEXT_RULE: TextRule = {
  code: 'invalid-issue',
  what: 'An issue',
  min: 1,
  max: ISSUE_TEXT_MAX,
  multiline: true,
};
const OWNER_RULE: TextRule = {
  code: 'invalid-issue',
  what: 'An owner',
  min: 0,
  max: ISSUE_OWNER_MAX,
  multiline: false,
};

type StoredIssue = Omit<IssueInHand, 'id'>;

const ISSUE_FIELDS = [
  'step',
  'text',
  'kind',
  'owner',
  'status',
  'meeting',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'closedIn',
  'fromNote',
] as const;

function isIssueKind(value: unknown): value is IssueKind {
  return (ISSUE_KINDS as readonly unknown[]).includes(value);
}

function isIssueStatus(value: unknown): value is IssueStatus {
  return (ISSUE_STATUSES as readonly unknown[]).includes(value);
}

function isStoredIssue(value: unknown): value is StoredIssue {
  if (!hasExactKeys(value, ISSUE_FIELDS)) return false;
  const { step, text, kind, owner, status, meeting, closedIn, fromNote } = value;
  return (
    isStepId(step) &&
    isNormalisedPlainText(text, TEXT_RULE) &&
    isIssueKind(kind) &&
    isNormalisedPlainText(owner, OWNER_RULE) &&
    isIssueStatus(status) &&
    isValidId(meeting) &&
    isTimestamp(value.createdAt) &&
    isValidId(value.createdBy) &&
    isTimestamp(value.updatedAt) &&
    isValidId(value.updatedBy) &&
    (status === 'open' ? closedIn === null : isValidId(closedIn)) &&
    (fromNote === null || isValidId(fromNote))
  );
}

function readIssue(id: string, stored: StoredIssue): IssueInHand {
  const { step, text, kind, owner, status, meeting, createdAt, createdBy, updatedAt, updatedBy, closedIn } =
    stored;
  return {
    id,
    step,
    text,
    kind,
    owner,
    status,
    meeting,
    createdAt,
    createdBy,
    updatedAt,
    updatedBy,
    closedIn,
    fromNote: stored.fromNote,
  };
}

function storedIssue({ id: _id, ...issue }: IssueInHand): StoredIssue {
  return issue;
}

/** The Yjs type holding the issues; only for observing it. */
export function issuesType(control: Y.Doc): Y.Map<unknown> {
  return control.getMap(ISSUES_KEY);
}

/** Every valid issue, oldest first (ties by id). */
export function listIssues(control: Y.Doc): IssueInHand[] {
  const issues: IssueInHand[] = [];
  for (const [id, stored] of issuesType(control)) {
    if (isValidId(id) && isStoredIssue(stored)) issues.push(readIssue(id, stored));
  }
  return issues.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The issues still open, oldest first: what a new meeting starts with. */
export function openIssues(control: Y.Doc): IssueInHand[] {
  return listIssues(control).filter((issue) => issue.status === 'open');
}

function invalid(message: string): ModelError {
  return new ModelError('invalid-issue', message);
}

function parseStep(value: unknown): StepId {
  if (!isStepId(value))
    throw invalid(`An issue belongs to one of the twelve steps, got ${describeValue(value)}`);
  return value;
}

function parseKind(value: unknown): IssueKind {
  if (!isIssueKind(value))
    throw invalid(`An issue is one of ${ISSUE_KINDS.join(', ')}, got ${describeValue(value)}`);
  return value;
}

function parseStatus(value: unknown): IssueStatus {
  if (!isIssueStatus(value)) {
    throw invalid(`An issue's status is one of ${ISSUE_STATUSES.join(', ')}, got ${describeValue(value)}`);
  }
  return value;
}

function parseWho(
  control: Y.Doc,
  input: Record<string, unknown>,
): { meeting: string; actor: string; at: number } {
  const meeting = getMeeting(control, input.meeting as string).id;
  const actor = parseActor(input.actor);
  if (actor === undefined) throw new ModelError('invalid-actor', 'Issues are written by someone');
  const at = input.at === undefined ? resolveNow(undefined) : parseTimestamp(input.at, 'at');
  return { meeting, actor, at };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function write(control: Y.Doc, issue: IssueInHand, opts: TransactOptions | undefined): IssueInHand {
  control.transact(() => issuesType(control).set(issue.id, storedIssue(issue)), opts?.origin ?? LOCAL_ORIGIN);
  return { ...issue };
}

/** Takes up a new issue, open; refuses with ModelError('invalid-issue') and writes nothing on bad input. */
export function addIssue(control: Y.Doc, input: IssueInput, opts?: TransactOptions): IssueInHand {
  const fields = record(input);
  const step = parseStep(fields.step);
  const text = normalisePlainText(fields.text, TEXT_RULE);
  const kind = parseKind(fields.kind);
  const owner = normalisePlainText(fields.owner ?? '', OWNER_RULE);
  const { id, fromNote } = fields;
  if (id !== undefined && !isValidId(id)) {
    throw invalid(`An issue id must be 1..${ID_MAX_LENGTH} characters without control characters`);
  }
  if (fromNote !== undefined && !isValidId(fromNote))
    throw invalid('An issue comes from a note with a valid id');
  const { meeting, actor, at } = parseWho(control, fields);
  const issueId = id ?? newId();
  if (issuesType(control).has(issueId)) throw invalid(`An issue with id ${describeValue(issueId)} exists`);
  const issue: IssueInHand = {
    id: issueId,
    step,
    text,
    kind,
    owner,
    status: 'open',
    meeting,
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
    updatedBy: actor,
    closedIn: null,
    fromNote: fromNote ?? null,
  };
  return write(control, issue, opts);
}

/**
 * Changes an issue's text, kind, owner, status or step. Closing it (done or dropped) records the meeting it was
 * closed in; opening it again clears that. Writes nothing when nothing changes.
 */
export function updateIssue(
  control: Y.Doc,
  id: string,
  patch: IssuePatch,
  opts?: TransactOptions,
): IssueInHand {
  const stored = isValidId(id) ? issuesType(control).get(id) : undefined;
  if (!isStoredIssue(stored)) throw invalid(`There is no issue ${describeValue(id)}`);
  const current = readIssue(id, stored);
  const fields = record(patch);
  const changed: IssueInHand = {
    ...current,
    ...(fields.text === undefined ? {} : { text: normalisePlainText(fields.text, TEXT_RULE) }),
    ...(fields.kind === undefined ? {} : { kind: parseKind(fields.kind) }),
    ...(fields.owner === undefined ? {} : { owner: normalisePlainText(fields.owner, OWNER_RULE) }),
    ...(fields.status === undefined ? {} : { status: parseStatus(fields.status) }),
    ...(fields.step === undefined ? {} : { step: parseStep(fields.step) }),
  };
  const { meeting, actor, at } = parseWho(control, fields);
  const same = (['text', 'kind', 'owner', 'status', 'step'] as const).every(
    (key) => changed[key] === current[key],
  );
  if (same) return current;
  const closedIn = changed.status === 'open' ? null : current.status === 'open' ? meeting : current.closedIn;
  return write(control, { ...changed, closedIn, updatedAt: at, updatedBy: actor }, opts);
}

/** True when every stored issue is valid; for checking incoming changes. */
export function isIssueMapValid(control: Y.Doc): boolean {
  for (const [id, stored] of issuesType(control)) {
    if (!isValidId(id) || !isStoredIssue(stored)) return false;
  }
  return true;
}

/** The issues as the server checks them. */
export const ISSUES_SECTION: ControlSection = {
  key: ISSUES_KEY,
  kind: 'map',
  findInvalid: (control) => (isIssueMapValid(control) ? null : 'an issue is invalid'),
};
