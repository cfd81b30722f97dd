import { slicePositionToPoint } from '@kompas/model';
import { type BrowserContext, expect, type Page } from '@playwright/test';
import { noteItem } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinIn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = {
  title: 'Regionale zorgtafel Noord-Veluwe',
  task: 'Samen zorgen dat ouderen in Noord-Veluwe langer thuis kunnen wonen, met één loket voor zorg en welzijn',
};

const SCREENS = [
  { width: 1920, height: 1080 },
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

const header = (page: Page) => page.locator('kompas-board-header');

/** Whether an element's text is cut off: wider than its box, or hidden behind an ellipsis. */
const clipped = (page: Page, selector: string) =>
  header(page)
    .locator(selector)
    .evaluate((element) => element.scrollWidth > element.clientWidth);

/** The part of an element outside the window, in CSS pixels; 0 when it is wholly inside. */
async function outsideWindow(page: Page, element: ReturnType<Page['locator']>): Promise<number> {
  const box = await element.boundingBox();
  if (!box) throw new Error('the element is not shown');
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  return Math.max(0, -box.x, -box.y, box.x + box.width - width, box.y + box.height - height);
}

async function expectWholeHeader(page: Page, role: string): Promise<void> {
  await expect(header(page).locator('h1')).toHaveText(WORKSHOP.title);
  await expect(header(page).locator('h1')).toBeVisible();
  expect(await clipped(page, 'h1')).toBe(false);
  const badge = header(page).getByText(role, { exact: true });
  await expect(badge).toBeVisible();
  expect(await outsideWindow(page, badge)).toBe(0);
  // Export is named by a label anyone can read, not only by a tooltip.
  const exportButton = page.getByRole('button', { name: 'Export' });
  await expect(exportButton.getByText('Export', { exact: true })).toBeVisible();
  for (const button of await header(page).getByRole('button').all()) {
    if (!(await button.isVisible())) continue;
    expect(await outsideWindow(page, button), (await button.textContent()) ?? '').toBe(0);
  }
}

test('the whole header shows, labelled, at 1920, 1440 and 1280 px, for a facilitator and a participant', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await (await browser.newContext()).newPage();
  const pim = await (await browser.newContext()).newPage();
  await joinIn(fay, board.links.facilitator, 'Anouk (gemeente)');
  await joinIn(pim, board.links.participant, 'Pim de Vries');
  await fay.getByRole('button', { name: 'Start workshop' }).click();

  for (const screen of SCREENS) {
    await fay.setViewportSize(screen);
    await pim.setViewportSize(screen);
    await expectWholeHeader(fay, 'Facilitator');
    await expectWholeHeader(pim, 'Participant');
    for (const name of [
      'Previous phase',
      'Next phase',
      'Timer',
      'Steps',
      'Voting',
      'Add note',
      'Undo',
      'Redo',
    ]) {
      await expect(fay.getByRole('button', { name, exact: true })).toBeVisible();
    }
  }
});

test('the steps and voting panels close with their own button', async ({ browser }) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await (await browser.newContext()).newPage();
  await joinIn(fay, board.links.facilitator, 'Fay');
  await fay.getByRole('button', { name: 'Start workshop' }).click();

  await fay.getByRole('button', { name: 'Steps' }).click();
  const diagnosis = fay.getByRole('region', { name: 'Diagnosis' });
  await expect(diagnosis).toBeVisible();
  await fay.locator('kompas-steps-panel').getByRole('button', { name: 'Close panel' }).click();
  await expect(diagnosis).toHaveCount(0);
  await expect(fay.getByRole('button', { name: 'Steps' })).toHaveAttribute('aria-pressed', 'false');

  await fay.getByRole('button', { name: 'Voting', exact: true }).click();
  const voting = fay.getByRole('region', { name: 'Voting' });
  await expect(voting).toBeVisible();
  await fay.locator('kompas-voting-panel').getByRole('button', { name: 'Close panel' }).click();
  await expect(voting).toHaveCount(0);
});

/** A touch screen the size of a tablet held sideways. */
async function tablet(context: () => Promise<BrowserContext>, link: string, name: string): Promise<Page> {
  const page = await (await context()).newPage();
  await joinIn(page, link, name);
  return page;
}

/** Touches the screen with fingers moving from `from` to `to` in steps, as a drag or, with two, a pinch. */
async function swipe(
  page: Page,
  from: readonly { x: number; y: number }[],
  to: readonly { x: number; y: number }[],
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const at = (progress: number) =>
    from.map((start, index) => {
      const end = to[index] ?? start;
      return {
        x: start.x + (end.x - start.x) * progress,
        y: start.y + (end.y - start.y) * progress,
        id: index,
      };
    });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i / 10) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

test('on a touch tablet a double tap writes a note, a tap selects it, a finger drags it and a pinch zooms', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const touch = { viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: false };
  const pim = await tablet(() => browser.newContext(touch), board.links.participant, 'Pim');

  const spot = slicePositionToPoint('verkennen.eigen-situatie', { r: 0.55, t: 0.5 });
  const point = await pim.evaluate(({ x, y }) => window.kompas?.boardToScreen(x, y), spot);
  if (!point) throw new Error('the board is not shown');
  await pim.touchscreen.tap(point.x, point.y);
  await pim.touchscreen.tap(point.x + 6, point.y + 4);
  const editor = pim.getByLabel('Note text');
  await expect(editor).toBeFocused();
  // No Escape key on a tablet: the hint tells how a note is saved there.
  await expect(pim.locator('kompas-note-editor')).toContainText('Tap outside to save');
  await expect(pim.locator('kompas-note-editor')).not.toContainText('Esc');
  await editor.fill('Wijkteams delen één overleg');
  await pim.touchscreen.tap(40, 700);
  await expect(noteItem(pim, 'Wijkteams delen één overleg')).toBeAttached();
  const note = await pim.evaluate(() =>
    window.kompas?.notes().find((n) => n.text === 'Wijkteams delen één overleg'),
  );
  expect(note?.step).toBe('verkennen.eigen-situatie');
  if (!note) return;

  await pim.touchscreen.tap(40, 700);
  await expect(pim.getByRole('button', { name: 'Color pink' })).toHaveCount(0);
  await pim.touchscreen.tap(note.x, note.y);
  await expect(pim.getByRole('button', { name: 'Color pink' })).toBeVisible();

  const target = slicePositionToPoint('verkennen.partners', { r: 0.55, t: 0.5 });
  const to = await pim.evaluate(({ x, y }) => window.kompas?.boardToScreen(x, y), target);
  if (!to) throw new Error('the board is not shown');
  await swipe(pim, [note], [to]);
  await expect
    .poll(() => pim.evaluate((id) => window.kompas?.notes().find((n) => n.id === id)?.step, note.id))
    .toBe('verkennen.partners');

  const before = await pim.evaluate(() => window.kompas?.viewport().scale ?? 0);
  await swipe(
    pim,
    [
      { x: 480, y: 450 },
      { x: 560, y: 450 },
    ],
    [
      { x: 380, y: 450 },
      { x: 660, y: 450 },
    ],
  );
  await expect
    .poll(() => pim.evaluate(() => window.kompas?.viewport().scale ?? 0))
    .toBeGreaterThan(before * 2);

  for (const button of await pim.locator('kompas-board-header').getByRole('button').all()) {
    const box = await button.boundingBox();
    if (box) expect(box.height, (await button.textContent()) ?? '').toBeGreaterThanOrEqual(36);
  }
});
