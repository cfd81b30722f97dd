/**
 * Screenshots of a board in Dutch with about 30 notes per step, to compare two builds by eye: at 1920×1080, 1440×900,
 * 1280×720 and on a 390×844 phone, in light and dark colours, each at the board's fit and (on the large
 * screens) zoomed in on a few notes, with the canvas focused so its focus ring shows.
 *
 *   pnpm --filter @kompas/web build:test
 *   pnpm exec tsx apps/web/bench/board-shots.ts [--web-dir apps/web/dist-test] [--out /tmp/kompas-shots]
 *
 * Writes <out>/<viewport>-<colours>[-zoomed].png; the zoomed ones show a note selected from the keyboard (its focus
 * ring) and another person's cursor. Any build serves (it needs no test hooks).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import {
  cleanup,
  cleanups,
  createBoard,
  guardRun,
  joinAsSeeder,
  Seeder,
  sleep,
  startServer,
} from './bench-board.ts';

const NOTES = 360;
const DUTCH = [
  'Bibliotheek in elk dorp',
  'Vrijwilligers lezen na schooltijd voor',
  'Een bibliotheekbus die twee keer per maand langs de boerderijen rijdt',
  'Wie betaalt de boeken?',
  'Samenwerken met de scholen en de regionale krant om ouders te bereiken die zelf niet lezen',
  'Leescafé',
  'De gemeente om een ruimte vragen',
  'Na een jaar evalueren met de leerkrachten, de ouders en de kinderen zelf',
];
const VIEWPORTS = [
  { name: '1920x1080', size: { width: 1920, height: 1080 }, phone: false },
  { name: '1440x900', size: { width: 1440, height: 900 }, phone: false },
  { name: '1280x720', size: { width: 1280, height: 720 }, phone: false },
  { name: 'phone-390x844', size: { width: 390, height: 844 }, phone: true },
];

const { values: args } = parseArgs({
  options: { 'web-dir': { type: 'string', default: 'apps/web/dist-test' }, out: { type: 'string' } },
});
const out = resolve(args.out ?? '/tmp/kompas-shots');
await mkdir(out, { recursive: true });
const guard = guardRun('board-shots', 5 * 60_000);

const server = await startServer(args['web-dir']);
const board = await createBoard(server.url);
await new Seeder(server.url, await joinAsSeeder(server.url, board), DUTCH).fillTo(NOTES);
const browser = await chromium.launch(chromiumLaunchOptions());
cleanups.push(() => browser.close());

/** Joins the board through the name dialog and waits until the notes, the tools loaded later and the fonts are drawn. */
async function joinBoard(page: Page, link: string, person: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Je naam').fill(person);
  await page.getByRole('button', { name: 'Meedoen' }).click();
  await page.waitForLoadState('networkidle');
  await sleep(1500);
}

async function zoomIn(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.mouse.move(size.width * 0.6, size.height * 0.35);
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -200);
  await sleep(800);
}

for (const { name, size, phone } of VIEWPORTS) {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({
      viewport: size,
      locale: 'nl-NL',
      colorScheme,
      reducedMotion: 'reduce',
      ...(phone ? { isMobile: true, hasTouch: true } : {}),
    });
    const page = await context.newPage();
    await joinBoard(page, board.links.facilitator, 'Fenna');
    const file = (suffix = '') => join(out, `${name}-${colorScheme}${suffix}.png`);
    if (phone) {
      await page.screenshot({ path: file() });
      await context.close();
      continue;
    }
    await page.locator('kompas-board-canvas .stage').focus();
    await page.screenshot({ path: file() });
    // Zoomed in, with the first note selected from the keyboard (its focus ring) and another person's cursor.
    const other = await (await browser.newContext({ viewport: size, locale: 'nl-NL' })).newPage();
    await joinBoard(other, board.links.facilitator, 'Pim');
    for (const each of [page, other]) await zoomIn(each, size);
    await page.keyboard.press('Home');
    await other.mouse.move(size.width * 0.55, size.height * 0.45, { steps: 5 });
    await sleep(1000);
    await page.screenshot({ path: file('-zoomed') });
    await other.context().close();
    await context.close();
  }
}

console.log(`Screenshots in ${out}`);
clearTimeout(guard);
await cleanup();
process.exit(0);
