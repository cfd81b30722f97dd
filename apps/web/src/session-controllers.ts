import type { ConnectionStatus, Refusal, RoomConnection } from '@kompas/client';
import { type BoardMeta, getBoardMeta, observeBoardMeta } from '@kompas/model';
import type { ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { SubscriptionController } from './subscription-controller.ts';

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

/** Binds a component to whether an undo manager can undo or redo. */
export class UndoController {
  canUndo = false;
  canRedo = false;

  constructor(host: ReactiveControllerHost, getManager: () => Y.UndoManager | undefined) {
    new SubscriptionController(host, getManager, (manager) => {
      const onChange = (): void => {
        const { canUndo, canRedo } = this;
        this.read(manager);
        if (this.canUndo !== canUndo || this.canRedo !== canRedo) host.requestUpdate();
      };
      for (const event of STACK_EVENTS) manager.on(event, onChange);
      this.read(manager);
      return () => {
        for (const event of STACK_EVENTS) manager.off(event, onChange);
      };
    });
  }

  private read(manager: Y.UndoManager): void {
    this.canUndo = manager.canUndo();
    this.canRedo = manager.canRedo();
  }
}

const STACK_EVENTS = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;

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
