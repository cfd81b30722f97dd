import { readFile } from 'node:fs/promises';
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

/** A browser of its own whose pages may copy to and read from the clipboard, as the Copy buttons do. */
async function joinWithClipboard(browser: Browser, link: string, name: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await joinIn(page, link, name);
  return page;
}

/** Presses the Copy button of a role's link in the open Invite panel and returns what reached the clipboard. */
async function copyLink(page: Page, role: string): Promise<string> {
  const panel = page.getByRole('dialog', { name: 'Invite people' });
  await panel.getByRole('button', { name: `Copy ${role} link` }).click();
  await expect(panel.getByRole('button', { name: `Copy ${role} link` })).toContainText('Copied');
  return page.evaluate(() => navigator.clipboard.readText());
}

function roleBadge(page: Page) {
  return page.locator('kompas-board-header .role');
}

test('the invite button’s links open the board in the right role', async ({ browser }) => {
  const board = await createBoard(server, { title: 'Zorgregio West', task: 'Samen de wijkzorg organiseren' });
  const fenna = await joinWithClipboard(browser, board.links.facilitator, 'Fenna');

  await fenna.getByRole('button', { name: 'Invite' }).click();
  const participantLink = await copyLink(fenna, 'participant');
  const observerLink = await copyLink(fenna, 'observer');
  await fenna.getByText('Link for a co-facilitator').click();
  const facilitatorLink = await copyLink(fenna, 'facilitator');
  expect(participantLink).toContain(`/b/${board.id}#token=`);

  // Each copied link, opened in a browser that never saw the board, joins in its own role.
  const joined = [
    { link: participantLink, name: 'Anouk (gemeente)', badge: 'Participant' },
    { link: observerLink, name: 'Otto', badge: 'View only' },
    { link: facilitatorLink, name: 'Femke', badge: 'Facilitator' },
  ];
  const pages: Page[] = [];
  for (const { link, name, badge } of joined) {
    const page = await joinAsNewPerson(browser, link, name);
    await expect(roleBadge(page)).toHaveText(badge);
    pages.push(page);
  }
  const [anouk, otto] = pages as [Page, Page];

  // A participant hands out the participant link only; an observer invites nobody.
  const bram = await joinWithClipboard(browser, board.links.participant, 'Bram');
  await bram.getByRole('button', { name: 'Invite' }).click();
  const panel = bram.getByRole('dialog', { name: 'Invite people' });
  await expect(panel.getByRole('button', { name: 'Copy participant link' })).toBeVisible();
  await expect(panel.getByRole('button', { name: /Copy (observer|facilitator) link/ })).toHaveCount(0);
  expect(await copyLink(bram, 'participant')).toBe(participantLink);
  await expect(otto.getByRole('button', { name: 'Invite' })).toHaveCount(0);
  await expect(anouk.getByRole('button', { name: 'Invite' })).toBeVisible();
});

test('the address in the bar opens the board and its replay again in this browser, and nowhere else', async ({
  browser,
}) => {
  const board = await createBoard(server, { title: 'Zorgregio Oost', task: '' });
  const anouk = await joinAsNewPerson(browser, board.links.participant, 'Anouk');
  const address = anouk.url();
  expect(address).toBe(`${server.url}/b/${board.id}`);

  // A new tab of the same browser (no session of its own) opens as the same person, without asking a name.
  const again = await anouk.context().newPage();
  await again.goto(address);
  await expect(again.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await expect(roleBadge(again)).toHaveText('Participant');
  await expect(again.getByLabel('Your name')).toBeHidden();

  const replay = await anouk.context().newPage();
  await replay.goto(`${address}/replay`);
  await expect(replay.getByRole('slider', { name: 'Time' })).toBeVisible();

  // Pasted into someone else's browser, the bare address gives no access.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(address);
  await expect(stranger.getByText('This link is not valid')).toBeVisible();
  await expect(stranger.getByText('opens the board only in a browser that has joined it')).toBeVisible();

  // The replay is also in the Export menu.
  await anouk.getByRole('button', { name: 'Export' }).click();
  await anouk.getByRole('menuitem', { name: /Replay the session/ }).click();
  await expect(anouk.getByRole('slider', { name: 'Time' })).toBeVisible();
  expect(anouk.url()).toBe(`${address}/replay`);
});

test('editing the task shows on another participant’s screen, and in the report', async ({ browser }) => {
  const board = await createBoard(server, { title: 'Zorgregio Noord', task: '' });
  const fenna = await joinAsNewPerson(browser, board.links.facilitator, 'Fenna');
  const anouk = await joinAsNewPerson(browser, board.links.participant, 'Anouk');
  await expect(anouk.getByTitle('Edit title and task')).toHaveCount(0);

  await fenna.getByTitle('Edit title and task').click();
  const dialog = fenna.getByRole('dialog', { name: 'Title and joint task' });
  // An empty title is refused, saying why, and what was typed stays.
  await dialog.getByLabel('Workshop title').fill('');
  await dialog
    .getByLabel('Joint task')
    .fill('Samen de wijkzorg organiseren, met de huisartsen en de gemeente');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('A title has 1 to 120 characters, on one line.');
  await expect(dialog.getByLabel('Joint task')).toHaveValue(
    'Samen de wijkzorg organiseren, met de huisartsen en de gemeente',
  );

  await dialog.getByLabel('Workshop title').fill('Zorgregio Noord 2025');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const header = anouk.locator('kompas-board-header');
  await expect(
    header.getByText('Samen de wijkzorg organiseren, met de huisartsen en de gemeente'),
  ).toBeVisible();
  await expect(header.getByRole('heading', { name: 'Zorgregio Noord 2025' })).toBeVisible();
  await expect(anouk).toHaveTitle('Zorgregio Noord 2025 · Kompas');

  await anouk.getByRole('button', { name: 'Export' }).click();
  const [saved] = await Promise.all([
    anouk.waitForEvent('download'),
    anouk.getByRole('menuitem', { name: 'Report (Markdown)' }).click(),
  ]);
  const report = await readFile((await saved.path()) ?? '', 'utf8');
  expect(report).toContain('Zorgregio Noord 2025');
  expect(report).toContain('Samen de wijkzorg organiseren, met de huisartsen en de gemeente');
});

test('the front page lists a workshop made on this device after a reload, with its links', async ({
  page,
}) => {
  await page.goto(server.url);
  await page.getByLabel('Workshop title').fill('Regionale zorgalliantie, startbijeenkomst');
  await page.getByRole('button', { name: 'Create workshop' }).click();
  await expect(page.getByRole('heading', { name: 'Share the links' })).toBeVisible();
  const shown = await page.getByRole('textbox', { name: 'Participant' }).first().inputValue();

  await page.reload();
  const list = page.locator('kompas-made-boards-list');
  await expect(list.getByRole('heading', { name: 'Your workshops on this device' })).toBeVisible();
  await expect(list.getByText('Regionale zorgalliantie, startbijeenkomst')).toBeVisible();
  await list.getByText('Invite links').click();
  await expect(list.getByRole('textbox', { name: 'Participant' })).toHaveValue(shown);

  await list.getByRole('link', { name: 'Open Regionale zorgalliantie, startbijeenkomst' }).click();
  await page.getByLabel('Your name').fill('Fenna');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(roleBadge(page)).toHaveText('Facilitator');
});
