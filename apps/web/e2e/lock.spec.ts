import { expect, type Page } from '@playwright/test';
import { addNoteIn, dragNote, pointOfStep } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Youth care in the region', task: 'One plan for every family' };

/** The note with `text` as `page` shows it: its step and its centre in board coordinates. */
async function noteAt(page: Page, text: string): Promise<{ step: string; x: number; y: number } | null> {
  return page.evaluate((wanted) => {
    const hooks = window.kompas;
    const note = hooks?.notes().find((n) => n.text === wanted);
    if (!hooks || !note) return null;
    const board = hooks.screenToBoard(note.x, note.y);
    return { step: note.step, x: Math.round(board.x), y: Math.round(board.y) };
  }, text);
}

async function chooseLock(page: Page, choice: string): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('menuitemradio', { name: choice }).click();
}

const lockStatus = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
const refusal = (page: Page, text: RegExp) => page.getByRole('alert').filter({ hasText: text });

test('the facilitator locks all but the current phase, then the whole board, then unlocks', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  const otto = await joinAsNewPerson(browser, board.links.observer, 'Otto');
  const everyone = [fay, pim, otto];
  for (const page of [pim, otto]) await expect(page.getByRole('button', { name: 'Lock' })).toHaveCount(0);

  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await addNoteIn(fay, 'richten.ambitie', 'A shared ambition');
  await addNoteIn(pim, 'verkennen.partners', 'The municipality');
  await expect.poll(() => noteAt(fay, 'The municipality')).not.toBeNull();
  await expect.poll(() => noteAt(pim, 'A shared ambition')).not.toBeNull();

  // Only Verkennen, where the group is, stays open.
  await chooseLock(fay, 'Lock all but current phase');
  for (const page of everyone) await expect(lockStatus(page, 'Only Verkennen open')).toBeVisible();

  // Pim cannot add a note in Richten ...
  const richten = await pointOfStep(pim, 'richten.belangen');
  await pim.mouse.dblclick(richten.x, richten.y);
  await expect(refusal(pim, /Richten is locked/)).toBeVisible();
  await expect(pim.getByLabel('Note text')).toHaveCount(0);

  // ... nor drag his note out of Verkennen into Richten, nor Fay's note out of Richten.
  const municipality = await noteAt(fay, 'The municipality');
  await dragNote(pim, 'The municipality', 'richten.belangen');
  await expect(refusal(pim, /Richten is locked/)).toBeVisible();
  const ambition = await noteAt(fay, 'A shared ambition');
  await dragNote(pim, 'A shared ambition', 'verkennen.opgave');
  // Both notes stay where they were, for everyone.
  for (const page of everyone) {
    await expect.poll(() => noteAt(page, 'The municipality')).toEqual(municipality);
    await expect.poll(() => noteAt(page, 'A shared ambition')).toEqual(ambition);
  }

  // In Verkennen he works as before.
  await addNoteIn(pim, 'verkennen.opgave', 'Every family one plan');
  await expect.poll(async () => (await noteAt(fay, 'Every family one plan'))?.step).toBe('verkennen.opgave');
  await dragNote(pim, 'The municipality', 'verkennen.eigen-situatie');
  await expect
    .poll(async () => (await noteAt(fay, 'The municipality'))?.step)
    .toBe('verkennen.eigen-situatie');

  // The facilitator keeps arranging the whole board.
  await dragNote(fay, 'A shared ambition', 'inrichten.vorm');
  await expect.poll(async () => (await noteAt(pim, 'A shared ambition'))?.step).toBe('inrichten.vorm');

  // The whole board locked: nothing can be added, moved or taken back.
  await chooseLock(fay, 'Lock whole board');
  for (const page of everyone) await expect(lockStatus(page, 'Board locked')).toBeVisible();
  await pim.getByRole('button', { name: 'Add note' }).click();
  await expect(refusal(pim, /locked the board/)).toBeVisible();
  await expect(pim.getByLabel('Note text')).toHaveCount(0);
  const verkennen = await pointOfStep(pim, 'verkennen.partners', 0.3);
  await pim.mouse.dblclick(verkennen.x, verkennen.y);
  await expect(pim.getByLabel('Note text')).toHaveCount(0);
  const moved = await noteAt(fay, 'The municipality');
  await dragNote(pim, 'The municipality', 'verkennen.partners');
  await pim.keyboard.press('Control+z');
  for (const page of everyone) {
    await expect.poll(() => noteAt(page, 'The municipality')).toEqual(moved);
    await expect
      .poll(async () => (await noteAt(page, 'Every family one plan'))?.step)
      .toBe('verkennen.opgave');
  }

  // Unlocked, Pim adds a note in Richten, and his undo works again.
  await chooseLock(fay, 'Unlock');
  for (const page of everyone) {
    await expect(lockStatus(page, 'Board locked')).toHaveCount(0);
    await expect(lockStatus(page, 'Only Verkennen open')).toHaveCount(0);
  }
  await addNoteIn(pim, 'richten.belangen', 'Interests of the schools');
  await expect
    .poll(async () => (await noteAt(fay, 'Interests of the schools'))?.step)
    .toBe('richten.belangen');
  await pim.keyboard.press('Control+z');
  await expect.poll(() => noteAt(fay, 'Interests of the schools')).toBeNull();
});
