import { expect, type Page } from '@playwright/test';
import { noteItem, votingStatus } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, joinIn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = {
  title: 'Regionale zorgtafel Noord-Veluwe',
  task: 'Samen zorgen dat ouderen in Noord-Veluwe langer thuis kunnen wonen',
};

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const list = (page: Page) => page.locator('kompas-phone-board');

/** Whether the page is wider than the phone's screen, so that it scrolls sideways. */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) > window.innerWidth);

test('on a phone the board is a list per phase: read, add, edit and vote there, without sideways scrolling', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await fay.getByRole('button', { name: 'Next phase' }).click();
  await fay
    .getByRole('dialog', { name: 'Move on with open steps?' })
    .getByRole('button', { name: 'Move on' })
    .click();

  const noor = await (await browser.newContext(PHONE)).newPage();
  await joinIn(noor, board.links.participant, 'Noor');
  expect(await scrollsSideways(noor)).toBe(false);
  // No circle on a phone; the group's phase, Richten, opens first.
  await expect(noor.getByRole('application', { name: 'Workshop board' })).toHaveCount(0);
  await expect(list(noor).getByRole('tab', { name: /Richten/ })).toHaveAttribute('aria-selected', 'true');
  await expect(list(noor).getByRole('heading', { name: /Belangen/ })).toBeVisible();

  const text = 'Wij hebben 3 wijkteams en te weinig tijd voor huisbezoeken bij ouderen thuis';
  await list(noor).getByRole('button', { name: 'Add note to Belangen' }).tap();
  await list(noor).getByLabel('New note for Belangen').fill(text);
  await list(noor).getByRole('button', { name: 'Save' }).tap();
  const notes = list(noor).getByRole('list', { name: 'Notes in Belangen' });
  await expect(notes.getByRole('listitem').filter({ hasText: text })).toBeVisible();
  await expect(noteItem(fay, text)).toBeAttached();
  const onCanvas = await fay.evaluate(
    (wanted) => window.kompas?.notes().find((n) => n.text === wanted),
    text,
  );
  expect(onCanvas?.step).toBe('richten.belangen');
  expect(await scrollsSideways(noor)).toBe(false);

  await list(noor)
    .getByRole('button', { name: `Edit note: ${text}` })
    .tap();
  await list(noor).getByLabel('Note text').fill(`${text}, vooral in de avond`);
  await list(noor).getByRole('button', { name: 'Save' }).tap();
  await expect(noteItem(fay, `${text}, vooral in de avond`)).toBeAttached();

  // Fay opens a round on the current phase; on the phone the voting panel opens as a sheet over the list.
  await fay.getByRole('button', { name: 'Voting', exact: true }).click();
  await fay.getByRole('region', { name: 'Voting' }).getByRole('button', { name: 'Start voting' }).click();
  const dialog = fay.getByRole('dialog', { name: 'Start a voting round' });
  await dialog.getByLabel('Votes per person').fill('3');
  await dialog.getByRole('radio', { name: 'The current phase (Richten)' }).check();
  await dialog.getByRole('button', { name: 'Start voting' }).click();
  const sheet = noor.locator('kompas-voting-panel');
  await expect(sheet).toBeVisible();
  const box = await sheet.boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });
  await sheet.getByRole('button', { name: 'Close panel' }).tap();
  await expect(sheet).toHaveCount(0);

  await list(noor)
    .getByRole('button', { name: `Vote for ${text}, vooral in de avond` })
    .tap();
  await expect(votingStatus(noor)).toHaveText('Voting: 2 votes left');
  await expect(list(noor).getByText('Your votes: 1')).toBeAttached();
  await expect(fay.getByRole('region', { name: 'Voting' })).toContainText('1 vote cast so far');

  // Another phase is a tap away.
  await list(noor)
    .getByRole('tab', { name: /Verkennen/ })
    .tap();
  await expect(list(noor).getByRole('heading', { name: /Eigen situatie/ })).toBeVisible();
  await expect(list(noor).getByRole('heading', { name: /Belangen/ })).toHaveCount(0);
  expect(await scrollsSideways(noor)).toBe(false);
});

test('on a phone the steps panel is a closable sheet, and export is under More', async ({ browser }) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await (await browser.newContext(PHONE)).newPage();
  await joinIn(fay, board.links.facilitator, 'Fay');
  await fay.getByRole('button', { name: 'Start workshop' }).tap();
  expect(await scrollsSideways(fay)).toBe(false);

  await fay.getByRole('button', { name: 'Steps' }).tap();
  const sheet = fay.locator('kompas-steps-panel');
  expect(await sheet.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
  await expect(fay.getByRole('heading', { name: 'Steps of Verkennen' })).toBeVisible();
  await sheet.getByRole('button', { name: 'Close panel' }).tap();
  await expect(sheet).toHaveCount(0);

  await expect(fay.getByRole('button', { name: 'Export' })).toBeHidden();
  await fay.getByRole('button', { name: 'More' }).tap();
  const exportButton = fay.getByRole('button', { name: 'Export' });
  await expect(exportButton).toBeInViewport({ ratio: 1 });
  await exportButton.tap();
  await expect(fay.getByRole('menu', { name: 'Export' })).toBeInViewport({ ratio: 1 });
  expect(await scrollsSideways(fay)).toBe(false);
});
