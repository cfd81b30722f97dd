import type { ReactiveController, ReactiveElement } from 'lit';
import { mediaMatches, PHONE_LAYOUT } from '../ui/media-query.ts';

/** The header's spacing, in CSS pixels: board-header-styles.ts lays it out with these. */
export const HEADER_SPACING = {
  /** Around the header's contents, left and right. */
  paddingLeft: 16,
  paddingRight: 14,
  /** Between the logo, the titles, the tools, the sharing and the status. */
  columnGap: 14,
  /** Between the toolbar's groups: where the group is, the panels, the board tools. */
  toolbarGap: 12,
  /** The line left of the sharing and the people: its padding and its border. */
  asideRule: 13,
  /** Beside other controls the titles never get less; a longer title gets up to titleWanted, then an ellipsis. */
  titleMin: 220,
  titleWanted: 360,
} as const;

/** The widths, in CSS pixels, of what shares the one-row header, each as wide as its contents. */
export interface HeaderParts {
  home: number;
  /** The title as wide as its text. */
  title: number;
  /** The toolbar's groups, without the gaps between them. */
  toolbar: readonly number[];
  /** The sharing and the people, without the line left of them. */
  aside: number;
  status: number;
}

/** How the header is laid out: one row, the title's row over the tools' row, or the sharing in a row of its own too. */
export type HeaderLayout = 'one-row' | 'two-rows' | 'stacked';

/** The layout that holds `parts` in `width` CSS pixels with the fewest rows, the title given its room. */
export function headerLayout(parts: HeaderParts, width: number): HeaderLayout {
  const s = HEADER_SPACING;
  const title = Math.min(Math.max(parts.title, s.titleMin), s.titleWanted);
  const groups = parts.toolbar.filter((group) => group > 0);
  const toolbar =
    groups.reduce((sum, group) => sum + group, 0) + s.toolbarGap * Math.max(0, groups.length - 1);
  const padding = s.paddingLeft + s.paddingRight;
  const oneRow =
    padding + parts.home + title + toolbar + s.asideRule + parts.aside + parts.status + 4 * s.columnGap;
  if (oneRow <= width) return 'one-row';
  const titleRow = padding + parts.home + s.titleMin + parts.aside + parts.status + 3 * s.columnGap;
  return titleRow <= width && padding + toolbar <= width ? 'two-rows' : 'stacked';
}

/**
 * Which layout holds a board header's contents (see headerLayout), kept up to date as the header is resized
 * and its contents change (longer Dutch labels, a facilitator's controls, a timer, more people): the host
 * carries the `one-row` or `stacked` attribute when it takes that layout, so no control ever slides under
 * another or off the screen. The parts are measured as wide as their contents, which the layout does not
 * change, so switching layouts never changes the answer. Phones have a layout of their own.
 */
export class HeaderFit implements ReactiveController {
  private observer: ResizeObserver | null = null;

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(() => this.measure());
  }

  hostUpdated(): void {
    const root = this.host.renderRoot;
    // The ruler spans the header's width at no height: a change of layout does not resize it.
    for (const part of root.querySelectorAll('.ruler, .where, .panels, .tools, .aside, .status')) {
      this.observer?.observe(part);
    }
    this.measure();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  private measure(): void {
    const root = this.host.renderRoot;
    const width = (selector: string) => root.querySelector<HTMLElement>(selector)?.offsetWidth ?? 0;
    const ruler = width('.ruler');
    const aside = root.querySelector<HTMLElement>('.aside');
    const title = root.querySelector('h1');
    if (!aside || !title || ruler === 0) return;
    const parts: HeaderParts = {
      home: width('.home'),
      title: textWidth(title),
      toolbar: [width('.where'), width('.panels'), width('.tools')],
      aside: contentsWidth(aside),
      status: width('.status'),
    };
    const layout = mediaMatches(PHONE_LAYOUT) ? 'two-rows' : headerLayout(parts, ruler);
    this.host.toggleAttribute('one-row', layout === 'one-row');
    this.host.toggleAttribute('stacked', layout === 'stacked');
  }
}

/**
 * How wide a flex row's children are side by side, slotted elements included: a row of its own spans the
 * header, whatever its contents.
 */
function contentsWidth(row: HTMLElement): number {
  const gap = Number.parseFloat(getComputedStyle(row).columnGap) || 0;
  const widths = [...row.children]
    .flatMap((child) =>
      child instanceof HTMLSlotElement ? child.assignedElements({ flatten: true }) : [child],
    )
    .map((child) => (child instanceof HTMLElement ? child.offsetWidth : 0))
    .filter((childWidth) => childWidth > 0);
  return widths.reduce((sum, childWidth) => sum + childWidth, 0) + gap * Math.max(0, widths.length - 1);
}

/** How wide an element's contents are laid out, also where they overflow it behind an ellipsis. */
function textWidth(element: Element): number {
  const range = document.createRange();
  range.selectNodeContents(element);
  return Math.ceil(range.getBoundingClientRect().width);
}
