import type { Received, Target } from './load-client.ts';
import type { Seat } from './seats.ts';

/** What the benchmark and its load processes tell each other (over the fork's IPC channel). */

export interface ClientSpec {
  /** Unique in the run; also the client's cursor y, so moves are told apart. */
  index: number;
  seat: Seat;
  notesPerSecond: number;
  cursorHz: number;
  /** Decodes everything it is sent and notes when each note and cursor move arrived. */
  probe: boolean;
}

export type LoadRequest =
  | { kind: 'connect'; target: Target; clients: ClientSpec[]; timeoutMs: number }
  /** Writes and moves on schedule from `startAt` (the shared clock, see clock.ts) for `durationMs`. */
  | { kind: 'run'; startAt: number; durationMs: number }
  /** Waits until every probe holds what is `expected` in its room (or `timeoutMs` passed) and reports. */
  | { kind: 'drain'; expected: Expected; timeoutMs: number }
  /** `seeder` writes `notes` notes in updates of `batch`; resolves once `keeper`, who stays, has them all. */
  | {
      kind: 'seed';
      target: Target;
      keeper: ClientSpec;
      seeder: ClientSpec;
      notes: number;
      batch: number;
      timeoutMs: number;
    }
  /** Each of `clients` connects fresh, `concurrency` at a time, and is timed until it is in step. */
  | {
      kind: 'join';
      target: Target;
      clients: ClientSpec[];
      concurrency: number;
      notes: number;
      timeoutMs: number;
    }
  /** Closes every client of the run. */
  | { kind: 'disconnect' };

/** What every probe holds once everything arrived: the notes written in each room and each mover's last move. */
export interface Expected {
  notes: Record<string, number>;
  lastMoves: [person: string, room: string, sequence: number][];
}

/** A note written: its id, room and writer's person id, and when it was sent. */
export type SentNote = [id: string, room: string, writer: string, at: number];
/** A cursor move made: the mover's person id and room, the move's sequence number and when it was made. */
export type SentMove = [person: string, room: string, sequence: number, at: number];
/** A cursor position seen: whose, the sequence number of the move and when it arrived. */
export type SeenMove = [person: string, sequence: number, at: number];

export interface ProbeReport {
  person: string;
  room: string;
  /** Each note that arrived (and reads as a valid note at the end), with when it first arrived. */
  notes: [id: string, at: number][];
  cursors: SeenMove[];
}

export interface LoadReport {
  sent: SentNote[];
  moves: SentMove[];
  probes: ProbeReport[];
  received: Received;
  /** CPU milliseconds this load process used from the start of the run to the end of the drain. */
  cpuMs: number;
}

export type LoadReply =
  | { kind: 'connected' }
  /** What this process's clients wrote and moved. */
  | { kind: 'ran'; expected: Expected }
  | { kind: 'drained'; report: LoadReport }
  | { kind: 'seeded' }
  | { kind: 'joined'; times: number[]; failures: string[] }
  | { kind: 'disconnected' }
  | { kind: 'error'; message: string };
