/** The scenarios of issue 15, point 1. Load scenarios run for `durationMs` after every client is in step. */

export interface LoadScenario {
  kind: 'load';
  name: string;
  rooms: number;
  clientsPerRoom: number;
  /** Each client's rate. */
  notesPerSecond: number;
  /** Clients per room that move a cursor, at `cursorHz`. */
  moversPerRoom: number;
  cursorHz: number;
  /** Clients per room that decode everything and measure latency and losses (they write and move as the rest). */
  probesPerRoom: number;
  durationMs: number;
}

export interface JoinScenario {
  kind: 'join';
  name: string;
  /** Notes on the board before anyone joins. */
  notes: number;
  /** Fresh clients timed from opening the connection until they are in step with the board. */
  joiners: number;
  /** How many join at once. */
  concurrency: number;
}

export type Scenario = LoadScenario | JoinScenario;

export const DEFAULT_DURATION_MS = 25_000;

export function scenarios(durationMs = DEFAULT_DURATION_MS): Scenario[] {
  return [
    {
      kind: 'load',
      name: '50 clients, 1 room, 2 notes/s, 10 cursors at 10 Hz',
      rooms: 1,
      clientsPerRoom: 50,
      notesPerSecond: 2,
      moversPerRoom: 10,
      cursorHz: 10,
      probesPerRoom: 3,
      durationMs,
    },
    {
      // The first scenario's mix (2 notes/s each, one in five moving a cursor) over twenty rooms of ten.
      kind: 'load',
      name: '200 clients, 20 rooms, 2 notes/s, 2 cursors a room at 10 Hz',
      rooms: 20,
      clientsPerRoom: 10,
      notesPerSecond: 2,
      moversPerRoom: 2,
      cursorHz: 10,
      probesPerRoom: 1,
      durationMs,
    },
    {
      kind: 'load',
      name: '10 clients, 1 room, 50 notes/s',
      rooms: 1,
      clientsPerRoom: 10,
      notesPerSecond: 50,
      moversPerRoom: 0,
      cursorHz: 0,
      probesPerRoom: 2,
      durationMs,
    },
    {
      kind: 'load',
      name: '300 clients, 1 room, 0.2 notes/s, 30 cursors at 5 Hz',
      rooms: 1,
      clientsPerRoom: 300,
      notesPerSecond: 0.2,
      moversPerRoom: 30,
      cursorHz: 5,
      probesPerRoom: 3,
      durationMs,
    },
    { kind: 'join', name: 'join-sync of a 10,000-note board', notes: 10_000, joiners: 20, concurrency: 2 },
  ];
}

/** `--quick`: the same scenarios with a short load and fewer joiners. */
export function quickScenarios(): Scenario[] {
  return scenarios(5_000).map((scenario) =>
    scenario.kind === 'join' ? { ...scenario, joiners: 6 } : scenario,
  );
}
