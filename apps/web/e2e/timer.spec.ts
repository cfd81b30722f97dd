import { type Browser, expect, type Page } from '@playwright/test';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, joinIn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Care in the region', task: 'One front door for informal carers' };

/** Joins in a browser whose clock is `shiftMs` off: only its estimate of the server's clock can set it right. */
async function joinWithSkewedClock(
  browser: Browser,
  link: string,
  name: string,
  shiftMs: number,
): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((shift) => {
    const RealDate = Date;
    const realNow = Date.now;
    class SkewedDate extends RealDate {
      constructor(...args: ConstructorParameters<typeof Date> | []) {
        if (args.length === 0) super(realNow() + shift);
        else super(...(args as ConstructorParameters<typeof Date>));
      }
      static override now(): number {
        return realNow() + shift;
      }
    }
    globalThis.Date = SkewedDate as DateConstructor;
  }, shiftMs);
  const page = await context.newPage();
  await joinIn(page, link, name);
  return page;
}

const countdown = (page: Page) => page.getByRole('timer', { name: 'Timer' });
const controls = (page: Page) => page.getByRole('dialog', { name: 'Timer' });
const timeUp = (page: Page) => page.getByRole('status').filter({ hasText: 'Time is up' });

/** "4:59" -> 299. */
function seconds(text: string): number {
  const match = /(\d+):(\d\d)/.exec(text);
  if (!match) throw new Error(`no countdown in ${JSON.stringify(text)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

async function shownText(page: Page): Promise<string> {
  return ((await countdown(page).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** What every page shows, read at (nearly) the same moment. */
function shownSeconds(pages: readonly Page[]): Promise<number[]> {
  return Promise.all(pages.map(async (page) => seconds(await shownText(page))));
}

function remainingMs(pages: readonly Page[]): Promise<(number | null)[]> {
  return Promise.all(pages.map((page) => page.evaluate(() => window.kompasTimer?.remainingMs() ?? null)));
}

function spread(values: readonly (number | null)[]): number {
  const numbers = values.map((value) => {
    if (value === null) throw new Error('a page shows no countdown');
    return value;
  });
  return Math.max(...numbers) - Math.min(...numbers);
}

test('everyone sees the same countdown, whatever their own clock says', async ({ browser }) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinWithSkewedClock(browser, board.links.participant, 'Pim', 90_000);
  const otto = await joinWithSkewedClock(browser, board.links.observer, 'Otto', -50_000);
  const everyone = [fay, pim, otto];
  const errors: Error[] = [];
  for (const page of everyone) page.on('pageerror', (error) => errors.push(error));

  for (const page of [pim, otto]) {
    await expect(page.getByRole('button', { name: 'Timer', exact: true })).toHaveCount(0);
  }
  for (const page of everyone) await expect(countdown(page)).toHaveCount(0);

  await fay.getByRole('button', { name: 'Timer', exact: true }).click();
  const panel = controls(fay);
  await panel.getByRole('button', { name: '2 min', exact: true }).click();
  await expect(panel.getByRole('button', { name: '2 min', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await panel.getByRole('button', { name: '5 min', exact: true }).click();
  await panel.getByRole('button', { name: 'Start' }).click();

  for (const page of everyone) {
    await expect(countdown(page)).toHaveText(/^\s*[45]:\d\d\s*$/);
    await expect.poll(() => page.evaluate(() => window.kompasTimer?.clockReady())).toBe(true);
  }
  const running = await remainingMs(everyone);
  expect(spread(running), `remaining ms: ${running.join(', ')}`).toBeLessThan(1000);
  for (const value of running) expect(value).toBeGreaterThan(4 * 60_000);
  expect(spread(await shownSeconds(everyone))).toBeLessThanOrEqual(1);

  await panel.getByRole('button', { name: 'Pause' }).click();
  for (const page of everyone) await expect(countdown(page)).toContainText('Paused');
  const frozen = await shownText(fay);
  for (const page of everyone) await expect(countdown(page)).toHaveText(frozen);
  expect(spread(await remainingMs(everyone))).toBe(0);

  await panel.getByRole('button', { name: '+1 min' }).click();
  const added = seconds(frozen) + 60;
  for (const page of everyone) {
    await expect.poll(async () => seconds(await shownText(page))).toBe(added);
  }

  await panel.getByRole('button', { name: 'Resume' }).click();
  for (const page of everyone) await expect(countdown(page)).not.toContainText('Paused');
  await panel.getByRole('button', { name: 'Reset' }).click();
  for (const page of everyone) await expect(countdown(page)).toHaveCount(0);
  await expect(panel.getByRole('button', { name: '5 min', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // Whole minutes are too long to wait for here: the hook starts a short countdown as the Start button does.
  await fay.evaluate(() => window.kompasTimer?.start(2000));
  for (const page of everyone) {
    await expect(timeUp(page)).toBeVisible();
    await expect(countdown(page)).toHaveText(/^\s*0:00\s*$/);
    await expect(countdown(page)).toHaveCSS('animation-name', 'pulse');
  }
  expect(errors).toEqual([]);
});

test('someone joining while the timer runs sees where it is, and only the facilitator has controls', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  await fay.getByRole('button', { name: 'Timer', exact: true }).click();
  await controls(fay).getByLabel('Custom minutes').fill('12');
  await controls(fay).getByRole('button', { name: 'Set' }).click();
  await expect(controls(fay).getByRole('button', { name: '10 min', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await controls(fay).getByRole('button', { name: 'Start' }).click();
  await expect(countdown(fay)).toHaveText(/^\s*1[12]:\d\d\s*$/);

  const pim = await joinWithSkewedClock(browser, board.links.participant, 'Pim', -120_000);
  await expect(countdown(pim)).toHaveText(/^\s*1[12]:\d\d\s*$/);
  await expect(timeUp(pim)).toHaveCount(0);
  expect(spread(await remainingMs([fay, pim]))).toBeLessThan(1000);
});
