import { type ElementPart, noChange, nothing } from 'lit';
import { Directive, directive, type PartInfo, PartType } from 'lit/directive.js';

/** CSS property names as CSS writes them (`left`, `font-size`, `--phase-color`); undefined leaves one unset. */
export type CssProperties = Readonly<Record<string, string | undefined>>;

/**
 * Sets CSS properties on an element through its style object, never as a style attribute: the server's
 * Content-Security-Policy (`style-src 'self'`) blocks style attributes, and Lit's styleMap writes one on its
 * first render. Goes on the element itself: `<div ${cssProperties({ left: '4px' })}>`.
 */
class CssPropertiesDirective extends Directive {
  private readonly set = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT)
      throw new Error('cssProperties() goes on an element, not in an attribute');
  }

  render(_properties: CssProperties) {
    return nothing;
  }

  override update(part: ElementPart, [properties]: [CssProperties]) {
    const { style } = part.element as Element & ElementCSSInlineStyle;
    for (const name of this.set) {
      if (properties[name] !== undefined) continue;
      style.removeProperty(name);
      this.set.delete(name);
    }
    for (const [name, value] of Object.entries(properties)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      this.set.add(name);
    }
    return noChange;
  }
}

export const cssProperties = directive(CssPropertiesDirective);
