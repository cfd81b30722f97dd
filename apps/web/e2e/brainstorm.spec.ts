import { createNote } from '@kompas/model';
import { expect, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { addNote } from './board-actions.ts';
import { addToDeviceStore } from './device-store.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, joinIn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

/** Everything a page receives over its WebSockets, as text, from the moment this is called. */
function recordReceived(page: Page): () => string {
  const frames: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      frames.push(typeof payload === 'string' ? payload : payload.toString('utf8'));
    });
  });
  return () => frames.join('\n');
}

const noteItems = (page: Page) => page.getByRole('list', { name: 'Notes' }).getByRole('listitem');
const noteItem = (page: Page, text: string) => noteItems(page).filter({ hasText: text });
const onCanvas = (page: Page) => page.evaluate(() => window.kompas?.notes().map((note) => note.text) ?? []);

test('in a silent brainstorm new notes reach only their author and the facilitator until revealed', async ({
  browser,
}) => {
  const board = await createBoard(server, { title: 'Water in the city', task: 'Where does rain go?' });
  // Recording starts before the pages open, so every frame they ever receive is checked.
  const [fay, pim, otto] = (await Promise.all(
    [1, 2, 3].map(async () => (await browser.newContext()).newPage()),
  )) as [Page, Page, Page];
  const receivedByPim = recordReceived(pim);
  const receivedByOtto = recordReceived(otto);
  await joinIn(fay, board.links.facilitator, 'Fay');
  await joinIn(pim, board.links.participant, 'Pim');
  await joinIn(otto, board.links.observer, 'Otto');
  const pia = await joinAsNewPerson(browser, board.links.participant, 'Pia');

  await expect(pim.getByRole('button', { name: 'Start silent brainstorm' })).toHaveCount(0);
  await fay.getByRole('button', { name: 'Start silent brainstorm' }).click();
  for (const page of [pim, pia]) {
    await expect(page.getByRole('status').filter({ hasText: 'Your new notes stay private' })).toBeVisible();
  }
  await expect(
    otto.getByRole('status').filter({ hasText: 'Notes appear when they are revealed' }),
  ).toBeVisible();

  await addNote(pia, 'Green roofs on every school');
  await addNote(pia, 'Rain barrels for allotments');
  await addNote(pim, 'Wadis in the park');
  // The facilitator's own idea is private too, so it does not steer the others'.
  await addNote(fay, 'Shade trees on the square');
  await expect(noteItem(fay, 'Shade trees on the square')).toContainText('private until revealed');
  // A draft is taken back and redone like any note.
  await addNote(pim, 'A second thought');
  await expect(noteItem(pim, 'A second thought')).toContainText('private until revealed');
  await pim.getByRole('button', { name: 'Undo' }).click();
  await expect(noteItem(pim, 'A second thought')).toHaveCount(0);
  await pim.getByRole('button', { name: 'Redo' }).click();
  await expect(noteItem(pim, 'A second thought')).toBeAttached();
  await pim.getByRole('button', { name: 'Undo' }).click();
  await expect(noteItem(pim, 'A second thought')).toHaveCount(0);

  // Drafts are kept on the author's device: a reload loses none.
  await pia.reload();
  await expect(pia.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();

  // The author and the facilitator see the drafts, marked private, on the board and in the list.
  await expect(noteItem(pia, 'Green roofs on every school')).toContainText('private until revealed');
  await expect.poll(() => onCanvas(pia)).toEqual(expect.arrayContaining(['Green roofs on every school']));
  await expect(noteItem(fay, 'Rain barrels for allotments')).toContainText('private until revealed');
  await expect(noteItem(fay, 'Wadis in the park')).toBeAttached();
  await expect.poll(() => onCanvas(fay)).toHaveLength(4);
  await expect(fay.getByRole('status').filter({ hasText: '4 private notes from 3 people' })).toBeVisible();
  await expect(pim.getByRole('status').filter({ hasText: '1 private note' })).toBeVisible();
  await expect(pia.getByRole('status').filter({ hasText: '2 private notes' })).toBeVisible();

  // Another participant and the observer have none of them: not on screen, and not in any frame received.
  await expect(noteItem(pim, 'Wadis in the park')).toBeAttached();
  expect(await onCanvas(pim)).toEqual(['Wadis in the park']);
  expect(await onCanvas(otto)).toEqual([]);
  for (const text of ['Green roofs', 'Rain barrels', 'Shade trees'])
    expect(receivedByPim()).not.toContain(text);
  for (const text of ['Green roofs', 'Rain barrels', 'Wadis', 'Shade trees']) {
    expect(receivedByOtto()).not.toContain(text);
  }

  // The reveal: all at once, for everyone, as ordinary notes, and said politely to everyone.
  await fay.getByRole('button', { name: 'Reveal notes' }).click();
  for (const page of [fay, pim, pia, otto]) {
    await expect(
      page.getByRole('status').filter({ hasText: 'Notes revealed: everyone sees them now' }),
    ).toBeVisible();
  }
  for (const page of [fay, pim, pia, otto]) {
    await expect
      .poll(() => onCanvas(page).then((texts) => texts.sort()))
      .toEqual([
        'Green roofs on every school',
        'Rain barrels for allotments',
        'Shade trees on the square',
        'Wadis in the park',
      ]);
    await expect(noteItems(page)).toHaveCount(4);
    await expect(noteItems(page).filter({ hasText: 'private until revealed' })).toHaveCount(0);
  }
  expect(receivedByPim()).toContain('Green roofs on every school');
  await expect(noteItem(otto, 'Rain barrels for allotments')).toContainText('by Pia');
  // The reveal is not the facilitator's to undo: it would take everyone's notes off the board. A note she
  // adds after pressing Ctrl+Z arrives after anything the undo sent.
  await fay.keyboard.press('Control+z');
  await fay.keyboard.press('Control+z');
  await addNote(fay, 'Cool roofs');
  await expect(noteItem(otto, 'Cool roofs')).toBeAttached();
  await expect(noteItems(otto)).toHaveCount(5);

  // After the round, a new note is an ordinary note again.
  await expect(fay.getByRole('button', { name: 'Start silent brainstorm' })).toBeVisible();
  await addNote(pim, 'Rain gardens in the streets');
  await expect(noteItem(otto, 'Rain gardens in the streets')).toBeAttached();
});

test('a participant link opened in the facilitator’s browser shows only that participant’s drafts', async ({
  browser,
}) => {
  const board = await createBoard(server, { title: 'Green city', task: 'Ideas for a cooler town' });
  const context = await browser.newContext();
  const fay = await context.newPage();
  await joinIn(fay, board.links.facilitator, 'Fay');
  await fay.getByRole('button', { name: 'Start silent brainstorm' }).click();
  const pia = await joinAsNewPerson(browser, board.links.participant, 'Pia');
  await addNote(pia, 'Fountains on the square');
  // The facilitator's browser now keeps Pia's draft on the device.
  await expect(noteItem(fay, 'Fountains on the square')).toContainText('private until revealed');

  const rehearsal = await context.newPage();
  await rehearsal.goto(board.links.participant);
  await expect(rehearsal.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await addNote(rehearsal, 'Trying it out');
  await expect(rehearsal.getByRole('status').filter({ hasText: '(1 private note)' })).toBeVisible();
  expect(await onCanvas(rehearsal)).toEqual(['Trying it out']);
});

test('drafts kept on a device by an earlier version are taken over', async ({ browser }) => {
  const board = await createBoard(server, { title: 'Green city', task: 'Ideas for a cooler town' });
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  await fay.getByRole('button', { name: 'Start silent brainstorm' }).click();

  // An earlier version kept drafts under one name for every role.
  const pim = await (await browser.newContext()).newPage();
  await pim.goto(server.url);
  const earlier = new Y.Doc();
  createNote(earlier, {
    text: 'Written before the update',
    step: 'verkennen.opgave',
    author: { id: 'pim', name: 'Pim' },
  });
  const legacyName = `kompas:${board.id}:drafts`;
  await addToDeviceStore(pim, legacyName, [earlier]);

  await joinIn(pim, board.links.participant, 'Pim');
  await expect(noteItem(pim, 'Written before the update')).toContainText('private until revealed');
  await expect(noteItem(fay, 'Written before the update')).toBeAttached();
  await expect
    .poll(() => pim.evaluate(async () => (await indexedDB.databases()).map((database) => database.name)))
    .not.toContain(legacyName);
});
