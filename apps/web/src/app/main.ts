import { loadCanvas } from '../board/board-opening.ts';
import { installGlobalStyles } from '../ui/global-styles.ts';
import { startInLanguage } from '../ui/language-choice.ts';
import { parseRoute } from '../ui/router.ts';
import { AppShell } from './app-shell.ts';

installGlobalStyles();

// Most visits follow a board's link: the board's canvas downloads at once, beside the page's texts.
if (parseRoute(location.pathname).page === 'board') loadCanvas().catch(() => {});

// The page speaks its language from the first render: the app is defined, and so renders, only once it is set
// (in English if the Dutch texts cannot be downloaded). Not a top-level `await`: the Dutch texts' module imports
// from this script's chunk, and would wait for this module to finish evaluating while it waits for them.
startInLanguage()
  .catch(() => {})
  .finally(() => customElements.define('kompas-app', AppShell));

// Keeps the app on the device, so a board opens while the server cannot be reached (see service-worker.ts).
// The development server has no worker to register; that failure is of no consequence.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {});
  });
}
