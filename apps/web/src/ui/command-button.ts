import { html, type TemplateResult } from 'lit';
import type { BoardCommand, BoardCommandDetail, CommandName } from '../core/commands.ts';

/** Fires `board-command` for the page to run; it bubbles out of the header's and controls' shadow roots. */
export function fireCommand(host: HTMLElement, command: CommandName): void {
  host.dispatchEvent(
    new CustomEvent<BoardCommandDetail>('board-command', {
      detail: { command },
      bubbles: true,
      composed: true,
    }),
  );
}

/** An icon button for a command, named by its label, with its shortcut in the tooltip. */
export function commandButton(
  host: HTMLElement,
  command: BoardCommand,
  icon: TemplateResult,
  { className = '', disabled = false }: { className?: string; disabled?: boolean } = {},
) {
  const title = command.shortcut ? `${command.label} (${command.shortcut})` : command.label;
  return html`<button
    class="icon-button ${className}"
    aria-label=${command.label}
    title=${title}
    ?disabled=${disabled}
    @click=${() => fireCommand(host, command.name)}
  >
    ${icon}
  </button>`;
}
