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
export { isModelError, ModelError, type ModelErrorCode } from './errors.ts';
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
