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

/** Every screen the header is laid out for: wide, laptops, a tablet held upright and a phone. */
const ALL_SCREENS = [...SCREENS, { width: 768, height: 1024 }, { width: 390, height: 844 }];

interface Control {
  name: string;
  box: { x: number; y: number; width: number; height: number };
}

/**
 * The header's controls on screen, its shadow DOM and what is slotted into it (sharing, export, the timer)
 * included: buttons, links, menus, and the connection and role badges.
 */
function headerControls(page: Page): Promise<Control[]> {
  return header(page).evaluate((host) => {
    const selector = 'button, a[href], select, input, .role, kompas-connection-badge';
    const found: Element[] = [];
    const walk = (root: Element | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.matches(selector)) found.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(host);
    if (host.shadowRoot) walk(host.shadowRoot);
    return found
      .filter((element) => element.checkVisibility({ visibilityProperty: true }))
      .map((element) => {
        const { x, y, width, height } = element.getBoundingClientRect();
        const name = element.getAttribute('aria-label') ?? element.textContent?.trim().replace(/\s+/g, ' ');
        return { name: name || element.tagName.toLowerCase(), box: { x, y, width, height } };
      })
      .filter(({ box }) => box.width > 0 && box.height > 0);
  });
}

/** The pairs of controls drawn over each other (by more than a pixel each way), named. */
function overlaps(controls: readonly Control[]): string[] {
  const found: string[] = [];
  controls.forEach((a, i) => {
    for (const b of controls.slice(i + 1)) {
      const across = Math.min(a.box.x + a.box.width, b.box.x + b.box.width) - Math.max(a.box.x, b.box.x);
      const down = Math.min(a.box.y + a.box.height, b.box.y + b.box.height) - Math.max(a.box.y, b.box.y);
      const inside = (outer: Control, inner: Control) =>
        inner.box.x >= outer.box.x &&
        inner.box.y >= outer.box.y &&
        inner.box.x + inner.box.width <= outer.box.x + outer.box.width &&
        inner.box.y + inner.box.height <= outer.box.y + outer.box.height;
      // A control within another (a badge's own button) is one control, not two on top of each other.
      if (across > 1 && down > 1 && !inside(a, b) && !inside(b, a)) found.push(`"${a.name}" and "${b.name}"`);
    }
  });
  return found;
}

/** The controls reaching past the window's left or right edge, named. */
function offScreen(controls: readonly Control[], width: number): string[] {
  return controls
    .filter(({ box }) => box.x < -1 || box.x + box.width > width + 1)
    .map(({ name }) => `"${name}"`);
}

/** Lets the header settle into its layout for the screen: two frames. */
function settled(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

test('no two header controls overlap or leave the screen, for a facilitator and a participant, in Dutch and English', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const people: { page: Page; who: string }[] = [];
  for (const locale of ['nl-NL', 'en-US']) {
    for (const [who, link] of [
      ['facilitator', board.links.facilitator],
      ['participant', board.links.participant],
    ] as const) {
      const page = await (await browser.newContext({ locale })).newPage();
      await page.goto(link);
      await page.getByRole('dialog').getByRole('textbox').fill(`${who} ${locale}`);
      await page.getByRole('dialog').getByRole('button').last().click();
      await expect(header(page).locator('.role')).toBeVisible();
      people.push({ page, who: `${who}, ${locale}` });
    }
  }
  const [first] = people;
  if (!first) return;
  // The Dutch facilitator starts the workshop: the phase controls and the timer join the header.
  await first.page.getByRole('button', { name: 'Workshop starten' }).click();

  for (const screen of ALL_SCREENS) {
    for (const { page, who } of people) {
      await page.setViewportSize(screen);
      await settled(page);
      const where = `${who} at ${screen.width}x${screen.height}`;
      const controls = await headerControls(page);
      expect(overlaps(controls), where).toEqual([]);
      expect(offScreen(controls, screen.width), where).toEqual([]);
      const more = header(page).getByRole('button', { name: /^(More|Meer)$/ });
      if (await more.isVisible()) {
        await more.click();
        await settled(page);
        const opened = await headerControls(page);
        expect(overlaps(opened), `${where}, "More" open`).toEqual([]);
        expect(offScreen(opened, screen.width), `${where}, "More" open`).toEqual([]);
        await more.click();
      }
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
