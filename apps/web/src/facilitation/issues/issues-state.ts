import type { ReactiveControllerHost } from 'lit';
import type { IssueDraft } from '../../core/issue-actions.ts';

/**
 * The page's part of the issues in hand: whether the panel is shown, and the issue a note was just turned
 * into, which the panel's form opens with. Held by the board page, so a note's menu can open the panel.
 */
export class IssuesPanelState {
  open = false;
  /** The latest issue waiting to be taken up; a new object each time, so the panel opens its form anew. */
  draft: IssueDraft | null = null;

  constructor(private readonly host: ReactiveControllerHost) {}

  toggle(): void {
    this.open = !this.open;
    this.draft = null;
    this.host.requestUpdate();
  }

  /** Opens the panel with its form filled in with `draft`: a note turned into an issue, or one refused. */
  fill(draft: IssueDraft): void {
    this.open = true;
    this.draft = { ...draft };
    this.host.requestUpdate();
  }
}
