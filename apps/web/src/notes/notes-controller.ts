import { listNotes, type Note, observeNotes } from '@kompas/model';
import type { ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import type { Binding } from '../core/binding.ts';
import { BoundValue } from '../ui/bound-value.ts';

export interface NotesControllerOptions {
  /** Receives the changed note ids, or null when everything was (re)loaded, for hosts that update incrementally. */
  onChange?: (changedIds: Set<string> | null, origin: unknown) => void;
  /** Keep `notes` as a full list (re-read on every change); incremental hosts turn it off. Default true. */
  list?: boolean;
}

/**
 * Binds a component to the notes of a board document, as a BoundValue: `notes` stays current, and hosts that
 * update incrementally also learn which notes changed.
 */
export class NotesController {
  private readonly bound: BoundValue<Y.Doc, Note[]>;

  constructor(
    host: ReactiveControllerHost,
    getDoc: () => Y.Doc | undefined,
    options: NotesControllerOptions = {},
  ) {
    const list = options.list ?? true;
    let reloaded = true;
    const binding: Binding<Y.Doc, Note[]> = {
      watch: (doc, changed) => {
        reloaded = true;
        return observeNotes(doc, (changedIds, origin) => {
          options.onChange?.(changedIds, origin);
          changed();
        });
      },
      read: (doc) => {
        if (reloaded) options.onChange?.(null, null);
        reloaded = false;
        return list ? listNotes(doc) : [];
      },
    };
    this.bound = new BoundValue(host, getDoc, binding, []);
  }

  get notes(): Note[] {
    return this.bound.value;
  }
}
