export {
  AGENDA_ACTIONS,
  type Agenda,
  type AgendaAction,
  type AgendaEntry,
  type AgendaInput,
  type AgendaItem,
  type AgendaStatus,
  agendaEntries,
  agendaOf,
  agendaType,
  finishAgenda,
  skipAgendaItem,
  startAgendaItem,
} from './agenda.ts';
export { AUTHOR_NAME_MAX, type Author, isAuthorName, normaliseAuthorName } from './author.ts';
export {
  BOARD_TASK_MAX,
  BOARD_TITLE_MAX,
  type BoardMeta,
  type BoardMetaChange,
  type BoardMetaInput,
  getBoardMeta,
  initBoard,
  observeBoardMeta,
  setBoardMeta,
} from './board.ts';
export {
  applyFrame,
  type BoardEvent,
  type BoardFrame,
  type BoardState,
  boardDocFromState,
  copyBoardState,
  defineFrameTypes,
  emptyBoardState,
  type FrameChanges,
  frameChangesOf,
  frameEvents,
  stateRoundVotes,
} from './board-frames.ts';
export {
  type BoardLock,
  isBoardLock,
  isLockMode,
  LOCK_MODES,
  type LockMode,
  type LockOptions,
  lockedPhaseOf,
  lockedPhases,
  lockType,
  NO_LOCK,
  type NotePlaces,
  observeBoardLock,
  readBoardLock,
  setBoardLock,
} from './board-lock.ts';
export {
  findInvalidChange,
  findMalformedBoardUpdate,
  findRefusedBoardUpdate,
  findRefusedChange,
} from './change-check.ts';
export { findInvalidControlChange, findMalformedControlUpdate } from './control-change-check.ts';
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
  type FollowOptions,
  type FollowSession,
  followType,
  isFollowSession,
  observeFollowSession,
  readFollowSession,
  startFollowing,
  stopFollowing,
} from './follow.ts';
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
export { type PhaseGuidance, phaseGuidance, type StepGuidance, stepQuestions } from './guidance.ts';
export { ID_MAX_LENGTH } from './id.ts';
export { ISSUES_CSV_COLUMNS, issuesToCsv } from './issues-csv.ts';
export {
  addIssue,
  ISSUE_KIND_LABELS,
  ISSUE_KINDS,
  ISSUE_OWNER_MAX,
  ISSUE_STATUS_LABELS,
  ISSUE_STATUSES,
  ISSUE_TEXT_MAX,
  type IssueInHand,
  type IssueInput,
  type IssueKind,
  type IssuePatch,
  type IssueStatus,
  issuesType,
  listIssues,
  openIssues,
  updateIssue,
} from './issues-in-hand.ts';
export { indexOfSeq, type Logged, lastIndexAtOrBefore, mergeLogged } from './logged.ts';
export {
  currentMeeting,
  FIRST_MEETING_ID,
  getMeeting,
  listMeetings,
  type Meeting,
  type MeetingInput,
  meetingAt,
  meetingSpan,
  meetingsType,
  startMeeting,
} from './meetings.ts';
export { MIGRATIONS, type Migration } from './migrations.ts';
export {
  type NextStepInput,
  type NextStepSuggestion,
  type SuggestionReason,
  suggestNextStep,
} from './next-step.ts';
export { PHASE_AGENDA, STEP_ATTENTION } from './next-step-words.ts';
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
  roundFields,
  type WriteOptions,
} from './note.ts';
export {
  clampIntoSlice,
  fitsInSlice,
  NOTE_AREA_INNER,
  NOTE_AREA_OUTER,
  NOTE_SIZE,
  type NoteRect,
  noteRect,
  placeInSlice,
  positionInSlice,
} from './note-area.ts';
export { type StateVector, unsentNoteIds } from './note-delivery.ts';
export { type RecoveredNotes, recoverUnsharedNotes } from './note-recovery.ts';
export { isSameNote, mayChangeDraft, mayDeleteNote } from './note-rules.ts';
export { compareStacking } from './note-stacking.ts';
export {
  LOCAL_ORIGIN,
  MIGRATION_ORIGIN,
  type OriginKind,
  REMOTE_ORIGIN,
  REVEAL_ORIGIN,
  STORAGE_ORIGIN,
  type TransactionOrigin,
  type TransactOptions,
} from './origins.ts';
export {
  currentPosition,
  FIRST_POSITION,
  isPhaseVisit,
  isRound,
  moveToPhase,
  nextPhase,
  type PhaseMoveOptions,
  type PhasePosition,
  type PhaseVisit,
  phaseHistoryType,
  positionAfter,
  positionBefore,
  positionOfPhase,
  previousPhase,
  readPhaseHistory,
  startFacilitation,
} from './phase-history.ts';
export {
  getPhase,
  getStep,
  isLanguage,
  isPhaseId,
  isStepId,
  LANGUAGES,
  type Label,
  type Language,
  PHASES,
  type Phase,
  type PhaseId,
  STEPS,
  type Step,
  type StepId,
} from './phases.ts';
export { hasExactKeys, isPlainValue, type PlainValueLimits } from './plain-value.ts';
export {
  defaultAim,
  type MeetingPlan,
  PLAN_AIM_MAX,
  PLAN_ITEMS_MAX,
  PLAN_MINUTES_MAX,
  PLAN_NAME_MAX,
  PLAN_PARTNERS_MAX,
  type PlanInput,
  type PlanItem,
  type PlanPartner,
  type PlanRoles,
  planHistory,
  planOf,
  plansType,
  setPlan,
} from './plan.ts';
export {
  cleanPresence,
  cleanPresenceShape,
  PRESENCE_COORDINATE_LIMIT,
  type PresencePoint,
  type PresenceRegion,
  type PresenceState,
  type PresenceUser,
} from './presence.ts';
export {
  buildReport,
  type Contributor,
  fileNameSlug,
  REPORT_VERSION,
  type Report,
  type ReportInput,
  type ReportNote,
  type ReportPhase,
  type ReportStep,
  type ReportVotingRound,
  reportToJson,
  type TimelineEntry,
} from './report.ts';
export { NOTES_CSV_COLUMNS, notesToCsv } from './report-csv.ts';
export { reportToMarkdown } from './report-markdown.ts';
export type {
  ReportIssue,
  ReportMeeting,
  ReportPlan,
  ReportPlanItem,
  ReportScope,
} from './report-meetings.ts';
export { historyWithin } from './report-meetings.ts';
export { formatDuration, isTimeZone, type ReportReader } from './report-reader.ts';
export type {
  ReportAcrossRounds,
  ReportRound,
  ReportRoundChanges,
  ReportRoundStep,
  ReportStepAcrossRounds,
  ReportStepChanges,
} from './report-rounds.ts';
export {
  diagnoseRounds,
  type RoundSpan,
  type RoundsDiagnosis,
  type RoundsDiagnosisInput,
  roundChanges,
  type StepAcrossRounds,
  type StepChanges,
  type StepInRound,
  type StepRoundState,
} from './round-diagnosis.ts';
export {
  areRoundStartsValid,
  type CarryOptions,
  carryId,
  carryNote,
  EARLIER_NOTES,
  type EarlierNotes,
  isEarlierNotes,
  type NotePlace,
  notePlace,
  noteRound,
  ROUND_STARTS_KEY,
  ROUND_STARTS_SECTION,
  type RoundStart,
  type RoundStartOptions,
  type Rounds,
  readRoundStarts,
  readRounds,
  roundAt,
  roundStartsType,
  roundsOf,
  setEarlierNotes,
  startNextRound,
} from './rounds.ts';
export {
  CURRENT_SCHEMA_VERSION,
  isNewerSchema,
  type MigrationResult,
  migrateBoard,
  readSchemaVersion,
} from './schema.ts';
export {
  endPrivateRound,
  isPrivateRoundRunning,
  PRIVATE_ROUND_KEY,
  type PrivateRound,
  publishDrafts,
  readPrivateRound,
  startPrivateRound,
} from './silent-brainstorm.ts';
export {
  NOTE_SCALES,
  type NoteMove,
  type PlacedNote,
  type StepSlot,
  slotCount,
  slotIndex,
  spotKey,
  stepNoteScale,
  stepSlots,
  tidyStep,
} from './step-layout.ts';
export { roomForNewNote, type Settling, settleStep, spotNear, stepScaleOf } from './step-room.ts';
export { NOTE_GAP, notesCollide } from './step-rows.ts';
export {
  DEFAULT_STEP_STATUS,
  isStepStatus,
  readStepStatuses,
  STEP_STATUSES,
  type StepStatus,
  setStepStatus,
  stepStatusType,
} from './step-status.ts';
export {
  addTimerMinute,
  DEFAULT_TIMER_DURATION_MS,
  type IdleTimer,
  isTimerState,
  MINUTE_MS,
  observeTimer,
  type PausedTimer,
  pauseTimer,
  type RunningTimer,
  readTimer,
  resetTimer,
  setTimerDuration,
  startTimer,
  TIMER_MAX_MS,
  TIMER_MIN_MS,
  type TimerState,
  type TimerWriteOptions,
  timerRemaining,
  timerType,
} from './timer.ts';
export { notesAddedBy, type UpdateContext } from './update-precheck.ts';
export {
  canVote,
  remainingVotes,
  tally,
  type Vote,
  type VoteRules,
  voteToTakeBack,
  withinBudget,
  withoutVote,
} from './vote-budget.ts';
export {
  closeVotingRound,
  currentVotingRound,
  isNoteInScope,
  isVoteEntryValid,
  isVotingScope,
  latestVotingRound,
  listVotes,
  notesInScope,
  observeVotes,
  observeVotingRounds,
  openVotingRound,
  type PlacedVote,
  pastVotingRounds,
  placeVote,
  readStoredVote,
  readVotingRounds,
  resultsShown,
  roundVotes,
  takeBackVote,
  VOTE_BUDGET_MAX,
  VOTING_RESULTS,
  type VoteInput,
  type VotingResults,
  type VotingRound,
  type VotingRoundInput,
  type VotingRoundOptions,
  type VotingScope,
  votesType,
  voteTotals,
  votingRoundsType,
} from './voting.ts';
export { isRole, ROLES, type Role, type WriteContext, type WriteRefusal, type Writer } from './writer.ts';
