import { expect, type Page } from '@playwright/test';
import { addNoteIn, pointOfStep, voteFor } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

test.use({ viewport: { width: 1440, height: 900 } });

const WORKSHOP = { title: 'Zorg in de regio', task: 'Eén loket voor mantelzorgers' };
const SHORT = 'Wij hebben 3 wijkteams en te weinig tijd';
const LONG =
  'Zorgopleidingen in de regio leiden nu te weinig mensen op voor de wijkteams. We willen samen met het ' +
  'ROC en de gemeente een leerwerkplek inrichten, zodat studenten al tijdens hun opleiding meedraaien.';

async function noteId(page: Page, text: string): Promise<string> {
  const id = await page.evaluate((wanted) => window.kompas?.notes().find((n) => n.text === wanted)?.id, text);
  if (!id) throw new Error(`note "${text}" is not on the canvas`);
  return id;
}

/** The size a note's text is drawn at on screen, in CSS pixels. */
async function screenFontSize(page: Page, id: string): Promise<number> {
  return page.evaluate((note) => {
    const hooks = window.kompas;
    const size = hooks?.noteFontSize(note);
    if (!hooks || size == null) throw new Error(`note ${note} is not on the canvas`);
    return size * hooks.viewport().scale;
  }, id);
}

const focusPhase = (page: Page) => page.getByRole('button', { name: 'Focus on phase' }).click();
const scale = (page: Page) => page.evaluate(() => window.kompas?.viewport().scale ?? 0);

test('focusing on the current phase shows short notes at a readable size', async ({ browser }) => {
  expect(SHORT.length).toBeLessThanOrEqual(40);
  expect(LONG.length).toBe(200);
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await addNoteIn(fay, 'verkennen.partners', SHORT);
  const id = await noteId(fay, SHORT);
  const fitted = await scale(fay);
  expect(await screenFontSize(fay, id)).toBeLessThan(12);

  await focusPhase(fay);
  expect(await scale(fay)).toBeGreaterThan(fitted * 2);
  expect(await screenFontSize(fay, id)).toBeGreaterThanOrEqual(12);
  expect(await fay.evaluate((note) => window.kompas?.noteText(note)?.cut, id)).toBe(false);
  // The whole phase is on screen: its first and last step.
  for (const step of ['verkennen.eigen-situatie', 'verkennen.opgave']) {
    const point = await pointOfStep(fay, step, 1);
    expect(point.x).toBeGreaterThan(0);
    expect(point.x).toBeLessThan(1440);
    expect(point.y).toBeGreaterThan(0);
    expect(point.y).toBeLessThan(900);
  }
});

test('a long note shows all its text, in whole words, and opens to a card with author and votes', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await addNoteIn(pim, 'verkennen.eigen-situatie', LONG);
  const id = await noteId(pim, LONG);

  await focusPhase(pim);
  const drawn = await pim.evaluate((note) => window.kompas?.noteText(note), id);
  expect(drawn?.cut).toBe(false);
  expect(drawn?.lines.join(' ')).toBe(LONG);
  // Lines break between words only: every line is made of the text's words.
  const words = new Set(LONG.split(' '));
  for (const line of drawn?.lines ?? []) {
    for (const word of line.split(' ')) expect(words.has(word)).toBe(true);
  }
  expect(drawn?.lines.some((line) => line.startsWith('Zorgopleidingen '))).toBe(true);

  // A vote for it, with results shown live.
  const panel = fay.getByRole('region', { name: 'Voting' });
  await fay.getByRole('button', { name: 'Voting', exact: true }).click();
  await panel.getByRole('button', { name: 'Start voting' }).click();
  const dialog = fay.getByRole('dialog', { name: 'Start a voting round' });
  await dialog.getByRole('radio', { name: 'Shown live as votes come in' }).check();
  await dialog.getByRole('button', { name: 'Start voting' }).click();
  await voteFor(fay, LONG).click();

  // Pim clicks the note: its card has the whole text, who wrote it and its vote.
  const centre = await pim.evaluate((note) => window.kompas?.notePosition(note), id);
  if (!centre) throw new Error('the note is not on the canvas');
  await pim.mouse.click(centre.x, centre.y);
  const card = pim.getByRole('dialog', { name: 'Note by Pim' });
  await expect(card).toContainText(LONG);
  await expect(card).toContainText('Pim');
  await expect(card).toContainText('1 vote');
  const fontSize = await card
    .getByText(LONG)
    .evaluate((text) => Number.parseFloat(getComputedStyle(text).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(14);

  // The note's menu is in the card; Escape closes it, Enter opens it again and Enter once more edits.
  await card.getByRole('button', { name: 'Color pink' }).click();
  await expect
    .poll(() => pim.evaluate((note) => window.kompas?.notes().find((n) => n.id === note)?.color, id))
    .toBe('pink');
  await pim.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await pim.keyboard.press('Enter');
  await expect(card).toBeVisible();
  await pim.keyboard.press('Enter');
  await expect(card).toBeHidden();
  await expect(pim.getByLabel('Note text')).toHaveValue(LONG);
  await pim.keyboard.press('Escape');

  // An observer, who cannot change notes, opens it too.
  const otto = await joinAsNewPerson(browser, board.links.observer, 'Otto');
  await expect.poll(() => otto.evaluate((note) => window.kompas?.notePosition(note) != null, id)).toBe(true);
  await focusPhase(otto);
  const onOtto = await otto.evaluate((note) => window.kompas?.notePosition(note), id);
  if (!onOtto) throw new Error('the note is not on the canvas');
  await otto.mouse.click(onOtto.x, onOtto.y);
  const ottoCard = otto.getByRole('dialog', { name: 'Note by Pim' });
  await expect(ottoCard).toContainText(LONG);
  await expect(ottoCard.getByRole('button', { name: 'Delete note' })).toHaveCount(0);
});

test('a step’s name focuses on the step; a leading facilitator brings everyone to the focused phase', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  await fay.getByRole('button', { name: 'Start workshop' }).click();

  // Double-clicking the name of Partners (near the rim) zooms to that step, and writes no note.
  const label = await pointOfStep(pim, 'verkennen.partners', 0.93);
  await pim.mouse.dblclick(label.x, label.y);
  await expect(pim.getByLabel('Note text')).toHaveCount(0);
  const region = await pim.evaluate(() => window.kompas?.visibleRegion());
  const middle = await pim.evaluate(() => {
    const hooks = window.kompas;
    const centre = hooks?.visibleRegion();
    return centre ? { x: centre.x, y: centre.y } : null;
  });
  expect(region?.radius ?? 0).toBeLessThan(520);
  // The step's middle (at 45°, halfway out) is near the middle of the screen.
  const stepMiddle = { x: 620 * Math.sin(Math.PI / 4), y: -620 * Math.cos(Math.PI / 4) };
  expect(Math.hypot((middle?.x ?? 0) - stepMiddle.x, (middle?.y ?? 0) - stepMiddle.y)).toBeLessThan(120);

  await fay.getByRole('button', { name: 'Bring everyone to my view' }).click();
  await expect(pim.getByRole('status').filter({ hasText: 'Following Fay' })).toBeVisible();
  await focusPhase(fay);
  const fayRegion = await fay.evaluate(() => window.kompas?.visibleRegion());
  if (!fayRegion) throw new Error('no board');
  await expect
    .poll(async () => {
      const pimRegion = await pim.evaluate(() => window.kompas?.visibleRegion());
      return pimRegion ? Math.hypot(pimRegion.x - fayRegion.x, pimRegion.y - fayRegion.y) : Infinity;
    })
    .toBeLessThan(1);
  await expect(pim.getByRole('status').filter({ hasText: 'Following Fay' })).toBeVisible();
});
