import type * as Y from 'yjs';
import type { ControlSection } from './control-section.ts';
import { describeValue, ModelError } from './errors.ts';
import { LOCAL_ORIGIN, type TransactOptions } from './origins.ts';
import { getStep, STEPS, type StepId } from './phases.ts';

/** How far the group is with a step, as the facilitator ticks it off. */
export const STEP_STATUSES = ['open', 'in-progress', 'done'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const DEFAULT_STEP_STATUS: StepStatus = 'open';

/**
 * Name of the top-level Y.Map in the control document from step id to status. A step that has no entry is
 * open. One key per step, so facilitators ticking different steps at the same time both keep their change.
 */
export const STEP_STATUS_KEY = 'stepStatus';

export function isStepStatus(value: unknown): value is StepStatus {
  return (STEP_STATUSES as readonly unknown[]).includes(value);
}

function parseStepStatus(value: unknown): StepStatus {
  if (!isStepStatus(value)) {
    throw new ModelError(
      'invalid-step-status',
      `A step status must be one of ${STEP_STATUSES.join(', ')}, got ${describeValue(value)}`,
    );
  }
  return value;
}

/** The Yjs type holding the step statuses; only for observing it. */
export function stepStatusType(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(STEP_STATUS_KEY);
}

/** The status of every one of the twelve steps; missing or invalid entries read as open. */
export function readStepStatuses(doc: Y.Doc): Record<StepId, StepStatus> {
  const stored = stepStatusType(doc);
  const statuses: Record<StepId, StepStatus> = {};
  for (const step of STEPS) {
    const value = stored.get(step.id);
    statuses[step.id] = isStepStatus(value) ? value : DEFAULT_STEP_STATUS;
  }
  return statuses;
}

/** Sets a step's status; writes nothing when it already has that status. */
export function setStepStatus(doc: Y.Doc, step: StepId, status: StepStatus, opts?: TransactOptions): void {
  const { id } = getStep(step);
  const parsed = parseStepStatus(status);
  if (stepStatusType(doc).get(id) === parsed) return;
  doc.transact(() => stepStatusType(doc).set(id, parsed), opts?.origin ?? LOCAL_ORIGIN);
}

/** True when the stored statuses hold only known steps with valid statuses; for checking incoming changes. */
export function isStepStatusMapValid(doc: Y.Doc): boolean {
  for (const [id, value] of stepStatusType(doc)) {
    if (!STEPS.some((step) => step.id === id) || !isStepStatus(value)) return false;
  }
  return true;
}

/** The step statuses as the server checks them. */
export const STEP_STATUS_SECTION: ControlSection = {
  key: STEP_STATUS_KEY,
  kind: 'map',
  findInvalid: (doc) =>
    isStepStatusMapValid(doc) ? null : 'a step status is invalid or names an unknown step',
};
