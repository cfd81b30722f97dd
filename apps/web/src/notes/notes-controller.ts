import { listNotes, type Note, observeNotes } from '@kompas/model';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { SubscriptionController } from '../ui/subscription-controller.ts';

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
  private readonly subscription: SubscriptionController<Y.Doc>;
  private stale = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    getDoc: () => Y.Doc | undefined,
    private readonly options: NotesControllerOptions = {},
  ) {
    this.subscription = new SubscriptionController(host, getDoc, (doc) => this.subscribe(doc));
    // Added after the subscription, so a new document is bound before hostUpdate re-reads the list.
    host.addController(this);
  }

  hostUpdate(): void {
    const doc = this.subscription.source;
    if (this.stale && doc) this.notes = listNotes(doc);
    this.stale = false;
  }

  private subscribe(doc: Y.Doc): () => void {
    const list = this.options.list ?? true;
    if (list) this.notes = listNotes(doc);
    const unsubscribe = observeNotes(doc, (changedIds, origin) => {
      // A burst of changes (a sync, a script) re-reads the list once, before the next render.
      if (list) this.stale = true;
      this.options.onChange?.(changedIds, origin);
      this.host.requestUpdate();
    });
    this.options.onChange?.(null, null);
    this.host.requestUpdate();
    return () => {
      unsubscribe();
      this.notes = [];
    };
  }
}
