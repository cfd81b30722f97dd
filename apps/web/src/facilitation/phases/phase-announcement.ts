import { getPhase, type PhasePosition } from '@kompas/model';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { inLanguage } from '../../i18n/language.ts';
import { announcementStyles } from '../../ui/announcements.ts';
import { cssProperties } from '../../ui/css-properties.ts';
import { PHASE_COLORS } from '../../ui/design-tokens.ts';

/**
 * "Nu: Richten (ronde 1)"; in English the model's Dutch name with its meaning beside it: "Now: Richten — Set
 * direction (round 1)".
 */
export function announcementText(position: PhasePosition): string {
  const { label } = getPhase(position.phase);
  const meaning = inLanguage(label);
  const name = meaning === label.nl ? label.nl : `${label.nl} — ${meaning}`;
  return msg(str`Now: ${name} (round ${position.round})`);
}

/** An announcement telling everyone the group has moved to another phase (in the board's announcements). */
export class PhaseAnnouncement extends LitElement {
  static override properties = { position: { attribute: false } };

  /** The phase just moved to; null shows nothing. */
  declare position: PhasePosition | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.position = null;
  }

  static override styles = [
    announcementStyles,
    css`
    :host {
      display: block;
    }
    .banner {
      padding: 10px 18px 10px 16px;
      font-weight: 550;
      pointer-events: none;
      animation: drop 220ms ease-out;
    }
    .dot {
      flex: none;
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: var(--phase-color);
      box-shadow: 0 0 0 4px color-mix(in srgb, var(--phase-color) 20%, transparent);
    }
    @keyframes drop {
      from {
        opacity: 0;
        transform: translateY(-8px);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .banner {
        animation: none;
      }
    }
  `,
  ];

  override render() {
    const position = this.position;
    return html`<div aria-live="polite">
      ${
        position
          ? html`<div class="announcement banner" ${cssProperties({ '--phase-color': PHASE_COLORS[position.phase] })}>
              <span class="dot" aria-hidden="true"></span>${announcementText(position)}
            </div>`
          : nothing
      }
    </div>`;
  }
}

customElements.define('kompas-phase-announcement', PhaseAnnouncement);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-phase-announcement': PhaseAnnouncement;
  }
}
