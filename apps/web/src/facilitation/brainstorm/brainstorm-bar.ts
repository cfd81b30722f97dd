import type { RoomConnection } from '@kompas/client';
import { css, html, LitElement, nothing } from 'lit';
import { connectionState, NOT_CONNECTED, noteList } from '../../core/board-values.ts';
import { announcementStyles } from '../../ui/announcements.ts';
import { BoundValue } from '../../ui/bound-value.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';

/** "3 private notes from 2 people", "1 private note". */
export function draftsSummary(drafts: readonly { authorId: string }[], withAuthors: boolean): string {
  const notes = `${drafts.length} private ${drafts.length === 1 ? 'note' : 'notes'}`;
  if (!withAuthors || drafts.length === 0) return notes;
  const people = new Set(drafts.map((draft) => draft.authorId)).size;
  return `${notes} from ${people} ${people === 1 ? 'person' : 'people'}`;
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
    this.running = false;
  }

  static override styles = [sharedStyles];

  override render() {
    return this.running
      ? nothing
      : html`<button class="button" @click=${() => fire(this, 'brainstorm-start')}>Start silent brainstorm</button>`;
  }
}

/**
 * The silent brainstorm while it runs, in the board's announcements, telling each person what it means for them:
 * a participant that their new notes stay private until the reveal, an observer that notes will appear, a
 * facilitator how many drafts wait, with "Reveal notes" (fires `brainstorm-reveal`).
 */
export class BrainstormBar extends LitElement {
  static override properties = {
    running: { type: Boolean },
    draftsConnection: { attribute: false },
    role: { type: String },
    canLead: { type: Boolean },
  };

  declare running: boolean;
  /** The drafts room: this participant's own drafts, or a facilitator's view of everyone's; null for observers. */
  declare draftsConnection: RoomConnection | null;
  declare role: 'facilitator' | 'participant' | 'observer';
  declare canLead: boolean;
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
    this.running = false;
    this.draftsConnection = null;
    this.role = 'observer';
    this.canLead = false;
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

  override render() {
    if (!this.running) return nothing;
    const drafts = this.draftNotes.value;
    const ready = this.drafts.value.synced;
    return html`<div class="announcement bar running" role="region" aria-label="Silent brainstorm">
      <span role="status">${this.message(drafts)}</span>
      ${
        this.canLead
          ? html`<button
              class="button primary"
              ?disabled=${!ready}
              title=${ready ? '' : 'Waiting for everyone’s notes to arrive'}
              @click=${() => fire(this, 'brainstorm-reveal')}
            >
              Reveal notes
            </button>`
          : nothing
      }
    </div>`;
  }

  private message(drafts: readonly { authorId: string }[]) {
    if (this.canLead) {
      return html`<strong>Silent brainstorm</strong> · ${draftsSummary(drafts, true)} so far`;
    }
    if (this.role === 'participant') {
      return html`<strong>Silent brainstorm</strong> · Your new notes stay private until they are revealed
        (${draftsSummary(drafts, false)})`;
    }
    return html`<strong>Silent brainstorm</strong> · Notes appear when they are revealed`;
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
