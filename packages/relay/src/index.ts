export type { RelayLogger } from './logger';
export { MemoryStorage } from './memoryStorage';
export { type ClientOrigin, type RelayOrigin, STORAGE_ORIGIN, type StorageOrigin } from './origins';
export {
  CloseCode,
  messageAuth,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
} from './protocol';
export {
  type ConnectionParams,
  createRelay,
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_PING_INTERVAL,
  DEFAULT_SNAPSHOT_EVERY,
  Relay,
  type RelayOptions,
  type RelayStats,
  type RoomStats,
} from './relay';
export { SQLITE_FILE_NAME, SqliteStorage } from './sqliteStorage';
export {
  type LogEntry,
  type LogRange,
  type Storage,
  StorageClosedError,
  type StoredRoom,
  type UpdateMeta,
} from './storage';
