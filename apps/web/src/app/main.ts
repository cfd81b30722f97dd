import { installGlobalStyles } from '../ui/global-styles.ts';
import './app-shell.ts';

installGlobalStyles();

// Keeps the app on the device, so a board opens while the server cannot be reached (see service-worker.ts).
// The development server has no worker to register; that failure is of no consequence.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {});
  });
}
