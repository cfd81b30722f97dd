export { AUTHOR_NAME_MAX, type Author } from './author.ts';
export {
  BOARD_TASK_MAX,
  BOARD_TITLE_MAX,
  type BoardMeta,
  type BoardMetaInput,
  getBoardMeta,
  initBoard,
  observeBoardMeta,
} from './board.ts';
export { findInvalidChange } from './change-check.ts';
export { findInvalidControlChange } from './control-change-check.ts';
export {
  type Diagnosis,
  type DiagnosisInput,
  diagnose,
  type PhaseDiagnosis,
  type StepDiagnosis,
} from './diagnosis.ts';
export { isModelError, ModelError, type ModelErrorCode } from './errors.ts';
export { type Facilitation, getFacilitation, observeFacilitation } from './facilitation.ts';
export {
  BOARD_RADIUS,
  CENTRE_RADIUS,
  clampPosition,
  isSlicePosition,
  type Point,
  pointToSlice,
  type SlicePosition,
  sliceAngles,
  slicePositionToPoint,
} from './geometry.ts';
export { ID_MAX_LENGTH } from './id.ts';
export { MIGRATIONS, type Migration } from './migrations.ts';
export {
  createNote,
  DEFAULT_NOTE_COLOR,
  DEFAULT_NOTE_POSITION,
  deleteNote,
  editNote,
  getNote,
  isNoteColor,
  listNotes,
  moveNote,
  NOTE_COLOR_HEX,
  NOTE_COLORS,
  NOTE_TEXT_MAX,
  type Note,
  type NoteColor,
  type NoteInput,
  normaliseText,
  notesType,
  observeNotes,
  recolorNote,
  type WriteOptions,
} from './note.ts';
export {
  LOCAL_ORIGIN,
  MIGRATION_ORIGIN,
  type OriginKind,
  REMOTE_ORIGIN,
  STORAGE_ORIGIN,
  type TransactionOrigin,
  type TransactOptions,
} from './origins.ts';
export {
  currentPosition,
  FIRST_POSITION,
  isPhaseVisit,
  isRound,
  nextPhase,
  type PhaseMoveOptions,
  type PhasePosition,
  type PhaseVisit,
  phaseHistoryType,
  positionAfter,
  positionBefore,
  previousPhase,
  readPhaseHistory,
  startFacilitation,
} from './phase-history.ts';
export {
  getPhase,
  getStep,
  isPhaseId,
  isStepId,
  type Label,
  PHASES,
  type Phase,
  type PhaseId,
  STEPS,
  type Step,
  type StepId,
} from './phases.ts';
export {
  CURRENT_SCHEMA_VERSION,
  isNewerSchema,
  type MigrationResult,
  migrateBoard,
  readSchemaVersion,
} from './schema.ts';
export {
  DEFAULT_STEP_STATUS,
  isStepStatus,
  readStepStatuses,
  STEP_STATUSES,
  type StepStatus,
  setStepStatus,
  stepStatusType,
} from './step-status.ts';
export { canVote, remainingVotes, takeBackVote, tally, type Vote, type VoteRules } from './vote-budget.ts';
