export { BUDGET_REASONS, BUDGETS, type Budget } from './budgets.ts';
export { type BusEntry, type Claim, type ClusterBus, STREAM_START } from './cluster/bus.ts';
export {
  type ClusterOptions,
  type ClusterStats,
  DEFAULT_CLUSTER_TICK_MS,
  DEFAULT_LEASE_TTL_MS,
} from './cluster/cluster.ts';
export { MemoryBus, MemoryBusServer } from './cluster/memory-bus.ts';
export { createRedisBus, RedisBus, type RedisBusOptions } from './cluster/redis-bus.ts';
export type { LatencyBucket, LatencySummary, StoreStats } from './latency-histogram.ts';
export type { RelayLogger } from './logger.ts';
export { MemoryStorage } from './memory-storage.ts';
export { mergeState } from './merge-state.ts';
export { type ClientOrigin, type RelayOrigin, STORAGE_ORIGIN, type StorageOrigin } from './origins.ts';
export { migratePg } from './pg-migrations.ts';
export { DEFAULT_RETRY_FOR_MS, PgStorage, type PgStorageOptions } from './pg-storage.ts';
export type { PresenceCheck } from './presence-entries.ts';
export {
  DEFAULT_MAX_PRESENCE_SAMPLES_PER_PERSON,
  DEFAULT_MAX_PRESENCE_SAMPLES_PER_ROOM,
  PRESENCE_SAMPLES_PER_SECOND,
} from './presence-recorder.ts';
export { DEFAULT_PRESENCE_UPDATES_PER_SECOND } from './presence-throttle.ts';
export {
  encodeUpdate,
  fitCloseReason,
  MAX_CLOSE_REASON_BYTES,
  MAX_PRESENCE_BYTES,
  MAX_PRESENCE_STATE_BYTES,
} from './protocol.ts';
export {
  type Admission,
  type ConnectionParams,
  createRelay,
  DEFAULT_BURST_BYTES,
  DEFAULT_BYTES_PER_SECOND,
  DEFAULT_FRAME_DEADLINE_MS,
  DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
  DEFAULT_MAX_CONNECTIONS_PER_ROOM,
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_MAX_PENDING_BYTES,
  DEFAULT_MAX_REFUSED_WRITES_PER_MINUTE,
  DEFAULT_MAX_STORED_BYTES,
  DEFAULT_PING_INTERVAL,
  DEFAULT_SNAPSHOT_EVERY,
  Relay,
  type RelayOptions,
  type RelayStats,
  type RoomStats,
} from './relay.ts';
export type { AppliedWrite, WriteFollower } from './room.ts';
export { SQLITE_FILE_NAME, SqliteStorage } from './sqlite-storage.ts';
export {
  KEEP_SNAPSHOT_EVERY,
  LogConflictError,
  type LogEntry,
  type LogRange,
  type PresenceCounts,
  type PresenceRange,
  type PresenceSample,
  type Storage,
  StorageClosedError,
  type StoredRoom,
  type StoredSnapshot,
  type UpdateMeta,
} from './storage.ts';
export type { BudgetGroup } from './stored-bytes.ts';
export {
  type ChangeValidator,
  MISSING_PARTS,
  type Refusal,
  type UpdatePrecheck,
  type WriteAttempt,
  type Writer,
} from './write-check.ts';
