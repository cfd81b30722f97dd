import type { Step } from '@kompas/model';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { showModalWhile } from '../../ui/modal.ts';
import { dialogStyles, sharedStyles } from '../../ui/shared-styles.ts';

/**
 * Asks the facilitator to confirm moving on while steps of the current phase are still open, naming them.
 * Open while `steps` is non-empty; fires `move-on` or `stay` (Escape and the backdrop count as staying).
 */
export class OpenStepsDialog extends LitElement {
  static override properties = { steps: { attribute: false } };

  declare steps: readonly Step[];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.steps = [];
  }

  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      h2 {
        margin: 0 0 8px;
        font-size: 18px;
      }
      p {
        margin: 0 0 8px;
        color: var(--k-color-text-muted);
      }
      ul {
        margin: 0 0 20px;
        padding-left: 20px;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
    `,
  ];

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('steps')) showModalWhile(this.renderRoot, this.steps.length > 0);
  }

  override render() {
    return html`<dialog aria-labelledby="open-steps-title" @cancel=${this.onCancel}>
      <h2 id="open-steps-title">${msg('Move on with open steps?')}</h2>
      <p>${msg('These steps of the current phase are still open:')}</p>
      <ul aria-label=${msg('Open steps')}>
        ${this.steps.map((step) => html`<li>${step.label.nl}</li>`)}
      </ul>
      <div class="actions">
        <button class="button" @click=${() => this.answer('stay')}>${msg('Stay')}</button>
        <button class="button primary" @click=${() => this.answer('move-on')}>${msg('Move on')}</button>
      </div>
    </dialog>`;
  }

  private onCancel(event: Event): void {
    event.preventDefault();
    this.answer('stay');
  }

  private answer(choice: 'move-on' | 'stay'): void {
    this.dispatchEvent(new CustomEvent(choice));
  }
}

customElements.define('kompas-open-steps-dialog', OpenStepsDialog);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-open-steps-dialog': OpenStepsDialog;
  }
}
