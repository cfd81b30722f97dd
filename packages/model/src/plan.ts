import type * as Y from 'yjs';
import { CONTROL_ENTRY_LIMITS, type ControlSection } from './control-section.ts';
import { describeValue, ModelError } from './errors.ts';
import { isValidId } from './id.ts';
import { getMeeting } from './meetings.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';
import { parseActor } from './phase-history.ts';
import { getStep, isStepId, type Label, type StepId } from './phases.ts';
import { hasExactKeys, isPlainValue } from './plain-value.ts';
import { isNormalisedPlainText, normalisePlainText, type TextRule } from './text.ts';
import { isTimestamp, parseTimestamp, resolveNow } from './time.ts';

/**
 * A meeting's plan: which steps the group takes, in which order, how long each may take and what it is for,
 * and who plays which role. Any steps of the twelve, in any order, each at most once: a meeting may well
 * return to Belangen after Uitgangspunten.
 */
export interface PlanItem {
  step: StepId;
  /** The time box, whole minutes 1..PLAN_MINUTES_MAX. */
  minutes: number;
  /** What the step is for in this meeting; '' means the step's own aim (defaultAim). */
  aim: string;
}

export interface PlanPartner {
  name: string;
  organisation: string;
}

export interface PlanRoles {
  facilitator: string;
  partners: PlanPartner[];
  notetaker: string;
}

export interface MeetingPlan {
  meeting: string;
  items: PlanItem[];
  roles: PlanRoles;
  /** When this version was saved, milliseconds since the Unix epoch. */
  at: number;
  /** The id of the facilitator who saved it. */
  by: string;
}

export interface PlanInput {
  meeting: string;
  items: PlanItem[];
  roles: PlanRoles;
  actor: string;
  /** Defaults to Date.now(). */
  at?: number;
}

export const PLAN_ITEMS_MAX = 16;
export const PLAN_MINUTES_MAX = 180;
export const PLAN_AIM_MAX = 160;
export const PLAN_NAME_MAX = 60;
export const PLAN_PARTNERS_MAX = 20;

/**
 * Name of the top-level Y.Array in the control document holding every saved version of every meeting's plan,
 * oldest first. Append-only, so how a plan changed during a meeting stays on record; the version appended
 * last is the plan. Two facilitators saving at once both append, and everyone takes the same one as last.
 */
export const PLANS_KEY = 'plans';

const AIM_RULE: TextRule = {
  code: 'invalid-plan',
  what: 'An aim',
  min: 0,
  max: PLAN_AIM_MAX,
  multiline: false,
};
const NAME_RULE: TextRule = {
  code: 'invalid-plan',
  what: 'A name',
  min: 0,
  max: PLAN_NAME_MAX,
  multiline: false,
};
const PARTNER_NAME_RULE: TextRule = { ...NAME_RULE, what: "A partner's name", min: 1 };

const PLAN_FIELDS = ['meeting', 'items', 'roles', 'at', 'by'] as const;
const ITEM_FIELDS = ['step', 'minutes', 'aim'] as const;
const ROLE_FIELDS = ['facilitator', 'partners', 'notetaker'] as const;
const PARTNER_FIELDS = ['name', 'organisation'] as const;

function isMinutes(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= PLAN_MINUTES_MAX;
}

function isPlanItem(value: unknown): value is PlanItem {
  if (!hasExactKeys(value, ITEM_FIELDS)) return false;
  return isStepId(value.step) && isMinutes(value.minutes) && isNormalisedPlainText(value.aim, AIM_RULE);
}

function isPlanPartner(value: unknown): value is PlanPartner {
  if (!hasExactKeys(value, PARTNER_FIELDS)) return false;
  return (
    isNormalisedPlainText(value.name, PARTNER_NAME_RULE) &&
    isNormalisedPlainText(value.organisation, NAME_RULE)
  );
}

function isPlanRoles(value: unknown): value is PlanRoles {
  if (!hasExactKeys(value, ROLE_FIELDS)) return false;
  const { facilitator, partners, notetaker } = value;
  return (
    isNormalisedPlainText(facilitator, NAME_RULE) &&
    isNormalisedPlainText(notetaker, NAME_RULE) &&
    Array.isArray(partners) &&
    partners.length <= PLAN_PARTNERS_MAX &&
    partners.every(isPlanPartner)
  );
}

function hasUniqueSteps(items: readonly PlanItem[]): boolean {
  return new Set(items.map((item) => item.step)).size === items.length;
}

/** Whether a stored value is a plan version setPlan could have written. */
export function isMeetingPlan(value: unknown): value is MeetingPlan {
  if (!hasExactKeys(value, PLAN_FIELDS)) return false;
  const { meeting, items, roles, at, by } = value;
  return (
    isValidId(meeting) &&
    Array.isArray(items) &&
    items.length >= 1 &&
    items.length <= PLAN_ITEMS_MAX &&
    items.every(isPlanItem) &&
    hasUniqueSteps(items) &&
    isPlanRoles(roles) &&
    isTimestamp(at) &&
    isValidId(by)
  );
}

function copyPlan(plan: MeetingPlan): MeetingPlan {
  return {
    meeting: plan.meeting,
    items: plan.items.map(({ step, minutes, aim }) => ({ step, minutes, aim })),
    roles: {
      facilitator: plan.roles.facilitator,
      partners: plan.roles.partners.map(({ name, organisation }) => ({ name, organisation })),
      notetaker: plan.roles.notetaker,
    },
    at: plan.at,
    by: plan.by,
  };
}

/** The Yjs type holding the plans; only for observing it. */
export function plansType(control: Y.Doc): Y.Array<unknown> {
  return control.getArray(PLANS_KEY);
}

/** Every saved version of a meeting's plan, oldest first; invalid entries are skipped. */
export function planHistory(control: Y.Doc, meetingId: string): MeetingPlan[] {
  return plansType(control)
    .toArray()
    .filter((stored): stored is MeetingPlan => isMeetingPlan(stored) && stored.meeting === meetingId)
    .map(copyPlan);
}

/** A meeting's plan as it stands: the version saved last, or null when it has none. */
export function planOf(control: Y.Doc, meetingId: string): MeetingPlan | null {
  return planHistory(control, meetingId).at(-1) ?? null;
}

/** What a step is for, when the plan does not say: the step's own description from the model. */
export function defaultAim(step: StepId): Label {
  return getStep(step).description;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function parseItems(value: unknown): PlanItem[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > PLAN_ITEMS_MAX) {
    throw new ModelError('invalid-plan', `A plan holds 1 to ${PLAN_ITEMS_MAX} steps`);
  }
  const items = value.map((raw): PlanItem => {
    const { step, minutes, aim } = record(raw);
    if (!isStepId(step)) throw new ModelError('invalid-plan', `Unknown step ${describeValue(step)}`);
    if (!isMinutes(minutes)) {
      throw new ModelError(
        'invalid-plan',
        `A step takes a whole number of minutes from 1 to ${PLAN_MINUTES_MAX}, got ${describeValue(minutes)}`,
      );
    }
    return { step, minutes, aim: normalisePlainText(aim ?? '', AIM_RULE) };
  });
  if (!hasUniqueSteps(items)) throw new ModelError('invalid-plan', 'A step is in a plan at most once');
  return items;
}

function parseRoles(value: unknown): PlanRoles {
  const { facilitator, partners, notetaker } = record(value);
  const list = partners ?? [];
  if (!Array.isArray(list) || list.length > PLAN_PARTNERS_MAX) {
    throw new ModelError('invalid-plan', `A plan names at most ${PLAN_PARTNERS_MAX} partners`);
  }
  return {
    facilitator: normalisePlainText(facilitator ?? '', { ...NAME_RULE, what: "The facilitator's name" }),
    partners: list.map((partner) => {
      const { name, organisation } = record(partner);
      return {
        name: normalisePlainText(name, PARTNER_NAME_RULE),
        organisation: normalisePlainText(organisation ?? '', { ...NAME_RULE, what: 'An organisation' }),
      };
    }),
    notetaker: normalisePlainText(notetaker ?? '', { ...NAME_RULE, what: "The notetaker's name" }),
  };
}

/**
 * Saves a new version of a meeting's plan and returns it. Texts are trimmed. Throws ModelError('invalid-plan')
 * for items or roles out of bounds, 'invalid-meeting' for an unknown meeting, 'invalid-actor', 'invalid-time'.
 */
export function setPlan(control: Y.Doc, input: PlanInput, opts?: TransactOptions): MeetingPlan {
  const { meeting, items, roles, actor, at } = record(input);
  const plan: MeetingPlan = {
    meeting: getMeeting(control, meeting as string).id,
    items: parseItems(items),
    roles: parseRoles(roles),
    at: at === undefined ? resolveNow(undefined) : parseTimestamp(at, 'at'),
    by: parseActor(actor) ?? '',
  };
  if (plan.by === '') throw new ModelError('invalid-actor', 'A plan is saved by someone');
  if (!isPlainValue(plan, CONTROL_ENTRY_LIMITS)) {
    throw new ModelError('invalid-plan', 'This plan is too long to save; shorten its aims or names');
  }
  control.transact(() => plansType(control).push([copyPlan(plan)]), opts?.origin ?? LOCAL_ORIGIN);
  return plan;
}

/** True when every stored plan version is valid; for checking incoming changes. */
export function isPlanListValid(control: Y.Doc): boolean {
  return plansType(control).toArray().every(isMeetingPlan);
}

/** The plans as the server checks them: a list that only grows. */
export const PLANS_SECTION: ControlSection = {
  key: PLANS_KEY,
  kind: 'array',
  appendOnly: true,
  findInvalid: (control) => (isPlanListValid(control) ? null : 'a plan is invalid'),
};
