import type { ConnectionStatus, Refusal, RoomConnection } from '@kompas/client';
import { type BoardMeta, getBoardMeta, observeBoardMeta } from '@kompas/model';
import type { ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import type { NoteUndo } from '../core/note-undo.ts';
import { SubscriptionController } from '../ui/subscription-controller.ts';

/** Binds a component to a room connection's status, first sync and refusal. */
export class ConnectionController {
  status: ConnectionStatus = 'connecting';
  synced = false;
  refusal: Refusal | null = null;

  constructor(host: ReactiveControllerHost, getConnection: () => RoomConnection | undefined) {
    new SubscriptionController(host, getConnection, (connection) => {
      const onChange = (): void => {
        this.read(connection);
        host.requestUpdate();
      };
      connection.on('status', onChange);
      connection.on('synced', onChange);
      connection.on('refused', onChange);
      this.read(connection);
      return () => {
        connection.off('status', onChange);
        connection.off('synced', onChange);
        connection.off('refused', onChange);
      };
    });
  }

  private read(connection: RoomConnection): void {
    this.status = connection.status;
    this.synced = connection.synced;
    this.refusal = connection.refusal;
  }
}

/** Binds a component to whether this person's note history can undo or redo. */
export class UndoController {
  canUndo = false;
  canRedo = false;

  constructor(host: ReactiveControllerHost, getUndo: () => NoteUndo | undefined) {
    new SubscriptionController(host, getUndo, (undo) => {
      this.read(undo);
      return undo.onChange(() => {
        const { canUndo, canRedo } = this;
        this.read(undo);
        if (this.canUndo !== canUndo || this.canRedo !== canRedo) host.requestUpdate();
      });
    });
  }

  private read(undo: NoteUndo): void {
    this.canUndo = undo.canUndo();
    this.canRedo = undo.canRedo();
  }
}

/** Binds a component to a board document's metadata (title, task), which can arrive after first render. */
export class BoardMetaController {
  meta: BoardMeta | undefined;

  constructor(host: ReactiveControllerHost, getDoc: () => Y.Doc | undefined) {
    new SubscriptionController(host, getDoc, (doc) => {
      this.meta = getBoardMeta(doc);
      const unsubscribe = observeBoardMeta(doc, () => {
        this.meta = getBoardMeta(doc);
        host.requestUpdate();
      });
      return () => {
        unsubscribe();
        this.meta = undefined;
      };
    });
  }
}
