import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import '../board/board-page.ts';
import { loadOnce } from '../ui/load-once.ts';
import '../ui/problem-page.ts';
import { parseRoute, ROUTE_CHANGE_EVENT, type Route } from '../ui/router.ts';

/**
 * The pages besides the board, downloaded when first visited: a person who follows a board's link (most people)
 * never needs the front page's code, and the replay is opened later, if at all.
 */
const PAGES: Partial<Record<Route['page'], () => Promise<void>>> = {
  landing: loadOnce(() => import('./landing-page.ts')),
  replay: loadOnce(() => import('../replay/replay-page.ts')),
};
/**
 * The pages whose code is here. A page is put on screen only then: one made before its element is defined
 * would open (in `connectedCallback`) before Lit hands it the properties set on it meanwhile.
 */
const loadedPages = new Set<Route['page']>(['board', 'not-found']);

/**
 * The app: picks the page for the URL and follows history navigation (a board page sets its own title).
 * main.ts defines it once the page's language is set.
 */
export class AppShell extends LitElement {
  static override properties = { route: { state: true }, unloaded: { state: true } };

  declare route: Route;
  /** The page whose code could not be downloaded (offline, and not kept on this device yet). */
  declare unloaded: Route['page'] | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.route = parseRoute(location.pathname);
    this.unloaded = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onLocationChange);
    window.addEventListener(ROUTE_CHANGE_EVENT, this.onLocationChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onLocationChange);
    window.removeEventListener(ROUTE_CHANGE_EVENT, this.onLocationChange);
  }

  private readonly onLocationChange = (): void => {
    const next = parseRoute(location.pathname);
    if (JSON.stringify(next) !== JSON.stringify(this.route)) this.route = next;
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('route')) void this.loadPage(this.route.page);
  }

  private async loadPage(page: Route['page']): Promise<void> {
    if (loadedPages.has(page)) return;
    this.unloaded = null;
    try {
      await PAGES[page]?.();
      loadedPages.add(page);
      this.requestUpdate();
    } catch {
      if (this.route.page === page) this.unloaded = page;
    }
  }

  protected override updated(): void {
    if (this.route.page === 'landing')
      document.title = msg('Kompas · A circular workshop board for working together');
    if (this.route.page === 'not-found') document.title = msg('Page not found · Kompas');
  }

  override render() {
    const route = this.route;
    if (this.unloaded === route.page) {
      return html`<kompas-problem-page
        heading=${msg('This page could not be loaded')}
        detail=${msg('The Kompas server cannot be reached. Check your connection and try again.')}
        .retry=${true}
        @retry=${() => void this.loadPage(route.page)}
      ></kompas-problem-page>`;
    }
    if (!loadedPages.has(route.page)) return nothing;
    switch (route.page) {
      case 'landing':
        return html`<kompas-landing-page></kompas-landing-page>`;
      case 'board':
        return keyed(route.boardId, html`<kompas-board-page .boardId=${route.boardId}></kompas-board-page>`);
      case 'replay':
        return keyed(
          `replay:${route.boardId}`,
          html`<kompas-replay-page .boardId=${route.boardId}></kompas-replay-page>`,
        );
      case 'not-found':
        return html`<kompas-problem-page
          heading=${msg('Page not found')}
          detail=${msg('There is nothing at this address. Check the link, or start a new workshop.')}
        ></kompas-problem-page>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kompas-app': AppShell;
  }
}
