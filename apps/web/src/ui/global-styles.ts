import { tokensCss } from './design-tokens.ts';

/** Page-wide rules that shadow roots inherit: the tokens, the font and a calm background. */
const GLOBAL_CSS = `
${tokensCss()}
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  font-family: var(--k-font-sans);
  font-size: 14px;
  line-height: 1.45;
  color: var(--k-color-text);
  background: var(--k-color-bg);
  -webkit-font-smoothing: antialiased;
  text-rendering: optimizeLegibility;
}
kompas-app { display: block; height: 100%; }
`;

export function installGlobalStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(GLOBAL_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
