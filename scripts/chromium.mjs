// The system Chromium and the flags it needs here, shared by the browser tests, benchmarks and screenshots.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Headless on a machine without a sandbox or outside network: no GPU, no background connections. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** `KOMPAS_CHROMIUM` if set, else the first Chromium found at the usual paths. */
export function findChromium() {
  return process.env.KOMPAS_CHROMIUM || CANDIDATES.find((path) => existsSync(path));
}

/** Launch options for Playwright's `chromium.launch`. */
export function chromiumLaunchOptions() {
  return { executablePath: findChromium(), args: CHROMIUM_ARGS };
}
