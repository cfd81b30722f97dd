import { slicePositionToPoint } from '@kompas/model';
import { type Browser, expect, type Page } from '@playwright/test';
import { KompasProcess } from './server.ts';
import { test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

async function openAs(browser: Browser, link: string, name: string | null): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  if (name !== null) {
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
  }
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  return page;
}

function notesList(page: Page) {
  return page.getByRole('list', { name: 'Notes' });
}

/** Ann's note, listed under the step of Richten it was dragged to. */
function inInterests(page: Page) {
  return page
    .getByRole('list', { name: 'Notes in Belangen · Interests' })
    .getByRole('listitem')
    .filter({ hasText: 'Who pays' });
}

/** Drags a note on the canvas to the middle of a step's slice, as a person does with the mouse. */
async function dragNoteToStep(page: Page, noteText: string, stepId: string): Promise<void> {
  const from = await page.evaluate((text) => {
    const note = window.kompas?.notes().find((n) => n.text === text);
    return note ? { x: note.x, y: note.y } : null;
  }, noteText);
  expect(from, `note "${noteText}" on the canvas`).not.toBeNull();
  const to = await screenPointOfStep(page, stepId);
  if (!from) return;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(from.x + ((to[0] - from.x) * i) / 10, from.y + ((to[1] - from.y) * i) / 10);
  }
  await page.mouse.up();
}

test('two people share one board live; an observer only watches; a restart loses nothing', async ({
  browser,
}) => {
  const facilitatorPage = await (await browser.newContext()).newPage();
  await facilitatorPage.goto(server.url);
  await facilitatorPage.getByLabel('Workshop title').fill('Regional care network');
  await facilitatorPage.getByLabel('Joint task').fill('Keep elderly people at home for longer');
  await facilitatorPage.getByRole('button', { name: 'Create workshop' }).click();
  const participantLink = await facilitatorPage.getByLabel('Participant', { exact: true }).inputValue();
  const observerLink = await facilitatorPage.getByLabel('Observer', { exact: true }).inputValue();
  expect(participantLink).toContain('#token=');

  await facilitatorPage.getByRole('link', { name: /Open board as facilitator/ }).click();
  await facilitatorPage.getByLabel('Your name').fill('Ann');
  await facilitatorPage.getByRole('button', { name: 'Join' }).click();
  const ann = facilitatorPage;
  await expect(ann.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await expect(ann.getByText('Keep elderly people at home for longer').first()).toBeVisible();

  const bea = await openAs(browser, participantLink, 'Bea');

  // A note Ann adds appears at Bea's.
  await ann.getByRole('button', { name: 'Add note' }).click();
  await ann.getByLabel('Note text').fill('Who pays for home care?');
  await ann.getByLabel('Note text').press('Enter');
  await expect(notesList(bea).getByText(/Who pays for home care\?/)).toBeAttached();
  await expect(notesList(bea).getByRole('listitem').filter({ hasText: 'Who pays' })).toContainText('by Ann');

  // Bea drags it into a step of another phase (Richten: interests); Ann sees it move.
  await dragNoteToStep(bea, 'Who pays for home care?', 'richten.belangen');
  await expect(inInterests(ann)).toContainText('by Ann');
  await expect(inInterests(bea)).toContainText('by Ann');

  // Ann's cursor shows at Bea's, with her name, at the same board point.
  const annTarget = await ann.evaluate(() => {
    const hooks = window.kompas;
    if (!hooks) throw new Error('no test hooks');
    return { screen: hooks.boardToScreen(300, -500), board: { x: 300, y: -500 } };
  });
  await ann.mouse.move(annTarget.screen.x, annTarget.screen.y);
  await expect
    .poll(async () => bea.evaluate(() => window.kompas?.remoteCursors() ?? []))
    .toContainEqual(expect.objectContaining({ name: 'Ann' }));
  const annAtBea = (await bea.evaluate(() => window.kompas?.remoteCursors() ?? [])).find(
    (c) => c.name === 'Ann',
  );
  expect(Math.abs((annAtBea?.x ?? 0) - 300)).toBeLessThan(2);
  expect(Math.abs((annAtBea?.y ?? 0) + 500)).toBeLessThan(2);
  await expect(bea.getByRole('list', { name: 'People' }).getByText('Ann')).toBeVisible();

  // An observer sees everything live and cannot add a note.
  const observer = await openAs(browser, observerLink, 'Olaf');
  await expect(notesList(observer).getByText(/Who pays for home care\?/)).toBeAttached();
  await expect(observer.getByRole('button', { name: 'Add note' })).toHaveCount(0);
  await expect(observer.getByText('View only').first()).toBeVisible();
  await observer.mouse.dblclick(...(await screenPointOfStep(observer, 'verkennen.partners')));
  await expect(observer.getByLabel('Note text')).toHaveCount(0);
  await bea.getByRole('button', { name: 'Add note' }).click();
  await bea.getByLabel('Note text').fill('Housing corporations');
  await bea.getByLabel('Note text').press('Enter');
  await expect(notesList(observer).getByText(/Housing corporations/)).toBeAttached();

  // The server restarts; everyone reconnects by itself and every note is still there.
  await server.stop();
  await expect(ann.getByRole('status').filter({ hasText: /Reconnecting|Offline/ })).toBeVisible();
  await ann.getByRole('button', { name: 'Add note' }).click();
  await ann.getByLabel('Note text').fill('Written while the server was away');
  await ann.getByLabel('Note text').press('Enter');
  await server.restart();
  for (const page of [ann, bea, observer]) {
    await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 20_000 });
    await expect(notesList(page).getByRole('listitem')).toHaveCount(3);
  }
  await expect(notesList(bea).getByText(/Written while the server was away/)).toBeAttached();

  // A fresh visitor after the restart loads everything from storage.
  const late = await openAs(browser, participantLink, 'Cas');
  await expect(notesList(late).getByRole('listitem')).toHaveCount(3);
  await expect(inInterests(late)).toContainText('by Ann');
});

async function screenPointOfStep(page: Page, stepId: string): Promise<[number, number]> {
  const board = slicePositionToPoint(stepId, { r: 0.55, t: 0.5 });
  const point = await page.evaluate(({ x, y }) => {
    const hooks = window.kompas;
    if (!hooks) throw new Error('no test hooks');
    return hooks.boardToScreen(x, y);
  }, board);
  return [point.x, point.y];
}
