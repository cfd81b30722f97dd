/**
 * @kompas/protocol: everything the server, the relay, the client and the web app must agree on, in one
 * place, so that a change to the wire shows up on both sides at once:
 *
 * - the y-websocket message types (messages.ts);
 * - the close codes, what each means and whether a client reconnects after it (close-codes.ts);
 * - the roles an invite link gives (defined with the board's rules in @kompas/model, re-exported here);
 * - the names of a board's relay rooms (room-names.ts) and the formats and query of a report
 *   request (report-request.ts);
 * - the JSON the HTTP API answers, each with a reader that checks an answer's shape (board-answers.ts,
 *   replay-answers.ts; shape.ts holds the small readers they are built from).
 *
 * It depends on @kompas/model alone, and must never import server, relay, client or web code: they all
 * import it.
 */
export { isRole, ROLES, type Role } from '@kompas/model';
export {
  type BoardInfo,
  type BoardInvites,
  type BoardPerson,
  type CreatedBoard,
  type ErrorAnswer,
  errorMessage,
  type InviteLinks,
  type JoinedPerson,
  parseBoardInfo,
  parseBoardInvites,
  parseCreatedBoard,
  parseJoinedPerson,
} from './board-answers.ts';
export {
  CLOSE_CODES,
  CloseCode,
  type CloseCodeMeaning,
  type CloseCodeName,
  retriesAfter,
} from './close-codes.ts';
export { MessageType } from './messages.ts';
export {
  type BoardEventsJson,
  type BoardFramesJson,
  type BoardStateJson,
  type LogEntryJson,
  type PresenceSampleJson,
  parseBoardEvents,
  parseBoardFrames,
  parseBoardState,
  parseRecordingLog,
  parseRecordingPresence,
  parseRecordingState,
  type RecordingLogJson,
  type RecordingPresenceJson,
  type RecordingStateJson,
  type ReplayRoom,
  type RoomLogJson,
  type RoomStateJson,
} from './replay-answers.ts';
export {
  isReportFormat,
  isReportLanguage,
  isReportTimeZone,
  REPORT_FORMATS,
  REPORT_LANGUAGES,
  type ReportFormat,
  type ReportRequest,
  reportQuery,
} from './report-request.ts';
export { parseRoomName, ROOM_KINDS, type RoomKind, roomName } from './room-names.ts';
export { ShapeError } from './shape.ts';
