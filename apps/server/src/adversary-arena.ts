import { createNote, getNote, listNotes, type Note } from '@kompas/model';
import { CloseCode } from '@kompas/protocol';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { connectRecorded, HostileClient, type RecordedClient, readStoredRooms } from './hostile-client.ts';
import { boardRooms } from './rooms.ts';
import {
  type Client,
  type CreatedBoard,
  closeClients,
  connectSynced,
  createBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDir,
  waitFor,
} from './test-support.ts';

/** Where the adversarial tests' notes go, unless a test is about another step. */
export const STEP = 'verkennen.eigen-situatie';
/** The text every hostile write carries, so that the bytes of what was relayed and stored can be searched. */
export const MARK = 'HOSTILE-WRITE';

/** How a refused write is closed: 4422 with the rule's reason. */
export function refused(reason: string) {
  return { code: CloseCode.invalidData, reason: expect.stringContaining(reason) };
}

/**
 * A real server with one board, its facilitator Fenna's honest client (who writes the barriers) and an honest
 * observer on the board (who must never receive a refused write), for hostile clients to attack.
 */
export class Arena {
  readonly clients: Client[] = [];
  private readonly hostiles: HostileClient[] = [];
  private barriers = 0;

  private constructor(
    readonly dataDir: string,
    public server: TestServer,
    readonly board: CreatedBoard,
    readonly fenna: Client,
    readonly watcher: RecordedClient,
  ) {}

  /** `argv`: the server's extra flags. */
  static async open(argv: readonly string[] = []): Promise<Arena> {
    const dataDir = await tempDir('adversary');
    // Every attacker comes from this one address: without lifting that budget (refused-writes.test.ts covers
    // it) the address would be kept out after ten refusals, and the attacks after them would not be tried.
    const server = await startTestServer(dataDir, ['--refused-writes-per-minute', '0', ...argv]);
    const board = await createBoard(server);
    const clients: Client[] = [];
    const fenna = await connectSynced(server, board.id, board.tokens.facilitator, clients);
    const watcher = await connectRecorded(server, board.id, board.tokens.observer, clients);
    const arena = new Arena(dataDir, server, board, fenna, watcher);
    arena.clients.push(...clients);
    return arena;
  }

  async close(): Promise<void> {
    for (const hostile of this.hostiles) hostile.terminate();
    closeClients(...this.clients);
    await this.server.close();
    await removeDir(this.dataDir);
  }

  /** A hostile client in `room` (the board by default), kept for closing. */
  async hostile(token: string, room = this.board.id): Promise<HostileClient> {
    const client = await HostileClient.connect(this.server, room, token);
    this.hostiles.push(client);
    return client;
  }

  /** An honest client (the official one), kept for closing. */
  honest(room: string, token: string): Promise<Client> {
    return connectSynced(this.server, room, token, this.clients);
  }

  /** The control room, with the facilitator's honest client there and an honest observer who records it. */
  async controlRoom(): Promise<{ room: string; facilitator: Client; watcher: RecordedClient }> {
    const room = `${this.board.id}.control`;
    const facilitator = await this.honest(room, this.board.tokens.facilitator);
    const watcher = await connectRecorded(this.server, room, this.board.tokens.observer, this.clients);
    return { room, facilitator, watcher };
  }

  /** The fields of a note as createNote stores them, by Ans unless `change` says otherwise, as a new Y.Map. */
  noteMap(change: Record<string, unknown> = {}): Y.Map<unknown> {
    const now = Date.now();
    const fields: Record<string, unknown> = {
      text: MARK,
      step: STEP,
      pos: { r: 0.5, t: 0.5 },
      color: 'yellow',
      authorId: this.board.people.participant.id,
      authorName: this.board.people.participant.name,
      createdAt: now,
      updatedAt: now,
      ...change,
    };
    return new Y.Map(Object.entries(fields));
  }

  /** A note written through the model by an honest client, once the watcher has it (so it is stored). */
  async honestNote(author: 'facilitator' | 'participant', step = STEP, text = 'eerlijk'): Promise<Note> {
    const { board } = this;
    const writer = author === 'facilitator' ? this.fenna : await this.honest(board.id, board.tokens[author]);
    const note = createNote(writer.doc, { text, step, author: board.people[author] });
    await waitFor(
      () => getNote(this.watcher.doc, note.id) !== undefined,
      'the honest note to reach the watcher',
    );
    return note;
  }

  /**
   * Fenna writes a note and the watcher receives it: the room relays in order, so whatever the room took before
   * has reached the watcher by then. Then the watcher must not have received `marker`.
   */
  async expectNotRelayed(marker = MARK): Promise<void> {
    this.barriers += 1;
    const text = `barrier ${this.barriers}`;
    createNote(this.fenna.doc, { text, step: STEP, author: this.board.people.facilitator });
    await waitFor(() => listNotes(this.watcher.doc).some((note) => note.text === text), 'the barrier note');
    expect(this.watcher.received().includes(marker)).toBe(false);
  }

  /**
   * Closes the server and reads the board's rooms (content, control, drafts) as the next server would load
   * them; `marker` must be in none of their logs.
   */
  async expectNotStored(marker = MARK): Promise<{ content: Y.Doc; control: Y.Doc; drafts: Y.Doc }> {
    await this.server.close();
    const stored = await readStoredRooms(this.dataDir, boardRooms(this.board.id));
    for (const { log } of stored) expect(log.includes(marker)).toBe(false);
    const [content, control, drafts] = stored.map(({ doc }) => doc);
    if (!content || !control || !drafts) throw new Error('the board has three rooms');
    return { content, control, drafts };
  }
}
