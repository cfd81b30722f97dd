import type { RoomConnection } from '@kompas/client';
import { observeTimer, readTimer, type TimerState } from '@kompas/model';
import type { ReactiveControllerHost } from 'lit';
import { SubscriptionController } from '../../ui/subscription-controller.ts';

/** Binds a component to the workshop timer, read from the control room's document. */
export class TimerController {
  /** Undefined until there is a control connection. */
  timer: TimerState | undefined;

  constructor(host: ReactiveControllerHost, getConnection: () => RoomConnection | undefined) {
    new SubscriptionController(host, getConnection, (connection) => {
      this.timer = readTimer(connection.doc);
      const unsubscribe = observeTimer(connection.doc, () => {
        this.timer = readTimer(connection.doc);
        host.requestUpdate();
      });
      return () => {
        unsubscribe();
        this.timer = undefined;
      };
    });
  }
}
