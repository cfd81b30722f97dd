import { svg, type TemplateResult } from 'lit';

/** Small line icons (24px grid, 1.75 stroke, currentColor), decorative: buttons carry the accessible name. */
function icon(body: TemplateResult): TemplateResult {
  return svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor"
    stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;
}

export const ICONS = {
  plus: icon(svg`<path d="M12 5v14M5 12h14"/>`),
  minus: icon(svg`<path d="M5 12h14"/>`),
  undo: icon(svg`<path d="M9 14 4 9l5-5"/><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11"/>`),
  redo: icon(svg`<path d="m15 14 5-5-5-5"/><path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13"/>`),
  fit: icon(
    svg`<path d="M8 3H5a2 2 0 0 0-2 2v3M21 8V5a2 2 0 0 0-2-2h-3M3 16v3a2 2 0 0 0 2 2h3M16 21h3a2 2 0 0 0 2-2v-3"/>`,
  ),
  trash: icon(
    svg`<path d="M3 6h18M8 6V4a1 1 0 0 1 1-1h6a1 1 0 0 1 1 1v2M19 6l-1 14a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2L5 6M10 11v6M14 11v6"/>`,
  ),
  pencil: icon(svg`<path d="M17 3a2.85 2.85 0 0 1 4 4L7.5 20.5 2 22l1.5-5.5Z"/>`),
  copy: icon(
    svg`<rect x="9" y="9" width="13" height="13" rx="2"/><path d="M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1"/>`,
  ),
  check: icon(svg`<path d="M20 6 9 17l-5-5"/>`),
  close: icon(svg`<path d="M6 6l12 12M18 6 6 18"/>`),
  /** A note carried along into the next round. */
  carried: icon(svg`<path d="m15 10 5 5-5 5"/><path d="M4 4v7a4 4 0 0 0 4 4h12"/>`),
  chevronLeft: icon(svg`<path d="m15 18-6-6 6-6"/>`),
  chevronRight: icon(svg`<path d="m9 18 6-6-6-6"/>`),
  play: icon(svg`<path d="M7 4.5v15l12-7.5Z"/>`),
  arrowRight: icon(svg`<path d="M5 12h14M13 6l6 6-6 6"/>`),
  eye: icon(svg`<path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12Z"/><circle cx="12" cy="12" r="3"/>`),
  alert: icon(svg`<circle cx="12" cy="12" r="10"/><path d="M12 8v4M12 16h.01"/>`),
  sticky: icon(
    svg`<path d="M15.5 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V8.5Z"/><path d="M15 3v6h6"/>`,
  ),
} as const;

/** The Kompas mark: the four phases as a ring, in their colours. */
export function logoMark(size = 28): TemplateResult {
  return svg`<svg viewBox="0 0 32 32" width=${size} height=${size} aria-hidden="true" focusable="false">
    <g fill="none" stroke-width="5.5">
      <path d="M16 4a12 12 0 0 1 12 12" stroke="var(--k-phase-verkennen)"/>
      <path d="M28 16a12 12 0 0 1-12 12" stroke="var(--k-phase-richten)"/>
      <path d="M16 28A12 12 0 0 1 4 16" stroke="var(--k-phase-inrichten)"/>
      <path d="M4 16A12 12 0 0 1 16 4" stroke="var(--k-phase-aan-de-slag)"/>
    </g></svg>`;
}
