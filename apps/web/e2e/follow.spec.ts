import { expect, type Page } from '@playwright/test';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Water board partners', task: 'Dry feet and clean water in the delta' };

interface Region {
  x: number;
  y: number;
  radius: number;
}

/** The part of the board a page shows: the board point at the canvas' centre and the radius around it. */
async function regionOf(page: Page): Promise<Region> {
  const region = await page.evaluate(() => window.kompas?.visibleRegion() ?? null);
  if (!region) throw new Error('no board on the page');
  return region;
}

/** How far apart two regions are, in board units: the larger of the centres' and the radii's difference. */
function gap(a: Region, b: Region): number {
  return Math.max(Math.hypot(a.x - b.x, a.y - b.y), Math.abs(a.radius - b.radius));
}

/** Polls until `page` shows (within a board unit) what `leader` shows. */
async function expectSameView(page: Page, leader: Page): Promise<void> {
  const target = await regionOf(leader);
  await expect.poll(async () => gap(await regionOf(page), target)).toBeLessThan(1);
}

/** Drags empty board space, as a person pans: from the canvas' middle by (dx, dy) pixels. */
async function pan(page: Page, dx: number, dy: number): Promise<void> {
  const box = await page.getByRole('application', { name: 'Workshop board' }).boundingBox();
  if (!box) throw new Error('no board on the page');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(x + (dx * i) / 8, y + (dy * i) / 8);
  await page.mouse.up();
}

const followers = (page: Page) => page.getByRole('status').filter({ hasText: /Following you: \d/ });
const peopleItem = (page: Page, text: string) =>
  page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: text });

test('the facilitator brings everyone to their view; a participant steps out and back in', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  const otto = await joinAsNewPerson(browser, board.links.observer, 'Otto');
  for (const page of [pim, otto]) {
    await expect(page.getByRole('button', { name: 'Bring everyone to my view' })).toHaveCount(0);
  }

  // Fay zooms in on Richten (right of the circle) before bringing everyone there.
  await fay.getByRole('button', { name: 'Zoom in' }).click();
  await fay.getByRole('button', { name: 'Zoom in' }).click();
  await pan(fay, -250, 120);
  const fayView = await regionOf(fay);
  expect(fayView.x).toBeGreaterThan(150);
  expect(gap(await regionOf(pim), fayView)).toBeGreaterThan(50);

  await fay.getByRole('button', { name: 'Bring everyone to my view' }).click();
  // An observer follows too, but their presence stays their own: Fay counts and lists the participants.
  await expect(followers(fay)).toHaveText('Following you: 1');
  for (const page of [pim, otto]) {
    await expect(page.getByRole('status').filter({ hasText: 'Following Fay' })).toBeVisible();
    await expectSameView(page, fay);
  }
  await expect(peopleItem(fay, 'Pim, following you')).toHaveCount(1);
  await expect(peopleItem(fay, 'Otto')).toHaveCount(0);

  // Where Fay goes, the others go too.
  await pan(fay, 200, 200);
  await fay.getByRole('button', { name: 'Zoom out' }).click();
  for (const page of [pim, otto]) await expectSameView(page, fay);

  // Pim looks around on his own: he stops following, and Fay sees it.
  await pan(pim, 150, -100);
  await expect(pim.getByRole('button', { name: 'Follow facilitator' })).toBeVisible();
  await expect(followers(fay)).toHaveText('Following you: 0');
  await expect(peopleItem(fay, 'Pim, following')).toHaveCount(0);
  const pimOwnView = await regionOf(pim);
  await pan(fay, -120, 0);
  await expectSameView(otto, fay);
  expect(gap(await regionOf(pim), pimOwnView)).toBeLessThan(0.01);

  // And back in.
  await pim.getByRole('button', { name: 'Follow facilitator' }).click();
  await expectSameView(pim, fay);
  await expect(followers(fay)).toHaveText('Following you: 1');

  // Otto stops with the button.
  await otto.getByRole('button', { name: 'Stop following' }).click();
  await expect(otto.getByRole('button', { name: 'Follow facilitator' })).toBeVisible();
  await expect(followers(fay)).toHaveText('Following you: 1');

  // Fay ends it for everyone.
  await fay.getByRole('button', { name: 'Stop bringing everyone' }).click();
  for (const page of [pim, otto]) {
    await expect(page.getByRole('button', { name: 'Follow facilitator' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Stop following' })).toHaveCount(0);
  }
  await expect(fay.getByRole('button', { name: 'Bring everyone to my view' })).toBeVisible();
  const pimLastView = await regionOf(pim);
  await pan(fay, 100, 100);
  await expect.poll(async () => gap(await regionOf(fay), pimLastView)).toBeGreaterThan(50);
  expect(gap(await regionOf(pim), pimLastView)).toBeLessThan(0.01);
});
