import type * as Y from 'yjs';
import type { ControlSection } from './control-section.ts';
import { describeValue, ModelError } from './errors.ts';
import { isValidId } from './id.ts';
import { getMeeting } from './meetings.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';
import { parseActor } from './phase-history.ts';
import { isStepId, STEPS, type StepId } from './phases.ts';
import { hasExactKeys } from './plain-value.ts';
import { type PlanItem, planOf } from './plan.ts';
import { isTimestamp, parseTimestamp, resolveNow } from './time.ts';
import { MINUTE_MS } from './timer.ts';

/**
 * The agenda: what happened to a meeting's plan. Facilitators start an item, skip one, or finish the one going
 * on; the log of those actions, replayed over the plan as it now stands, says which item is current, which are
 * done or skipped, and how much of each time box is used. Items are known by their step (a step is in a plan
 * at most once), so a plan changed during the meeting keeps what happened to the steps still in it.
 */
export const AGENDA_ACTIONS = ['start', 'done', 'skip'] as const;
export type AgendaAction = (typeof AGENDA_ACTIONS)[number];

export interface AgendaEntry {
  meeting: string;
  step: StepId;
  action: AgendaAction;
  at: number;
  by: string;
}

export type AgendaStatus = 'todo' | 'current' | 'done' | 'skipped';

export interface AgendaItem {
  item: PlanItem;
  status: AgendaStatus;
  /** When the item was first started, or null when it never was. */
  startedAt: number | null;
  /** When it was last done or skipped, or null while it is todo or current. */
  endedAt: number | null;
  /** Time spent on it while it was current, up to `now` for the current item. */
  spentMs: number;
  /** What is left of the time box (negative when over time) for todo and current items; null otherwise. */
  remainingMs: number | null;
}

export interface Agenda {
  meeting: string;
  /** The plan's items, in the plan's order. */
  items: AgendaItem[];
  /** Index in `items` of the item going on, or null. */
  current: number | null;
  /** Index of the item that comes next: the first todo item after the current (or last handled) one, else the first todo item. */
  next: number | null;
  /** The steps the plan does not hold, clockwise: those that can still be added to it. */
  unplannedSteps: StepId[];
}

export interface AgendaInput {
  meeting: string;
  step: StepId;
  actor: string;
  /** Defaults to Date.now(). */
  at?: number;
}

/** Name of the top-level Y.Array in the control document holding the agenda's log, oldest first; append-only. */
export const AGENDA_KEY = 'agenda';

const ENTRY_FIELDS = ['meeting', 'step', 'action', 'at', 'by'] as const;

function isAgendaAction(value: unknown): value is AgendaAction {
  return (AGENDA_ACTIONS as readonly unknown[]).includes(value);
}

export function isAgendaEntry(value: unknown): value is AgendaEntry {
  if (!hasExactKeys(value, ENTRY_FIELDS)) return false;
  const { meeting, step, action, at, by } = value;
  return isValidId(meeting) && isStepId(step) && isAgendaAction(action) && isTimestamp(at) && isValidId(by);
}

/** The Yjs type holding the agenda's log; only for observing it. */
export function agendaType(control: Y.Doc): Y.Array<unknown> {
  return control.getArray(AGENDA_KEY);
}

/** The valid entries of one meeting's log, oldest first. */
export function agendaEntries(control: Y.Doc, meetingId: string): AgendaEntry[] {
  return agendaType(control)
    .toArray()
    .filter((entry): entry is AgendaEntry => isAgendaEntry(entry) && entry.meeting === meetingId)
    .map(({ meeting, step, action, at, by }) => ({ meeting, step, action, at, by }));
}

interface Progress {
  status: AgendaStatus;
  startedAt: number | null;
  endedAt: number | null;
  spentMs: number;
  /** When the item last became current, while it is. */
  since: number | null;
}

/** A meeting's agenda at `now`: its plan with what happened to each item; null when it has no plan. */
export function agendaOf(control: Y.Doc, meetingId: string, now: number): Agenda | null {
  const end = parseTimestamp(now, 'now');
  const plan = planOf(control, meetingId);
  if (!plan) return null;
  const progress = new Map<StepId, Progress>(
    plan.items.map((item) => [
      item.step,
      { status: 'todo', startedAt: null, endedAt: null, spentMs: 0, since: null },
    ]),
  );
  let current: StepId | null = null;
  let lastHandled: StepId | null = null;
  // Clocks of two facilitators may disagree: time running backwards counts as none.
  const stop = (state: Progress, at: number, status: AgendaStatus) => {
    if (state.since !== null) state.spentMs += Math.max(0, at - state.since);
    state.since = null;
    state.status = status;
    state.endedAt = at;
  };
  for (const entry of agendaEntries(control, meetingId)) {
    const state = progress.get(entry.step);
    if (!state) continue;
    lastHandled = entry.step;
    if (entry.action === 'start') {
      if (current === entry.step) continue;
      const running = current === null ? undefined : progress.get(current);
      if (running) stop(running, entry.at, 'done');
      state.status = 'current';
      state.startedAt ??= entry.at;
      state.endedAt = null;
      state.since = entry.at;
      current = entry.step;
    } else {
      stop(state, entry.at, entry.action === 'done' ? 'done' : 'skipped');
      if (current === entry.step) current = null;
    }
  }

  const items = plan.items.map((item): AgendaItem => {
    const state = progress.get(item.step) as Progress;
    const spentMs = state.spentMs + (state.since === null ? 0 : Math.max(0, end - state.since));
    const open = state.status === 'todo' || state.status === 'current';
    return {
      item,
      status: state.status,
      startedAt: state.startedAt,
      endedAt: state.endedAt,
      spentMs,
      remainingMs: open ? item.minutes * MINUTE_MS - spentMs : null,
    };
  });
  const indexOf = (step: StepId | null) => plan.items.findIndex((item) => item.step === step);
  const anchor = indexOf(current ?? lastHandled);
  const isTodo = (item: AgendaItem) => item.status === 'todo';
  const after = items.findIndex((item, index) => index > anchor && isTodo(item));
  const next = after >= 0 ? after : items.findIndex(isTodo);
  const planned = new Set(plan.items.map((item) => item.step));
  return {
    meeting: plan.meeting,
    items,
    current: current === null ? null : indexOf(current),
    next: next >= 0 ? next : null,
    unplannedSteps: STEPS.filter((step) => !planned.has(step.id)).map((step) => step.id),
  };
}

/** The agenda an action goes to; refuses an unknown meeting, a meeting without a plan or a step not in it. */
function parseAction(
  control: Y.Doc,
  input: { meeting: unknown; step?: unknown; actor: unknown; at?: unknown },
  withStep: boolean,
): { agenda: Agenda; at: number; by: string } {
  const meeting = getMeeting(control, input?.meeting as string).id;
  const by = parseActor(input?.actor);
  if (by === undefined) throw new ModelError('invalid-actor', 'Someone moves the agenda on');
  const at = input?.at === undefined ? resolveNow(undefined) : parseTimestamp(input.at, 'at');
  const agenda = agendaOf(control, meeting, at);
  if (!agenda) throw new ModelError('invalid-plan', 'This meeting has no plan yet');
  if (withStep && !agenda.items.some((item) => item.item.step === input.step)) {
    throw new ModelError('invalid-plan', `The plan does not hold step ${describeValue(input.step)}`);
  }
  return { agenda, at, by };
}

function append(control: Y.Doc, entry: AgendaEntry, opts: TransactOptions | undefined): void {
  control.transact(() => agendaType(control).push([{ ...entry }]), opts?.origin ?? LOCAL_ORIGIN);
}

function statusOf(agenda: Agenda, step: StepId): AgendaStatus | undefined {
  return agenda.items.find((item) => item.item.step === step)?.status;
}

/**
 * Starts a plan item; the item going on, if another one, is done from then on. Starting an item that was done
 * or skipped takes it up again. Writes nothing when the item is already current.
 */
export function startAgendaItem(control: Y.Doc, input: AgendaInput, opts?: TransactOptions): void {
  const { agenda, at, by } = parseAction(control, input, true);
  if (statusOf(agenda, input.step) === 'current') return;
  append(control, { meeting: agenda.meeting, step: input.step, action: 'start', at, by }, opts);
}

/** Skips a plan item that is todo or current; writes nothing for one that is done or skipped already. */
export function skipAgendaItem(control: Y.Doc, input: AgendaInput, opts?: TransactOptions): void {
  const { agenda, at, by } = parseAction(control, input, true);
  const status = statusOf(agenda, input.step);
  if (status === 'done' || status === 'skipped') return;
  append(control, { meeting: agenda.meeting, step: input.step, action: 'skip', at, by }, opts);
}

/** Marks the item going on as done; writes nothing when none is. */
export function finishAgenda(control: Y.Doc, input: Omit<AgendaInput, 'step'>, opts?: TransactOptions): void {
  const { agenda, at, by } = parseAction(control, input, false);
  const current = agenda.current === null ? undefined : agenda.items[agenda.current];
  if (!current) return;
  append(control, { meeting: agenda.meeting, step: current.item.step, action: 'done', at, by }, opts);
}

/** True when every stored agenda entry is valid; for checking incoming changes. */
export function isAgendaLogValid(control: Y.Doc): boolean {
  return agendaType(control).toArray().every(isAgendaEntry);
}

/** The agenda's log as the server checks it: a list that only grows. */
export const AGENDA_SECTION: ControlSection = {
  key: AGENDA_KEY,
  kind: 'array',
  appendOnly: true,
  findInvalid: (control) => (isAgendaLogValid(control) ? null : 'an agenda entry is invalid'),
};
