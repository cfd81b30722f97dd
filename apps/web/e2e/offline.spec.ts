import { expect, type Page } from '@playwright/test';
import { addNote, noteItem, pointOfStep } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const peopleItem = (page: Page, text: string) =>
  page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: text });

/** Whether the canvas marks the note as not stored by the server yet, or null when it does not show it. */
const pendingOf = (page: Page, text: string) =>
  page.evaluate(
    (wanted) => window.kompas?.notes().find((note) => note.text === wanted)?.pending ?? null,
    text,
  );

async function moveMouseOver(page: Page, step: string): Promise<void> {
  const point = await pointOfStep(page, step);
  for (let i = 0; i < 5; i++) await page.mouse.move(point.x + i * 10, point.y);
}

test('a dropped connection is said in words, unsent notes are marked, people who left show as away', async ({
  browser,
}) => {
  const board = await createBoard(server, { title: 'Zorgnetwerk Noord', task: 'Langer thuis wonen' });
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const ann = await joinAsNewPerson(browser, board.links.participant, 'Ann');
  const bea = await joinAsNewPerson(browser, board.links.participant, 'Bea');
  const olaf = await joinAsNewPerson(browser, board.links.observer, 'Olaf');

  // An observer's cursor reaches nobody: Ann sees Bea's, moved after Olaf's, and never Olaf's.
  await moveMouseOver(olaf, 'verkennen.partners');
  await moveMouseOver(bea, 'verkennen.eigen-situatie');
  const cursorNames = () => ann.evaluate(() => window.kompas?.remoteCursors().map(({ name }) => name) ?? []);
  await expect.poll(cursorNames).toContain('Bea');
  expect(await cursorNames()).not.toContain('Olaf');
  await expect(peopleItem(ann, 'Olaf')).toHaveCount(0);

  // Someone who closes the board stays listed for a while, as away.
  await bea.context().close();
  await expect(peopleItem(ann, 'Bea, away')).toHaveCount(1);

  // The server goes away: a note written meanwhile is marked, and after a few seconds the board says so.
  await server.stop();
  await addNote(ann, 'Huisartsen zitten vol; wie vangt de nieuwe aanmeldingen op?');
  await expect
    .poll(() => pendingOf(ann, 'Huisartsen zitten vol; wie vangt de nieuwe aanmeldingen op?'))
    .toBe(true);
  await expect(noteItem(ann, 'Huisartsen zitten vol')).toContainText('(not sent yet)');
  await expect(ann.getByText('You are offline.')).toBeVisible();
  await expect(ann.getByText('1 note is not sent yet.', { exact: false })).toBeVisible();
  await expect(peopleItem(ann, 'Fay, away')).toHaveCount(1);

  // Back: the note reaches the server and the others, its mark goes, and the board says everything is sent.
  await server.restart();
  await expect
    .poll(() => pendingOf(ann, 'Huisartsen zitten vol; wie vangt de nieuwe aanmeldingen op?'), {
      timeout: 20_000,
    })
    .toBe(false);
  await expect(noteItem(ann, 'Huisartsen zitten vol')).not.toContainText('not sent');
  await expect(ann.getByText('Everything is sent.')).toBeVisible();
  await expect(ann.getByText('You are offline.')).toHaveCount(0);
  await expect(noteItem(fay, 'Huisartsen zitten vol')).toBeAttached({ timeout: 20_000 });
  await expect(peopleItem(ann, 'Fay, away')).toHaveCount(0);
  await expect(peopleItem(ann, 'Fay')).toHaveCount(1);
});
