import { RoomConnection } from '@kompas/client';
import {
  type Author,
  migrateBoard,
  notesType,
  PRIVATE_ROUND_KEY,
  publishDrafts,
  recoverUnsharedNotes,
} from '@kompas/model';
import { type Role, roomName } from '@kompas/protocol';
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { BoardDocuments } from './board-documents.ts';

/** What a session deleted from the device because the server refused a change in it. */
export interface DiscardedCopies {
  board?: Y.Doc;
  drafts?: Y.Doc;
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Resolves once the connection is in step with the server, or was refused. */
function whenSynced(connection: RoomConnection): Promise<void> {
  if (connection.synced || connection.refusal) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      connection.off('synced', done);
      connection.off('refused', done);
      resolve();
    };
    connection.on('synced', done);
    connection.on('refused', done);
  });
}

/** Where a role's drafts of a board are kept on the device. */
export function draftsStoreName(boardId: string, role: Role): string {
  return `kompas:${boardId}:drafts:${role}`;
}

/**
 * Drafts kept by an earlier version of Kompas under one name for every role: written into `draftsDoc` (and so
 * into its store of this role), then that old store is deleted. Nothing happens when there is none. They
 * were written under the id the browser had then; a participant's go in under `author`, the person the
 * server now knows them as, since the server takes new drafts only under their writer's own name.
 */
async function takeOverLegacyDrafts(boardId: string, draftsDoc: Y.Doc, author?: Author): Promise<void> {
  const name = `kompas:${boardId}:drafts`;
  try {
    const existing = await indexedDB.databases?.();
    if (existing && !existing.some((database) => database.name === name)) return;
    const legacyDoc = new Y.Doc();
    const legacy = new IndexeddbPersistence(name, legacyDoc);
    await legacy.whenSynced;
    recoverUnsharedNotes(legacyDoc, draftsDoc, author ? { author } : {});
    await legacy.destroy();
    legacyDoc.destroy();
    await clearDocument(name);
  } catch (error) {
    console.warn('Drafts kept by an earlier version could not be read', error);
  }
}

/** The relay's WebSocket base for the page's origin: `ws://host/ws`, or `wss:` on https. */
export function webSocketBase(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

/**
 * Everything one open board needs besides the UI: its document, kept on this device (IndexedDB) so
 * edits made offline survive a reload and merge when the connection returns; the connection to the
 * relay; an undo manager that undoes only this person's own changes; and the board's control document
 * (where the group is on the circle), which is only meaningful live and so is not kept on the device.
 *
 * Writers also hold the drafts of a silent brainstorm: a participant their own (kept on the device, sent to a
 * room they cannot read), a facilitator everyone's. Once no private round is running, drafts left over
 * (written offline, or missed by the reveal) are published as ordinary notes.
 */
export class BoardSession extends BoardDocuments {
  readonly persistence: IndexeddbPersistence;
  readonly connection: RoomConnection;
  readonly controlConnection: RoomConnection;
  /** Null for observers, who have no drafts. */
  readonly draftsConnection: RoomConnection | null = null;
  private readonly draftsPersistence: IndexeddbPersistence | null = null;

  private readonly writable: boolean;

  /**
   * Who notes written back from an earlier copy go in under: a participant's own person, as the server takes
   * new notes from a participant only under their own name; undefined for a facilitator, whose copy may hold
   * others' notes (revealed drafts), which keep their authors.
   */
  private readonly writeBackAs: Author | undefined;

  /** `author`: who this browser is on the board, its person. */
  constructor(boardId: string, token: string, role: Role, author?: Author) {
    super(role !== 'observer');
    this.writable = role !== 'observer';
    this.writeBackAs = role === 'participant' ? author : undefined;
    const writable = this.writable;
    this.persistence = new IndexeddbPersistence(`kompas:${boardId}`, this.doc);
    this.connection = new RoomConnection({
      url: webSocketBase(location),
      room: boardId,
      doc: this.doc,
      token,
    });
    this.controlConnection = new RoomConnection({
      url: webSocketBase(location),
      room: roomName(boardId, 'control'),
      doc: this.controlDoc,
      token,
    });
    this.connection.on('synced', this.onSynced);
    if (writable) {
      // Kept per role: a facilitator's copy holds everyone's drafts, which a participant link opened in the
      // same browser must not show.
      this.draftsPersistence = new IndexeddbPersistence(draftsStoreName(boardId, role), this.draftsDoc);
      void takeOverLegacyDrafts(boardId, this.draftsDoc, this.writeBackAs);
      this.draftsConnection = new RoomConnection({
        url: webSocketBase(location),
        room: roomName(boardId, 'drafts'),
        doc: this.draftsDoc,
        token,
      });
      this.controlConnection.on('synced', this.publishLeftoverDrafts);
      this.controlDoc.getMap(PRIVATE_ROUND_KEY).observe(this.publishLeftoverDrafts);
      this.draftsDoc.on('afterTransaction', this.onDraftsChanged);
    }
  }

  /** Holds the board's and the drafts' outgoing updates while `change` runs (RoomConnection.hold). */
  override hold<T>(change: () => T): T {
    const drafts = this.draftsConnection;
    return this.connection.hold(() => (drafts ? drafts.hold(change) : change()));
  }

  /**
   * Closes the session and deletes what this device keeps of each room the server refused (the board copy,
   * the drafts): a device holding a change the server refused would otherwise be refused again on every
   * visit. The board then reopens as the server has it. Returns copies of the rooms deleted, for the next
   * session to take back the notes in them the server never received (see `recover`). The control room is
   * not kept on the device, so reopening is enough for it.
   */
  async discardRefused(): Promise<DiscardedCopies> {
    const copies: DiscardedCopies = {};
    const stores: IndexeddbPersistence[] = [];
    if (this.connection.refusal) {
      copies.board = copyOf(this.doc);
      stores.push(this.persistence);
    }
    if (this.draftsConnection?.refusal && this.draftsPersistence) {
      copies.drafts = copyOf(this.draftsDoc);
      stores.push(this.draftsPersistence);
    }
    this.destroy();
    await Promise.all(
      stores.map(async (store) => {
        await store.destroy();
        await clearDocument(store.name);
      }),
    );
    return copies;
  }

  /**
   * Once in step with the server, writes back the notes of discarded copies that the server never received
   * (new notes, and changes to notes it still has), checked by the model like any write; the refused change
   * itself stays behind. Resolves with how many notes were kept.
   */
  async recover(copies: DiscardedCopies): Promise<number> {
    const author = this.writeBackAs;
    let kept = 0;
    const rooms = [
      { copy: copies.board, connection: this.connection, doc: this.doc },
      { copy: copies.drafts, connection: this.draftsConnection, doc: this.draftsDoc },
    ];
    for (const { copy, connection, doc } of rooms) {
      if (!copy || !connection) continue;
      await whenSynced(connection);
      if (connection.refusal) continue;
      const { added, updated } = recoverUnsharedNotes(copy, doc, author ? { author } : {});
      kept += added.length + updated.length;
      copy.destroy();
    }
    return kept;
  }

  override destroy(): void {
    this.controlConnection.off('synced', this.publishLeftoverDrafts);
    this.controlDoc.getMap(PRIVATE_ROUND_KEY).unobserve(this.publishLeftoverDrafts);
    this.draftsDoc.off('afterTransaction', this.onDraftsChanged);
    this.draftsConnection?.destroy();
    this.draftsPersistence?.destroy();
    this.connection.off('synced', this.onSynced);
    this.connection.destroy();
    this.persistence.destroy();
    this.controlConnection.destroy();
    super.destroy();
  }

  /**
   * Drafts become ordinary notes once no private round runs. Only decided on the server's word (the control
   * room synced): an empty control document on a device that is offline says nothing about the round.
   */
  private readonly publishLeftoverDrafts = (): void => {
    if (!this.controlConnection.synced || this.privateRoundRunning || this.newerSchema) return;
    if (notesType(this.draftsDoc).size === 0) return;
    try {
      publishDrafts(this.draftsDoc, this.doc);
    } catch (error) {
      console.warn('Publishing drafts failed; they stay drafts for now', error);
    }
  };

  /** Drafts loaded from the device, or written while no round runs (a race), are published too. */
  private readonly onDraftsChanged = (transaction: Y.Transaction): void => {
    if (transaction.changed.size > 0) queueMicrotask(this.publishLeftoverDrafts);
  };

  /** Once in step with the server, bring an older document up to this version's schema. */
  private readonly onSynced = (): void => {
    if (!this.writable || this.newerSchema) return;
    try {
      migrateBoard(this.doc);
    } catch (error) {
      console.warn('Board migration failed; the board stays as it is', error);
    }
  };
}
