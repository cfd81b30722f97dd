import type { RoomConnection } from '@kompas/client';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { connectionState, NOT_CONNECTED, noteList } from '../../core/board-values.ts';
import { announcementStyles } from '../../ui/announcements.ts';
import { BoundValue } from '../../ui/bound-value.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';

/** How long "Notes revealed" stays in the announcements after the reveal. */
export const REVEALED_SHOWN_MS = 6000;

/** "3 private notes from 2 people", "1 private note". */
export function draftsSummary(drafts: readonly { authorId: string }[], withAuthors: boolean): string {
  const count = drafts.length;
  if (!withAuthors || count === 0)
    return count === 1 ? msg('1 private note') : msg(str`${count} private notes`);
  const people = new Set(drafts.map((draft) => draft.authorId)).size;
  if (count === 1) return msg('1 private note from 1 person');
  return people === 1
    ? msg(str`${count} private notes from 1 person`)
    : msg(str`${count} private notes from ${people} people`);
}

function fire(host: HTMLElement, name: 'brainstorm-start' | 'brainstorm-reveal'): void {
  host.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
}

/** A facilitator's "Start silent brainstorm", among the board's facilitator tools; fires `brainstorm-start`. */
export class BrainstormStart extends LitElement {
  static override properties = { running: { type: Boolean } };

  declare running: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.running = false;
  }

  static override styles = [sharedStyles];

  override render() {
    return this.running
      ? nothing
      : html`<button class="button" @click=${() => fire(this, 'brainstorm-start')}>
          ${msg('Start silent brainstorm')}
        </button>`;
  }
}

/**
 * The silent brainstorm while it runs, in the board's announcements, telling each person what it means for them:
 * a participant that their new notes stay private until the reveal, an observer that notes will appear, a
 * facilitator how many drafts wait, with "Reveal notes" (fires `brainstorm-reveal`). When it ends, everyone
 * hears and sees for a few seconds that the notes were revealed.
 */
export class BrainstormBar extends LitElement {
  static override properties = {
    running: { type: Boolean },
    draftsConnection: { attribute: false },
    // Not `role`: set before the element is defined, that would be taken for its ARIA role.
    personRole: { attribute: false },
    canLead: { type: Boolean },
    revealedShown: { state: true },
  };

  declare running: boolean;
  /** The drafts room: this participant's own drafts, or a facilitator's view of everyone's; null for observers. */
  declare draftsConnection: RoomConnection | null;
  declare personRole: 'facilitator' | 'participant' | 'observer';
  declare canLead: boolean;
  /** Whether "Notes revealed" is up: for a while after a running brainstorm ended. */
  declare revealedShown: boolean;
  private revealedTimer: ReturnType<typeof setTimeout> | undefined;
  /** A facilitator reveals once the drafts room synced, so that the reveal misses no one's notes. */
  private readonly drafts = new BoundValue(
    this,
    () => this.draftsConnection ?? undefined,
    connectionState,
    NOT_CONNECTED,
  );
  private readonly draftNotes = new BoundValue(this, () => this.draftsConnection?.doc, noteList, []);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.running = false;
    this.draftsConnection = null;
    this.personRole = 'observer';
    this.canLead = false;
    this.revealedShown = false;
  }

  static override styles = [
    sharedStyles,
    announcementStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        gap: 12px;
        padding: 8px 8px 8px 16px;
      }
      .bar.running {
        border-color: var(--k-color-accent);
        box-shadow: 0 0 0 3px var(--k-color-accent-soft), var(--k-shadow-lg);
      }
      strong {
        font-weight: 650;
      }
      .bar:not(:has(button)) {
        padding-right: 16px;
      }
    `,
  ];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.revealedTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('running')) return;
    clearTimeout(this.revealedTimer);
    // A brainstorm ends only by its reveal; one that was never seen running here is not announced.
    this.revealedShown = !this.running && changed.get('running') === true;
    if (this.revealedShown) {
      this.revealedTimer = setTimeout(() => {
        this.revealedShown = false;
      }, REVEALED_SHOWN_MS);
    }
  }

  override render() {
    // The reveal's status stays in the page, empty, so that screen readers hear it when it is filled.
    return html`${this.running ? this.renderBar() : nothing}
      <div role="status">
        ${this.revealedShown ? html`<div class="announcement">${msg('Notes revealed: everyone sees them now')}</div>` : nothing}
      </div>`;
  }

  private renderBar() {
    const drafts = this.draftNotes.value;
    const ready = this.drafts.value.synced;
    return html`<div class="announcement bar running" role="region" aria-label=${msg('Silent brainstorm')}>
      <span role="status"><strong>${msg('Silent brainstorm')}</strong> · ${this.message(drafts)}</span>
      ${
        this.canLead
          ? html`<button
              class="button primary"
              ?disabled=${!ready}
              title=${ready ? '' : msg('Waiting for everyone’s notes to arrive')}
              @click=${() => fire(this, 'brainstorm-reveal')}
            >
              ${msg('Reveal notes')}
            </button>`
          : nothing
      }
    </div>`;
  }

  private message(drafts: readonly { authorId: string }[]): string {
    if (this.canLead) return msg(str`${draftsSummary(drafts, true)} so far`);
    if (this.personRole === 'participant') {
      return msg(str`Your new notes stay private until they are revealed (${draftsSummary(drafts, false)})`);
    }
    return msg('Notes appear when they are revealed');
  }
}

customElements.define('kompas-brainstorm-start', BrainstormStart);
customElements.define('kompas-brainstorm-bar', BrainstormBar);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-brainstorm-start': BrainstormStart;
    'kompas-brainstorm-bar': BrainstormBar;
  }
}
