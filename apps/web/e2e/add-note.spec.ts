import { expect, type Page } from '@playwright/test';
import { addNoteIn, noteItem } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, moveOn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Zorg in de regio', task: 'Eén loket voor mantelzorgers' };

const editor = (page: Page) => page.getByLabel('Note text');
const stepButton = (page: Page, step: string) =>
  page.getByRole('group', { name: /^Step of / }).getByRole('button', { name: step, exact: true });
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Selected note' });

/** The step of the note with `text`, as the board shows it. */
function stepOf(page: Page, text: string): Promise<string | undefined> {
  return page.evaluate((wanted) => window.kompas?.notes().find((note) => note.text === wanted)?.step, text);
}

/** "Add note", typed and saved with Enter; waits until the board shows the note. */
async function addNote(page: Page, text: string, step?: string): Promise<void> {
  await page.getByRole('button', { name: 'Add note' }).click();
  if (step) await stepButton(page, step).click();
  await editor(page).fill(text);
  await editor(page).press('Enter');
  await expect.poll(() => stepOf(page, text)).toBeDefined();
}

test('"Add note" writes into the current phase and the editor names the step', async ({ browser }) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');

  // Before the workshop starts, notes go to Verkennen.
  await pim.getByRole('button', { name: 'Add note' }).click();
  await expect(editor(pim)).toHaveAccessibleDescription('Eigen situatie · Verkennen');
  await expect(stepButton(pim, 'Eigen situatie')).toHaveAttribute('aria-pressed', 'true');
  await editor(pim).fill('Wij hebben drie wijkteams en te weinig casemanagers');
  await editor(pim).press('Enter');
  await expect
    .poll(() => stepOf(fay, 'Wij hebben drie wijkteams en te weinig casemanagers'))
    .toBe('verkennen.eigen-situatie');

  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await moveOn(fay);
  await expect(pim.getByText('Now: Richten — Set direction (round 1)')).toBeVisible();

  // During Richten, "Add note" offers Richten's steps, the first pressed.
  await pim.getByRole('button', { name: 'Add note' }).click();
  await expect(editor(pim)).toHaveAccessibleDescription('Belangen · Richten');
  await expect(stepButton(pim, 'Belangen')).toHaveAttribute('aria-pressed', 'true');
  await expect(stepButton(pim, 'Eigen situatie')).toHaveCount(0);
  await editor(pim).fill('De gemeente wil minder indicaties');
  await editor(pim).press('Enter');
  await expect.poll(() => stepOf(fay, 'De gemeente wil minder indicaties')).toBe('richten.belangen');
  // The new note is not left selected, so no toolbar stays over the board.
  await expect(toolbar(pim)).toHaveCount(0);

  // Another step of the phase is one press away; what was typed before the press stays.
  await pim.getByRole('button', { name: 'Add note' }).click();
  await editor(pim).fill('Samen één ingang');
  await stepButton(pim, 'Gezamenlijke ambitie').click();
  await expect(editor(pim)).toBeFocused();
  await expect(editor(pim)).toHaveValue('Samen één ingang');
  await expect(editor(pim)).toHaveAccessibleDescription('Gezamenlijke ambitie · Richten');
  await editor(pim).press('Enter');
  await expect.poll(() => stepOf(fay, 'Samen één ingang')).toBe('richten.ambitie');

  // The next note goes where the last one went.
  await addNote(pim, 'Iedereen houdt de regie over zijn eigen zorg');
  expect(await stepOf(pim, 'Iedereen houdt de regie over zijn eigen zorg')).toBe('richten.ambitie');
  await expect(noteItem(fay, 'Iedereen houdt de regie over zijn eigen zorg')).toBeAttached();
});

test('double-clicking a step still writes into it, and a locked current phase is said', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await moveOn(fay);

  // Double-clicking a step of another phase writes there, and the editor says so.
  await addNoteIn(pim, 'inrichten.vorm', 'Een stichting of een convenant?');
  expect(await stepOf(pim, 'Een stichting of een convenant?')).toBe('inrichten.vorm');
  await expect(toolbar(pim)).toHaveCount(0);

  // Selecting a note shows its toolbar; pressing outside the board puts it away.
  const note = await pim.evaluate(() => window.kompas?.notes()[0]);
  if (!note) throw new Error('no note on the board');
  await pim.mouse.click(note.x, note.y);
  await expect(toolbar(pim)).toBeVisible();
  await pim.getByLabel('Current phase').click();
  await expect(toolbar(pim)).toHaveCount(0);

  // With the whole board locked, "Add note" says why instead of writing elsewhere.
  await fay.getByRole('button', { name: 'Lock', exact: true }).click();
  await fay.getByRole('menuitemradio', { name: 'Lock whole board' }).click();
  await expect(pim.getByRole('status').filter({ hasText: 'Board locked' })).toBeVisible();
  await pim.getByRole('button', { name: 'Add note' }).click();
  await expect(pim.getByRole('alert').filter({ hasText: /locked the board/ })).toBeVisible();
  await expect(editor(pim)).toHaveCount(0);
});

test('announcements stack instead of covering each other', async ({ browser }) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await fay.getByRole('button', { name: 'Start silent brainstorm' }).click();
  await moveOn(fay);

  const phase = pim.getByText('Now: Richten — Set direction (round 1)');
  const brainstorm = pim.getByRole('region', { name: 'Silent brainstorm' });
  await expect(phase).toBeVisible();
  await expect(brainstorm).toBeVisible();
  const [a, b] = await Promise.all([phase.boundingBox(), brainstorm.boundingBox()]);
  if (!a || !b) throw new Error('an announcement has no box');
  const apart =
    a.y + a.height <= b.y || b.y + b.height <= a.y || a.x + a.width <= b.x || b.x + b.width <= a.x;
  expect(apart, `phase ${JSON.stringify(a)} and brainstorm ${JSON.stringify(b)} overlap`).toBe(true);
});
