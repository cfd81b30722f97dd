/**
 * Where the replay index keeps what it derived from the board rooms' logs (see ReplayIndex): frames, keyframes,
 * events and activity, by room and log position. How the index derives them does not depend on the engine;
 * SqliteReplayStore keeps them beside the log in the server's SQLite file, PgReplayStore in a PostgreSQL
 * database that several servers share.
 */
export interface ReplayStore {
  /** The room's last indexed position and its time (null: nothing indexed). */
  lastFrame(room: string): Promise<{ seq: number; at: number } | null>;
  /** The time of the room's first indexed position (null: nothing indexed). */
  firstFrameAt(room: string): Promise<number | null>;
  /** The position of the room's last update logged at or before time `t` (0: none). */
  seqAt(room: string, t: number): Promise<number>;
  /** Frames after position `after`, up to position `upTo` and at most `limit`, oldest first. */
  frames(room: string, range: { after: number; upTo?: number; limit?: number }): Promise<StoredFrame[]>;
  /** The latest keyframe at or before position `seq` (null: none). */
  keyframeAtOrBefore(room: string, seq: number): Promise<StoredKeyframe | null>;
  /** The room's events as JSON, in log order. */
  events(room: string): Promise<string[]>;
  activity(room: string): Promise<WriterActivity[]>;
  /**
   * Stores indexed updates that follow position `after`, at once. Resolves false, storing nothing, when the
   * room's index is no longer at `after` or another server is storing for the room at this moment: whoever
   * stores first is right, as every server derives the same frames from the same log.
   */
  store(room: string, after: number, indexed: readonly IndexedUpdate[]): Promise<boolean>;
}

/**
 * How many notes each writer edited and moved. A writer is the person the log's actor names (the server
 * stamps it from the person token), or, in logs from before people existed, `client:<Yjs client id>`, which
 * is also that browser's presence id.
 */
export interface WriterActivity {
  writer: string;
  edits: number;
  moves: number;
}

/** A frame as stored: what its update changed as JSON, beside its position, time and actor. */
export interface StoredFrame {
  seq: number;
  at: number;
  actor: string;
  changes: string;
}

/** A board room's whole plain state at a position, as JSON. */
export interface StoredKeyframe {
  seq: number;
  state: string;
}

/** One logged update as the index stores it: what it changed and its events as JSON. */
export interface IndexedUpdate {
  seq: number;
  at: number;
  actor: string;
  /** The frame without its position, time and actor. */
  changes: string;
  events: string[];
  activity: WriterActivity | null;
  /** The state after the update, at a keyframe position. */
  keyframe: string | null;
}

/** A slice's edits and moves summed per writer, so each writer's counts are added once. */
export function activityOf(indexed: readonly IndexedUpdate[]): WriterActivity[] {
  const byWriter = new Map<string, WriterActivity>();
  for (const { activity } of indexed) {
    if (!activity || (activity.edits === 0 && activity.moves === 0)) continue;
    const sum = byWriter.get(activity.writer) ?? { writer: activity.writer, edits: 0, moves: 0 };
    sum.edits += activity.edits;
    sum.moves += activity.moves;
    byWriter.set(activity.writer, sum);
  }
  return [...byWriter.values()];
}
