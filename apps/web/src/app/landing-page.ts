import { BOARD_TASK_MAX, BOARD_TITLE_MAX, PHASES } from '@kompas/model';
import { type CreatedBoard, ROLES } from '@kompas/protocol';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { ApiError, createBoard } from '../api/api.ts';
import { type MadeBoard, madeBoards, rememberMadeBoard } from '../api/made-boards.ts';
import { cssProperties } from '../ui/css-properties.ts';
import { ICONS, logoMark } from '../ui/icons.ts';
import '../ui/language-switch.ts';
import { inviteLink } from '../ui/invite-link.ts';
import { englishMeaning } from '../ui/phase-text.ts';
import { navigateOnPlainClick } from '../ui/router.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import { boardIllustration } from './board-illustration.ts';
import './made-boards-list.ts';

/** The front page: what Kompas is, and a form that creates a workshop and hands out its three links. */
export class LandingPage extends LitElement {
  static override properties = {
    busy: { state: true },
    error: { state: true },
    created: { state: true },
    made: { state: true },
  };

  declare busy: boolean;
  declare error: string;
  declare created: CreatedBoard | null;
  /** The workshops made on this device, newest first; the one just made is listed once its card is left. */
  declare made: readonly MadeBoard[];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.busy = false;
    this.error = '';
    this.created = null;
    this.made = madeBoards();
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-height: 100%;
        background:
          radial-gradient(1200px 600px at 85% -10%, var(--k-color-accent-soft) 0%, transparent 60%),
          radial-gradient(900px 500px at -10% 110%, var(--k-color-success-soft) 0%, transparent 60%),
          var(--k-color-bg);
      }
      .top {
        display: flex;
        align-items: center;
        gap: 10px;
        max-width: 1120px;
        margin: 0 auto;
        padding: 22px 28px;
        font-weight: 700;
        font-size: 17px;
        letter-spacing: -0.01em;
      }
      .top kompas-language-switch {
        margin-left: auto;
      }
      main {
        display: grid;
        grid-template-columns: minmax(0, 1.05fr) minmax(0, 1fr);
        gap: 56px;
        align-items: center;
        max-width: 1120px;
        margin: 0 auto;
        padding: 28px 28px 64px;
      }
      h1 {
        margin: 0 0 16px;
        font-size: clamp(30px, 4vw, 44px);
        line-height: 1.1;
        letter-spacing: -0.025em;
      }
      .lead {
        margin: 0 0 28px;
        font-size: 17px;
        line-height: 1.55;
        color: var(--k-color-text-muted);
        max-width: 34em;
      }
      .illustration {
        width: min(340px, 80%);
      }
      .phases {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .phases li {
        display: inline-flex;
        align-items: center;
        gap: 7px;
        padding: 5px 11px 5px 8px;
        border-radius: var(--k-radius-full);
        background: var(--k-color-surface);
        border: 1px solid var(--k-color-border);
        font-size: 13px;
        font-weight: 550;
      }
      .phases .dot {
        width: 10px;
        height: 10px;
        border-radius: 50%;
      }
      .phases .en {
        color: var(--k-color-text-subtle);
        font-weight: 450;
      }
      .card {
        background: var(--k-color-surface);
        border: 1px solid var(--k-color-border);
        border-radius: var(--k-radius-xl);
        box-shadow: var(--k-shadow-lg);
        padding: 28px;
      }
      .card h2 {
        margin: 0 0 4px;
        font-size: 19px;
        letter-spacing: -0.01em;
      }
      .card .sub {
        margin: 0 0 22px;
        color: var(--k-color-text-muted);
      }
      form {
        display: grid;
        gap: 18px;
      }
      textarea {
        resize: vertical;
        min-height: 88px;
      }
      .actions {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 12px;
        flex-wrap: wrap;
      }
      .links {
        display: grid;
        gap: 18px;
        margin-bottom: 24px;
      }
      .ready {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        color: var(--k-color-success);
        font-weight: 600;
        font-size: 13px;
        margin-bottom: 6px;
      }
      .link-button {
        border: 0;
        background: none;
        padding: 0;
        color: var(--k-color-text-muted);
        font-size: 13.5px;
        cursor: pointer;
        text-decoration: underline;
        text-underline-offset: 3px;
      }
      .made {
        max-width: 1120px;
        margin: 0 auto;
        padding: 0 28px 64px;
      }
      @media (max-width: 880px) {
        main {
          grid-template-columns: 1fr;
          gap: 32px;
        }
        .illustration {
          display: none;
        }
      }
    `,
  ];

  override render() {
    return html`<div class="top">
        ${logoMark(28)} Kompas
        <kompas-language-switch></kompas-language-switch>
      </div>
      <main>
        <section aria-labelledby="intro-title">
          <h1 id="intro-title">${msg('One circular board for partners who work together.')}</h1>
          <p class="lead">
            ${msg(
              'Kompas is a live workshop board for collaboration between organisations. Everyone adds notes to one shared circle that follows the four phases of working together, so the group sees where it stands and which steps still need attention.',
            )}
          </p>
          <ul class="phases" aria-label=${msg('The four phases')}>
            ${PHASES.map((phase) => {
              const meaning = englishMeaning(phase.label);
              return html`<li>
                <span class="dot" ${cssProperties({ background: `var(--k-phase-${phase.id})` })} aria-hidden="true"></span>${phase.label.nl}
                ${meaning ? html`<span class="en">${meaning}</span>` : nothing}
              </li>`;
            })}
          </ul>
          <div class="illustration" ${cssProperties({ 'margin-top': '32px' })}>${boardIllustration()}</div>
        </section>
        <section class="card" aria-labelledby="card-title">
          ${this.created ? this.renderLinks(this.created) : this.renderForm()}
        </section>
      </main>
      <kompas-made-boards-list
        class="made"
        .boards=${this.made.filter((board) => board.created.id !== this.created?.id)}
      ></kompas-made-boards-list>`;
  }

  private renderForm() {
    return html`<h2 id="card-title">${msg('Start a workshop')}</h2>
      <p class="sub">${msg('You get three links to share: for the facilitator, the participants and observers.')}</p>
      <form @submit=${this.onSubmit} novalidate>
        <div class="field">
          <label for="title">${msg('Workshop title')}</label>
          <input id="title" name="title" type="text" maxlength=${BOARD_TITLE_MAX} required placeholder=${msg('e.g. Regional care alliance — kick-off')} />
        </div>
        <div class="field">
          <label for="task">${msg('Joint task')}</label>
          <textarea
            id="task"
            name="task"
            maxlength=${BOARD_TASK_MAX}
            aria-describedby="task-hint"
            placeholder=${msg('What do the partners have to do together?')}
          ></textarea>
          <span id="task-hint" class="hint">${msg('Shown in the centre of the board. You can leave it open for now and set it later on the board.')}</span>
        </div>
        ${this.error ? html`<div class="form-error" role="alert">${ICONS.alert}<span>${this.error}</span></div>` : nothing}
        <div class="actions">
          <button class="button primary large" type="submit" ?disabled=${this.busy}>
            ${this.busy ? msg('Creating…') : msg('Create workshop')}
          </button>
        </div>
      </form>`;
  }

  private renderLinks(created: CreatedBoard) {
    const open = new URL(created.links.facilitator, location.href);
    const openHref = `${open.pathname}${open.hash}`;
    return html`<div class="ready">${ICONS.check} ${msg('Workshop created')}</div>
      <h2 id="card-title">${msg('Share the links')}</h2>
      <p class="sub">${msg('Each link gives its own role. Keep the facilitator link to yourself.')}</p>
      <div class="links">
        ${ROLES.map((role) => inviteLink(role, created.links[role]))}
      </div>
      <div class="actions">
        <a class="button primary large" href=${openHref} @click=${navigateOnPlainClick}
          >${msg('Open board as facilitator')} ${ICONS.arrowRight}</a
        >
        <button class="link-button" @click=${this.reset}>${msg('Start another workshop')}</button>
      </div>`;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    const task = String(data.get('task') ?? '').trim();
    if (!title) {
      this.error = msg('Give the workshop a title.');
      form.querySelector<HTMLInputElement>('#title')?.focus();
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const created = await createBoard({ title, task });
      rememberMadeBoard({ title, createdAt: Date.now(), created });
      this.made = madeBoards();
      this.created = created;
    } catch (error) {
      this.error =
        error instanceof ApiError
          ? error.unreachable
            ? error.message
            : msg(str`The server refused to create the workshop: ${error.message}.`)
          : msg('The workshop could not be created. Try again.');
    } finally {
      this.busy = false;
    }
  }

  private reset(): void {
    this.created = null;
    this.error = '';
  }
}

customElements.define('kompas-landing-page', LandingPage);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-landing-page': LandingPage;
  }
}
