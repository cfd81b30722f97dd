import { NOTE_TEXT_MAX, type StepId } from '@kompas/model';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { cssProperties } from '../ui/css-properties.ts';
import { mediaMatches, TOUCH_SCREEN } from '../ui/media-query.ts';
import { type StepChooseDetail, stepName } from './step-picker.ts';
import './step-picker.ts';

const SHOW_COUNT_FROM = 400;
/** A touch screen has no Escape key, and often no Enter: there the note is saved by tapping elsewhere. */
const keysHint = (): string => msg('Enter to save · Esc to cancel');
const touchHint = (): string => msg('Tap outside to save');

export interface NoteEditorCommitDetail {
  text: string;
}

/**
 * The in-place note editor: a textarea laid over the note by the canvas, with the note's step named above it.
 * Enter or leaving the editor saves, Shift+Enter starts a new line, Escape cancels. It fires `editor-commit`
 * or `editor-cancel` exactly once; choosing another step for a new note fires `editor-step` ({ step }).
 */
export class NoteEditor extends LitElement {
  static override properties = {
    text: { type: String },
    color: { type: String },
    fontSize: { type: Number, attribute: 'font-size' },
    step: { type: String },
    chooseStep: { type: Boolean, attribute: 'choose-step' },
    stepsAlign: { type: String, reflect: true, attribute: 'steps-align' },
    length: { state: true },
  };

  declare text: string;
  declare color: string;
  declare fontSize: number;
  /** The step the note is for. */
  declare step: StepId;
  /** Whether the note may still go to another step of its phase (a new note). */
  declare chooseStep: boolean;
  /** Which edge of the editor the steps line up with, so that they stay on the canvas. */
  declare stepsAlign: 'start' | 'end';
  declare length: number;
  private closed = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.text = '';
    this.color = '#fff3a3';
    this.fontSize = 16;
    this.step = 'verkennen.eigen-situatie';
    this.chooseStep = false;
    this.stepsAlign = 'start';
    this.length = 0;
    // Leaving the editor saves; moving between the text and its steps does not.
    this.addEventListener('focusout', (event) => {
      const next = event.relatedTarget;
      if (next instanceof Node && (next === this || this.renderRoot.contains(next))) return;
      this.commit();
    });
    // Escape on a step cancels as in the text (the text's own keys stop at the text).
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close('editor-cancel', undefined);
    });
  }

  static override styles = css`
    :host {
      position: absolute;
      z-index: 5;
      display: block;
    }
    .card {
      position: relative;
      width: 100%;
      height: 100%;
      border-radius: 6px;
      box-shadow:
        0 16px 40px rgba(16, 24, 40, 0.22),
        0 0 0 2px var(--k-color-accent);
    }
    kompas-step-picker {
      position: absolute;
      bottom: calc(100% + 6px);
      left: 0;
      /* As wide as the step names, not the editor. */
      width: max-content;
    }
    :host([steps-align='end']) kompas-step-picker {
      left: auto;
      right: 0;
    }
    textarea {
      box-sizing: border-box;
      width: 100%;
      height: 100%;
      margin: 0;
      padding: 0.7em 0.75em 1.6em;
      border: 0;
      border-radius: inherit;
      resize: none;
      background: transparent;
      color: #1f2328;
      font-family: var(--k-font-sans);
      line-height: 1.25;
      outline: none;
    }
    .hint {
      position: absolute;
      left: 0.9em;
      right: 0.9em;
      bottom: 0.5em;
      display: flex;
      justify-content: space-between;
      font-size: 11px;
      color: rgba(31, 35, 40, 0.74);
      pointer-events: none;
    }
  `;

  protected override firstUpdated(): void {
    const field = this.field;
    if (!field) return;
    this.length = field.value.length;
    field.focus({ preventScroll: true });
    field.setSelectionRange(field.value.length, field.value.length);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (
      changed.has('text') &&
      this.field &&
      this.field.value !== this.text &&
      !this.field.matches(':focus')
    ) {
      this.field.value = this.text;
    }
  }

  private get field(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  override render() {
    // The field holds the model's limit, so nobody types past what can be saved.
    const count = this.length >= SHOW_COUNT_FROM ? `${this.length}/${NOTE_TEXT_MAX}` : '';
    return html`<kompas-step-picker
        .step=${this.step}
        .choose=${this.chooseStep}
        @step-choose=${this.onStepChoose}
      ></kompas-step-picker>
      <span id="note-step" hidden>${stepName(this.step)}</span>
      <div class="card" ${cssProperties({ background: this.color })}>
      <textarea
        aria-label=${msg('Note text')}
        aria-describedby="note-step"
        maxlength=${NOTE_TEXT_MAX}
        ${cssProperties({ 'font-size': `${this.fontSize}px` })}
        .value=${this.text}
        @keydown=${this.onKeyDown}
        @input=${this.onInput}
        @pointerdown=${stopPropagation}
        @wheel=${stopPropagation}
      ></textarea>
      <div class="hint" aria-hidden="true">
        <span>${mediaMatches(TOUCH_SCREEN) ? touchHint() : keysHint()}</span>${count ? html`<span>${count}</span>` : nothing}
      </div>
    </div>`;
  }

  private onStepChoose(event: CustomEvent<StepChooseDetail>): void {
    this.dispatchEvent(new CustomEvent<StepChooseDetail>('editor-step', { detail: event.detail }));
  }

  private onInput(): void {
    this.length = this.field?.value.length ?? 0;
  }

  private onKeyDown(event: KeyboardEvent): void {
    event.stopPropagation();
    if (event.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close('editor-cancel', undefined);
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.commit();
    }
  }

  private readonly commit = (): void => {
    this.close('editor-commit', { text: this.field?.value ?? this.text });
  };

  private close(type: 'editor-commit' | 'editor-cancel', detail: NoteEditorCommitDetail | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

function stopPropagation(event: Event): void {
  event.stopPropagation();
}

customElements.define('kompas-note-editor', NoteEditor);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-note-editor': NoteEditor;
  }
}
