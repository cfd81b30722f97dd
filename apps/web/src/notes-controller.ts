import { listNotes, type Note, observeNotes } from '@kompas/model';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';

export interface NotesControllerOptions {
  /** Receives the changed note ids, or null when everything was (re)loaded, for hosts that update incrementally. */
  onChange?: (changedIds: Set<string> | null, origin: unknown) => void;
  /** Keep `notes` as a full list (re-read on every change); incremental hosts turn it off. Default true. */
  list?: boolean;
}

/**
 * Binds a component to the notes of a board document: subscribes while connected, keeps `notes`
 * current and asks the host to re-render.
 */
export class NotesController implements ReactiveController {
  notes: Note[] = [];
  private doc: Y.Doc | undefined;
  private unsubscribe: (() => void) | null = null;
  private connected = false;
  private stale = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getDoc: () => Y.Doc | undefined,
    private readonly options: NotesControllerOptions = {},
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

  /** The document may be set after the host connected; rebinding happens before each render. */
  hostUpdate(): void {
    if (this.getDoc() !== this.doc) this.bind();
    if (this.stale && this.doc) this.notes = listNotes(this.doc);
    this.stale = false;
  }

  private bind(): void {
    this.unbind();
    this.doc = this.getDoc();
    const doc = this.doc;
    if (!doc || !this.connected) return;
    const list = this.options.list ?? true;
    if (list) this.notes = listNotes(doc);
    this.unsubscribe = observeNotes(doc, (changedIds, origin) => {
      // A burst of changes (a sync, a script) re-reads the list once, before the next render.
      if (list) this.stale = true;
      this.options.onChange?.(changedIds, origin);
      this.host.requestUpdate();
    });
    this.options.onChange?.(null, null);
    this.host.requestUpdate();
  }

  private unbind(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.doc = undefined;
    this.notes = [];
  }
}
