import { type BoardLock, NO_LOCK, observeBoardLock, readBoardLock } from '@kompas/model';
import type { ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { SubscriptionController } from '../../ui/subscription-controller.ts';

/** Binds a component to a board's lock, read from the control room's document. */
export class LockController {
  lock: BoardLock = { ...NO_LOCK };

  constructor(host: ReactiveControllerHost, getControlDoc: () => Y.Doc | undefined) {
    new SubscriptionController(host, getControlDoc, (doc) => {
      this.lock = readBoardLock(doc);
      const unsubscribe = observeBoardLock(doc, () => {
        this.lock = readBoardLock(doc);
        host.requestUpdate();
      });
      return () => {
        unsubscribe();
        this.lock = { ...NO_LOCK };
      };
    });
  }
}
