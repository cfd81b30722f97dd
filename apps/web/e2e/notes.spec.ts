import { createNote, notesType } from '@kompas/model';
import { expect, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { addNote, noteItem } from './board-actions.ts';
import { addToDeviceStore, deviceStoreHolds } from './device-store.ts';
import { KompasProcess } from './server.ts';
import { type CreatedBoard, createBoard, joinAsNewPerson, joinIn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Library partners', task: 'A reading programme for the region' };

function newBoard(): Promise<CreatedBoard> {
  return createBoard(server, WORKSHOP);
}

async function noteOnCanvas(page: Page, text: string): Promise<{ x: number; y: number; id: string }> {
  const note = await page.evaluate((wanted) => window.kompas?.notes().find((n) => n.text === wanted), text);
  if (!note) throw new Error(`note "${text}" is not on the canvas`);
  return note;
}

test('a note is edited in place and recoloured by anyone, deleted by its author, and the others see each change', async ({
  browser,
}) => {
  const board = await newBoard();
  const ann = await (await browser.newContext()).newPage();
  const bea = await (await browser.newContext()).newPage();
  await joinIn(ann, board.links.facilitator, 'Ann');
  await joinIn(bea, board.links.participant, 'Bea');

  await addNote(ann, 'Libraries in every village');
  await expect(noteItem(bea, 'Libraries in every village')).toBeAttached();

  const note = await noteOnCanvas(bea, 'Libraries in every village');
  await bea.mouse.dblclick(note.x, note.y);
  await bea.getByLabel('Note text').fill('Libraries in every town');
  await bea.getByLabel('Note text').press('Enter');
  await expect(noteItem(ann, 'Libraries in every town')).toBeAttached();
  await expect(noteItem(ann, 'Libraries in every village')).toHaveCount(0);

  const colorAt = (page: Page) =>
    page.evaluate((id) => window.kompas?.notes().find((n) => n.id === id)?.color, note.id);
  expect(await colorAt(ann)).not.toBe('pink');
  await bea.mouse.click(note.x, note.y);
  await bea.getByRole('button', { name: 'Color pink' }).click();
  await expect.poll(() => colorAt(ann)).toBe('pink');

  // Only its author (or a facilitator) deletes a note: Bea may change Ann's note, not delete it.
  await expect(bea.getByRole('button', { name: 'Color pink' })).toBeVisible();
  await expect(bea.getByRole('button', { name: 'Delete note' })).toHaveCount(0);
  const onAnnsScreen = await noteOnCanvas(ann, 'Libraries in every town');
  await ann.mouse.click(onAnnsScreen.x, onAnnsScreen.y);
  await ann.getByRole('button', { name: 'Delete note' }).click();
  await expect(noteItem(ann, 'Libraries in every town')).toHaveCount(0);
  await expect(noteItem(bea, 'Libraries in every town')).toHaveCount(0);
});

test('undo and redo take back only your own changes', async ({ browser }) => {
  const board = await newBoard();
  const ann = await (await browser.newContext()).newPage();
  const bea = await (await browser.newContext()).newPage();
  await joinIn(ann, board.links.facilitator, 'Ann');
  await joinIn(bea, board.links.participant, 'Bea');

  await addNote(ann, 'Ann writes this');
  await addNote(bea, 'Bea writes that');
  await expect(noteItem(ann, 'Bea writes that')).toBeAttached();

  await ann.getByRole('button', { name: 'Undo' }).click();
  await expect(noteItem(bea, 'Ann writes this')).toHaveCount(0);
  await expect(noteItem(ann, 'Bea writes that')).toBeAttached();
  await expect(noteItem(bea, 'Bea writes that')).toBeAttached();

  await ann.getByRole('button', { name: 'Redo' }).click();
  await expect(noteItem(bea, 'Ann writes this')).toBeAttached();

  await ann.keyboard.press('Control+z');
  await expect(noteItem(bea, 'Ann writes this')).toHaveCount(0);
  await expect(noteItem(ann, 'Bea writes that')).toBeAttached();
});

test('a name is asked once and remembered', async ({ browser }) => {
  const board = await newBoard();
  const context = await browser.newContext();
  const page = await context.newPage();
  await joinIn(page, board.links.participant, 'Daan');
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await expect(page.getByLabel('Your name')).toBeHidden();
  await expect(page.getByRole('list', { name: 'People' }).getByText('Daan')).toBeVisible();
});

test('a forged or unknown link explains itself instead of showing a board', async ({ page }) => {
  const board = await newBoard();
  const forged = board.links.participant.replace(/#token=.*/, '#token=forged.token');
  await page.goto(forged);
  await expect(page.getByText('This link is not valid')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add note' })).toHaveCount(0);

  await page.goto(`${server.url}/b/${board.id}`);
  await expect(page.getByText('This link is not valid')).toBeVisible();

  const other = await newBoard();
  const token = new URL(other.links.participant).hash;
  await page.goto(`${server.url}/b/AAAAAAAAAAAAAAAAAAAAAA${token}`);
  await expect(page.getByText(/This link is not valid|This board does not exist/)).toBeVisible();
});

test('a note written offline survives closing the tab and reaches the others once back online', async ({
  browser,
}) => {
  const board = await newBoard();
  const ann = await (await browser.newContext()).newPage();
  const beaContext = await browser.newContext();
  const bea = await beaContext.newPage();
  await joinIn(ann, board.links.facilitator, 'Ann');
  await joinIn(bea, board.links.participant, 'Bea');

  await server.stop();
  await expect(bea.getByRole('status').filter({ hasText: /Reconnecting|Offline/ })).toBeVisible();
  await addNote(bea, 'Kept on this device');
  // Once IndexedDB holds it, close the tab: the note then exists only in the browser's storage.
  await expect.poll(() => deviceStoreHolds(bea, `kompas:${board.id}`, 'Kept on this device')).toBe(true);
  await bea.close();

  await server.restart();
  await expect(ann.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 20_000 });
  await expect(noteItem(ann, 'Kept on this device')).toHaveCount(0);

  const beaAgain = await beaContext.newPage();
  await beaAgain.goto(board.links.participant);
  await expect(beaAgain.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await expect(noteItem(ann, 'Kept on this device')).toBeAttached();
});

test('a board reloaded while the server is down opens from the device and takes notes', async ({
  browser,
}) => {
  const board = await newBoard();
  const ann = await joinAsNewPerson(browser, board.links.facilitator, 'Ann');
  const bea = await joinAsNewPerson(browser, board.links.participant, 'Bea');
  await addNote(bea, 'Written online');
  await expect(noteItem(ann, 'Written online')).toBeAttached();
  // Once the app is kept on the device (its service worker controls the page), the server may go.
  await bea.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await server.stop();
  await bea.reload();
  await expect(noteItem(bea, 'Written online')).toBeAttached();
  await expect(bea.getByRole('status').filter({ hasText: /Reconnecting|Offline/ })).toBeVisible();
  await addNote(bea, 'Written while the server was down');
  await expect
    .poll(() => deviceStoreHolds(bea, `kompas:${board.id}`, 'Written while the server was down'))
    .toBe(true);

  await server.restart();
  await expect(noteItem(ann, 'Written while the server was down')).toBeAttached({ timeout: 20_000 });
  await expect(bea.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
});

test('a change the server refuses is explained; discarding it reopens the board and keeps the good notes', async ({
  browser,
}) => {
  const board = await newBoard();
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  await addNote(pim, 'Shared before');
  await expect(noteItem(fay, 'Shared before')).toBeAttached();

  // What a faulty or outdated app could leave in the browser's copy of the board, never sent: a note that
  // is a number, next to a good note written in the same browser.
  const faulty = new Y.Doc();
  notesType(faulty).set('broken', 42);
  const unsent = new Y.Doc();
  createNote(unsent, {
    text: 'Written next to the fault',
    step: 'verkennen.opgave',
    author: { id: 'pim', name: 'Pim' },
  });
  await addToDeviceStore(pim, `kompas:${board.id}`, [faulty, unsent]);
  await pim.reload();
  await expect(pim.getByRole('heading', { name: "This browser's changes were refused" })).toBeVisible();

  await pim.getByRole('button', { name: 'Discard and reopen' }).click();
  await expect(noteItem(pim, 'Shared before')).toBeAttached();
  // Only the refused change is lost: the good note written beside it is kept, and now reaches the others.
  await expect(pim.getByText('1 note written in this browser was kept.')).toBeVisible();
  await expect(noteItem(fay, 'Written next to the fault')).toBeAttached();
  await addNote(fay, 'Written after');
  await expect(noteItem(pim, 'Written after')).toBeAttached();
  // The refused change is gone from this browser for good.
  await pim.reload();
  await expect(noteItem(pim, 'Written after')).toBeAttached();
  await expect(pim.getByRole('heading', { name: "This browser's changes were refused" })).toHaveCount(0);
});
