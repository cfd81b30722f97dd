import { type StepId, slicePositionToPoint } from '@kompas/model';
import { expect, type Page } from '@playwright/test';

/** What the browser tests do on a board the way a person would, and where they look. */

/** The note's item in the board's (visually hidden) list of notes. */
export function noteItem(page: Page, text: string) {
  return page.getByRole('list', { name: 'Notes' }).getByRole('listitem').filter({ hasText: text });
}

/** The board as a list, visually hidden until the focus enters it, and a note's item in it. */
export const boardAsList = (page: Page) => page.getByRole('region', { name: 'Board as a list' });
export const noteInList = (page: Page, text: string) =>
  boardAsList(page).getByRole('listitem').filter({ hasText: text });

export const currentPhase = (page: Page) => page.getByLabel('Current phase');
export const voteFor = (page: Page, text: string) => page.getByRole('button', { name: `Vote for ${text}` });
export const votingStatus = (page: Page) => page.getByRole('status').filter({ hasText: /^Voting/ });

/** Adds a note with "Add note" and waits until it is listed. */
export async function addNote(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByLabel('Note text').fill(text);
  await page.getByLabel('Note text').press('Enter');
  await expect(noteItem(page, text)).toBeAttached();
}

/** Adds a note by double-clicking the board at `angle` degrees clockwise from 12 o'clock. */
export async function addNoteAt(page: Page, text: string, angle: number): Promise<void> {
  const point = await page.evaluate((degrees) => {
    const radians = (degrees * Math.PI) / 180;
    return window.kompas?.boardToScreen(620 * Math.sin(radians), -620 * Math.cos(radians));
  }, angle);
  if (!point) throw new Error('the board is not shown');
  await page.mouse.dblclick(point.x, point.y);
  await page.getByLabel('Note text').fill(text);
  await page.getByLabel('Note text').press('Enter');
  await expect(noteItem(page, text)).toBeAttached();
}

/** The page point of a spot in a step's slice, `r` from the centre (0) to the rim (1). */
export async function pointOfStep(page: Page, step: string, r = 0.55): Promise<{ x: number; y: number }> {
  const board = slicePositionToPoint(step as StepId, { r, t: 0.5 });
  return page.evaluate(({ x, y }) => {
    const hooks = window.kompas;
    if (!hooks) throw new Error('no test hooks');
    return hooks.boardToScreen(x, y);
  }, board);
}

/** Adds a note by double-clicking a step's slice and waits until the board shows it. */
export async function addNoteIn(page: Page, step: string, text: string, r = 0.55): Promise<void> {
  const point = await pointOfStep(page, step, r);
  await page.mouse.dblclick(point.x, point.y);
  await page.getByLabel('Note text').fill(text);
  await page.getByLabel('Note text').press('Enter');
  await expect
    .poll(() => page.evaluate((wanted) => window.kompas?.notes().some((n) => n.text === wanted), text))
    .toBe(true);
}

/** Drags a note with the mouse to a spot in a step's slice. */
export async function dragNote(page: Page, text: string, step: string, r = 0.55): Promise<void> {
  const from = await page.evaluate((wanted) => window.kompas?.notes().find((n) => n.text === wanted), text);
  if (!from) throw new Error(`note "${text}" is not on the canvas`);
  const to = await pointOfStep(page, step, r);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
  }
  await page.mouse.up();
}
