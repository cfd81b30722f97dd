import type { ConnectionStatus, Refusal, RoomConnection } from '@kompas/client';
import { type BoardMeta, getBoardMeta, observeBoardMeta } from '@kompas/model';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';

/** Binds a component to a room connection's status, first sync and refusal. */
export class ConnectionController implements ReactiveController {
  status: ConnectionStatus = 'connecting';
  synced = false;
  refusal: Refusal | null = null;
  private connection: RoomConnection | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getConnection: () => RoomConnection | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.bind();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unbind();
  }

  hostUpdate(): void {
    if (this.getConnection() !== this.connection) this.bind();
  }

  private bind(): void {
    this.unbind();
    const connection = this.getConnection();
    if (!connection || !this.connected) return;
    this.connection = connection;
    connection.on('status', this.onChange);
    connection.on('synced', this.onChange);
    connection.on('refused', this.onChange);
    this.read();
  }

  private unbind(): void {
    this.connection?.off('status', this.onChange);
    this.connection?.off('synced', this.onChange);
    this.connection?.off('refused', this.onChange);
    this.connection = undefined;
  }

  private read(): void {
    const connection = this.connection;
    if (!connection) return;
    this.status = connection.status;
    this.synced = connection.synced;
    this.refusal = connection.refusal;
  }

  private readonly onChange = (): void => {
    this.read();
    this.host.requestUpdate();
  };
}

/** Binds a component to whether an undo manager can undo or redo. */
export class UndoController implements ReactiveController {
  canUndo = false;
  canRedo = false;
  private manager: Y.UndoManager | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getManager: () => Y.UndoManager | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.bind();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unbind();
  }

  hostUpdate(): void {
    if (this.getManager() !== this.manager) this.bind();
  }

  private bind(): void {
    this.unbind();
    const manager = this.getManager();
    if (!manager || !this.connected) return;
    this.manager = manager;
    for (const event of STACK_EVENTS) manager.on(event, this.onChange);
    this.read();
  }

  private unbind(): void {
    for (const event of STACK_EVENTS) this.manager?.off(event, this.onChange);
    this.manager = undefined;
  }

  private read(): void {
    this.canUndo = this.manager?.canUndo() ?? false;
    this.canRedo = this.manager?.canRedo() ?? false;
  }

  private readonly onChange = (): void => {
    const before = `${this.canUndo}${this.canRedo}`;
    this.read();
    if (`${this.canUndo}${this.canRedo}` !== before) this.host.requestUpdate();
  };
}

const STACK_EVENTS = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;

/** Binds a component to a board document's metadata (title, task), which can arrive after first render. */
export class BoardMetaController implements ReactiveController {
  meta: BoardMeta | undefined;
  private doc: Y.Doc | undefined;
  private unsubscribe: (() => void) | null = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getDoc: () => Y.Doc | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.bind();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unbind();
  }

  hostUpdate(): void {
    if (this.getDoc() !== this.doc) this.bind();
  }

  private bind(): void {
    this.unbind();
    const doc = this.getDoc();
    if (!doc || !this.connected) return;
    this.doc = doc;
    this.meta = getBoardMeta(doc);
    this.unsubscribe = observeBoardMeta(doc, () => {
      this.meta = getBoardMeta(doc);
      this.host.requestUpdate();
    });
  }

  private unbind(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.doc = undefined;
    this.meta = undefined;
  }
}
