import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import '../board/board-page.ts';
import './landing-page.ts';
import '../ui/problem-page.ts';
import '../replay/replay-page.ts';
import { parseRoute, ROUTE_CHANGE_EVENT, type Route } from '../ui/router.ts';

/**
 * The app: picks the page for the URL and follows history navigation (a board page sets its own title).
 * main.ts defines it once the page's language is set.
 */
export class AppShell extends LitElement {
  static override properties = { route: { state: true } };

  declare route: Route;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.route = parseRoute(location.pathname);
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

  protected override updated(): void {
    if (this.route.page === 'landing')
      document.title = msg('Kompas · A circular workshop board for working together');
    if (this.route.page === 'not-found') document.title = msg('Page not found · Kompas');
  }

  override render() {
    const route = this.route;
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
