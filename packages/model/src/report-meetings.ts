import type * as Y from 'yjs';
import { type AgendaStatus, agendaOf } from './agenda.ts';
import { type IssueKind, type IssueStatus, listIssues } from './issues-in-hand.ts';
import type { Meeting } from './meetings.ts';
import type { PhaseVisit } from './phase-history.ts';
import { getStep, type Label, PHASES, type PhaseId, STEPS, type StepId } from './phases.ts';
import { type PlanRoles, planHistory } from './plan.ts';

/**
 * The meetings of a board as the report tells them: when each took place, its plan against what happened,
 * and the issues in hand raised and closed in it; and the issues in hand themselves. Kinds, statuses and
 * reasons are ids, so the JSON export stays the same in every language.
 */

/** What a report covers: the whole trajectory (every meeting) or one meeting. */
export type ReportScope =
  | { kind: 'trajectory' }
  | { kind: 'meeting'; meeting: string; number: number; from: number; to: number };

export interface ReportMeeting {
  id: string;
  /** 1, 2, 3, … in the order the meetings were started. */
  number: number;
  /** When it started; for the first meeting, when the board's first recorded thing happened. */
  from: number;
  /** When the next meeting started, or the report's time for the last one. */
  to: number;
  startedBy: string | null;
  startedByName: string | null;
  /** The plan against reality; null when the meeting had no plan. */
  plan: ReportPlan | null;
  /** The issues raised in this meeting, by id, oldest first. */
  issuesOpened: string[];
  /** The issues whose status left 'open' in this meeting, by id, oldest first. */
  issuesClosed: string[];
}

export interface ReportPlan {
  /** In the plan's order, as its latest version has them. */
  items: ReportPlanItem[];
  roles: PlanRoles;
  /** How often the plan was saved again after its first version, e.g. changed during the meeting. */
  changes: number;
  /** Planned steps the group never started, in the plan's order. */
  notReached: StepId[];
  /** Steps the plan did not name in which notes were written during the meeting, clockwise. */
  stepsWithoutPlan: StepId[];
  /** Phases the group was in during the meeting while the plan named none of their steps, clockwise. */
  phasesWithoutPlan: PhaseId[];
}

export interface ReportPlanItem {
  step: StepId;
  label: Label;
  /** The time box. */
  plannedMinutes: number;
  /** What the step was for; '' for the step's own aim. */
  aim: string;
  status: AgendaStatus;
  /** Time spent on it while it was the agenda's current item, in milliseconds. */
  actualMs: number;
  startedAt: number | null;
  endedAt: number | null;
}

export interface ReportIssue {
  id: string;
  step: StepId;
  kind: IssueKind;
  text: string;
  owner: string;
  status: IssueStatus;
  /** The meeting it was raised in: its id and number. */
  meeting: string;
  meetingNumber: number | null;
  /** The meeting in which it was closed (done or dropped); null while open. */
  closedIn: string | null;
  closedInNumber: number | null;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  fromNote: string | null;
}

/** The meeting a moment belongs to: the last one started at or before it. */
export function meetingOfTime(meetings: readonly Meeting[], time: number): Meeting | undefined {
  return meetings.findLast((meeting) => meeting.startedAt <= time) ?? meetings[0];
}

/**
 * Each meeting's span: from its start to the last thing that happened in it (a move, a note, an agenda step,
 * an issue), so the days between two meetings belong to neither; the last meeting, which may still be going
 * on, runs to `now`. The first meeting has no start of its own:
 * it begins at `start`, when the board's first recorded thing happened. `activity` holds the times of
 * everything recorded, in any order.
 */
export function meetingSpans(
  meetings: readonly Meeting[],
  now: number,
  start: number,
  activity: readonly number[],
): { from: number; to: number }[] {
  return meetings.map((meeting, index) => {
    const following = meetings[index + 1];
    const next = following?.startedAt ?? now;
    const from = index === 0 ? Math.min(start, next) : meeting.startedAt;
    if (!following) return { from, to: Math.max(from, now) };
    const last = activity.reduce(
      (latest, at) => (at >= from && at < next && at > latest ? at : latest),
      from,
    );
    return { from, to: Math.min(Math.max(from, next), last) };
  });
}

/**
 * The moves of the phase history within a meeting: where the group stood when it began (stamped at its start)
 * and every move made during it.
 */
export function historyWithin(
  history: readonly PhaseVisit[],
  meetings: readonly Meeting[],
  meeting: Meeting,
): PhaseVisit[] {
  const within = history.filter((visit) => meetingOfTime(meetings, visit.at)?.id === meeting.id);
  const before = history.findLast((visit) => visit.at < meeting.startedAt);
  if (!before || within[0]?.at === meeting.startedAt) return within;
  return [{ ...before, at: meeting.startedAt }, ...within];
}

export interface MeetingsInput {
  control: Y.Doc;
  meetings: readonly Meeting[];
  /** When and where notes were written. */
  notes: readonly { step: StepId; createdAt: number }[];
  history: readonly PhaseVisit[];
  issues: readonly ReportIssue[];
  now: number;
  /** When the board's first recorded thing happened: where the first meeting begins. */
  start: number;
  /** The times of everything recorded, for where each meeting ends (see meetingSpans). */
  activity: readonly number[];
  names: ReadonlyMap<string, string>;
}

/** Every meeting of `input.meetings` with its plan against reality and its issues opened and closed. */
export function reportMeetings(input: MeetingsInput): ReportMeeting[] {
  const { meetings, now } = input;
  const spans = meetingSpans(meetings, now, input.start, input.activity);
  const oldestFirst = [...input.issues].sort((a, b) => a.createdAt - b.createdAt);
  return meetings.map((meeting, index): ReportMeeting => {
    const span = spans[index] as { from: number; to: number };
    const startedBy = meeting.startedBy;
    return {
      id: meeting.id,
      number: meeting.number,
      from: span.from,
      to: span.to,
      startedBy,
      startedByName: (startedBy && input.names.get(startedBy)) ?? null,
      plan: planAgainstReality(input, meeting, span.to),
      issuesOpened: oldestFirst.filter((issue) => issue.meeting === meeting.id).map((issue) => issue.id),
      issuesClosed: oldestFirst.filter((issue) => issue.closedIn === meeting.id).map((issue) => issue.id),
    };
  });
}

function planAgainstReality(input: MeetingsInput, meeting: Meeting, end: number): ReportPlan | null {
  const agenda = agendaOf(input.control, meeting.id, end);
  const versions = planHistory(input.control, meeting.id);
  const plan = versions.at(-1);
  if (!agenda || !plan) return null;
  const items = agenda.items.map(
    ({ item, status, spentMs, startedAt, endedAt }): ReportPlanItem => ({
      step: item.step,
      label: { ...getStep(item.step).label },
      plannedMinutes: item.minutes,
      aim: item.aim,
      status,
      actualMs: spentMs,
      startedAt,
      endedAt,
    }),
  );
  const planned = new Set(items.map((item) => item.step));
  const plannedPhases = new Set(items.map((item) => getStep(item.step).phase));
  const written = new Set(
    input.notes
      .filter((note) => meetingOfTime(input.meetings, note.createdAt)?.id === meeting.id)
      .map((note) => note.step),
  );
  const visited = new Set(historyWithin(input.history, input.meetings, meeting).map((visit) => visit.phase));
  return {
    items,
    roles: {
      facilitator: plan.roles.facilitator,
      partners: plan.roles.partners.map((partner) => ({ ...partner })),
      notetaker: plan.roles.notetaker,
    },
    changes: versions.length - 1,
    notReached: items.filter((item) => item.startedAt === null).map((item) => item.step),
    stepsWithoutPlan: STEPS.filter((step) => written.has(step.id) && !planned.has(step.id)).map(
      (step) => step.id,
    ),
    phasesWithoutPlan: PHASES.filter((phase) => visited.has(phase.id) && !plannedPhases.has(phase.id)).map(
      (phase) => phase.id,
    ),
  };
}

/**
 * The issues in hand raised up to meeting `upTo` (all when undefined), as they stand now: by step clockwise,
 * open ones first, then oldest first.
 */
export function reportIssues(control: Y.Doc, meetings: readonly Meeting[], upTo?: number): ReportIssue[] {
  const numberOf = (id: string | null) => meetings.find((meeting) => meeting.id === id)?.number ?? null;
  const stepOrder = new Map(STEPS.map((step, index) => [step.id, index]));
  return listIssues(control)
    .map(
      (issue): ReportIssue => ({
        id: issue.id,
        step: issue.step,
        kind: issue.kind,
        text: issue.text,
        owner: issue.owner,
        status: issue.status,
        meeting: issue.meeting,
        meetingNumber: numberOf(issue.meeting),
        closedIn: issue.closedIn,
        closedInNumber: numberOf(issue.closedIn),
        createdAt: issue.createdAt,
        createdBy: issue.createdBy,
        updatedAt: issue.updatedAt,
        fromNote: issue.fromNote,
      }),
    )
    .filter((issue) => upTo === undefined || (issue.meetingNumber ?? 0) <= upTo)
    .sort(
      (a, b) =>
        (stepOrder.get(a.step) ?? 0) - (stepOrder.get(b.step) ?? 0) ||
        Number(a.status !== 'open') - Number(b.status !== 'open') ||
        a.createdAt - b.createdAt,
    );
}
