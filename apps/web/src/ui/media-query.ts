import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Screens this narrow are phones held upright: the board shows a list per phase instead of the circle. */
export const PHONE_LAYOUT = '(max-width: 640px)';

/** Screens without hover are touched: a finger, not a mouse, and often no keyboard. */
export const TOUCH_SCREEN = '(hover: none)';

/** Whether a CSS media query matches now, for code outside a component's render. */
export function mediaMatches(query: string): boolean {
  return typeof matchMedia === 'function' && matchMedia(query).matches;
}

/**
 * Keeps `matches` in step with a CSS media query while the host is connected, and re-renders the host when it
 * changes (a phone turned sideways, a window made narrow).
 */
export class MediaQueryController implements ReactiveController {
  matches = false;
  private list: MediaQueryList | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly query: string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.list = matchMedia(this.query);
    this.matches = this.list.matches;
    this.list.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    this.list?.removeEventListener('change', this.onChange);
    this.list = null;
  }

  private readonly onChange = (event: MediaQueryListEvent): void => {
    this.matches = event.matches;
    this.host.requestUpdate();
  };
}
