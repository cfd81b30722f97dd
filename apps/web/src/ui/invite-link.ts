import { isRole, type Role } from '@kompas/protocol';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { ICONS } from './icons.ts';
import { sharedStyles } from './shared-styles.ts';

/** What each role's invite link is called, what it lets its holder do, and its copy button's name. */
export const inviteRoles = (): Readonly<
  Record<Role, { label: string; description: string; copy: string }>
> => ({
  facilitator: {
    label: msg('Facilitator'),
    description: msg('runs the session'),
    copy: msg('Copy facilitator link'),
  },
  participant: {
    label: msg('Participant'),
    description: msg('for the partners: add and move notes'),
    copy: msg('Copy participant link'),
  },
  observer: { label: msg('Observer'), description: msg('view only'), copy: msg('Copy observer link') },
});

/** The copyable invite link of `role`, named and described as inviteRoles says. */
export function inviteLink(role: Role, href: string) {
  const { label, description } = inviteRoles()[role];
  return html`<kompas-invite-link
    link-role=${role}
    label=${label}
    description=${description}
    .href=${href}
  ></kompas-invite-link>`;
}

/** How long the button says "Copied". */
const COPIED_MS = 2000;

/** One invite link with a Copy button ("Copy <role> link"), which confirms with "Copied". */
export class InviteLink extends LitElement {
  static override properties = {
    // Not `role`: that attribute is the element's ARIA role.
    linkRole: { type: String, attribute: 'link-role' },
    label: { type: String },
    description: { type: String },
    href: { type: String },
    copied: { state: true },
    failed: { state: true },
  };

  declare linkRole: string;
  declare label: string;
  declare description: string;
  declare href: string;
  declare copied: boolean;
  declare failed: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.linkRole = '';
    this.label = '';
    this.description = '';
    this.href = '';
    this.copied = false;
    this.failed = false;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        align-items: baseline;
        gap: 8px;
        margin-bottom: 6px;
      }
      .label {
        font-weight: 600;
        font-size: 13.5px;
      }
      .description {
        font-size: 12.5px;
        color: var(--k-color-text-muted);
      }
      .row {
        display: flex;
        gap: 8px;
      }
      input[type='text'] {
        flex: 1 1 auto;
        min-width: 0;
        font-family: var(--k-font-mono);
        font-size: 12.5px;
        color: var(--k-color-text-muted);
        background: var(--k-color-surface-muted);
        border-color: var(--k-color-border);
      }
      .copy {
        min-width: 96px;
      }
      .copy.done {
        color: var(--k-color-success);
        border-color: color-mix(in srgb, var(--k-color-success) 40%, transparent);
        background: var(--k-color-success-soft);
      }
    `,
  ];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override render() {
    const id = `link-${this.linkRole}`;
    return html`<div class="head">
        <label class="label" for=${id}>${this.label}</label>
        <span class="description">${this.description}</span>
      </div>
      <div class="row">
        <input id=${id} type="text" readonly .value=${this.href} @focus=${selectAll} />
        <button
          class="button copy ${this.copied ? 'done' : ''}"
          aria-label=${isRole(this.linkRole) ? inviteRoles()[this.linkRole].copy : msg('Copy link')}
          @click=${this.copy}
        >
          ${this.copied ? ICONS.check : ICONS.copy}<span aria-live="polite"
            >${this.copied ? msg('Copied') : this.failed ? msg('Press Ctrl+C') : msg('Copy')}</span
          >
        </button>
      </div>`;
  }

  private async copy(): Promise<void> {
    const copied = (await writeClipboard(this.href)) || this.copyBySelection();
    this.copied = copied;
    this.failed = !copied;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.copied = false;
      this.failed = false;
    }, COPIED_MS);
  }

  /** Where the Clipboard API is missing (plain http) or refused, copy the selected field instead. */
  private copyBySelection(): boolean {
    const input = this.renderRoot.querySelector('input');
    if (!input) return false;
    input.focus();
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function selectAll(event: FocusEvent): void {
  (event.target as HTMLInputElement).select();
}

customElements.define('kompas-invite-link', InviteLink);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-invite-link': InviteLink;
  }
}
