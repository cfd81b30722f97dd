import { RoomConnection } from '@kompas/client';
import { isNewerSchema, LOCAL_ORIGIN, migrateBoard, notesType } from '@kompas/model';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/** The relay's WebSocket base for the page's origin: `ws://host/ws`, or `wss:` on https. */
export function webSocketBase(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

/** The relay room holding a board's facilitation state, which only facilitators may write. */
export function controlRoom(boardId: string): string {
  return `${boardId}.control`;
}

/**
 * Everything one open board needs besides the UI: its document, kept on this device (IndexedDB) so
 * edits made offline survive a reload and merge when the connection returns; the connection to the
 * relay; an undo manager that undoes only this person's own changes; and the board's control document
 * (where the group is on the circle), which is only meaningful live and so is not kept on the device.
 */
export class BoardSession {
  readonly doc = new Y.Doc();
  readonly persistence: IndexeddbPersistence;
  readonly connection: RoomConnection;
  readonly undoManager: Y.UndoManager;
  readonly controlDoc = new Y.Doc();
  readonly controlConnection: RoomConnection;

  constructor(
    boardId: string,
    token: string,
    private readonly writable: boolean,
  ) {
    this.persistence = new IndexeddbPersistence(`kompas:${boardId}`, this.doc);
    this.connection = new RoomConnection({
      url: webSocketBase(location),
      room: boardId,
      doc: this.doc,
      token,
    });
    this.controlConnection = new RoomConnection({
      url: webSocketBase(location),
      room: controlRoom(boardId),
      doc: this.controlDoc,
      token,
    });
    this.undoManager = new Y.UndoManager(notesType(this.doc), { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    this.connection.on('synced', this.onSynced);
  }

  /** A document saved by a newer Kompas must not be written by this one. */
  get newerSchema(): boolean {
    return isNewerSchema(this.doc);
  }

  destroy(): void {
    this.connection.off('synced', this.onSynced);
    this.connection.destroy();
    this.undoManager.destroy();
    this.persistence.destroy();
    this.doc.destroy();
    this.controlConnection.destroy();
    this.controlDoc.destroy();
  }

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
