import { type Browser, test as base, expect, type Page } from '@playwright/test';
import type { KompasProcess } from './server.ts';

/**
 * Playwright's `test`, closing every browser context a test opened once it ends: a page left open keeps
 * reconnecting to a server that is gone and slows every later test down.
 */
export const test = base.extend<{ closeContexts: undefined }>({
  closeContexts: [
    async ({ browser }, use) => {
      await use(undefined);
      await Promise.all(browser.contexts().map((context) => context.close()));
    },
    { auto: true },
  ],
});

/** What `POST /api/boards` answers. */
export interface CreatedBoard {
  id: string;
  links: { facilitator: string; participant: string; observer: string };
}

/** Creates a workshop through the API, as the landing page does. */
export async function createBoard(
  server: KompasProcess,
  workshop: { title: string; task: string },
): Promise<CreatedBoard> {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(workshop),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedBoard;
}

/** Opens an invite link in `page`, answers the name dialog and waits until the board is online. */
export async function joinIn(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
}

/** A facilitator's "Next phase", confirmed in the dialog that names the steps still open. */
export async function moveOn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next phase' }).click();
  await page
    .getByRole('dialog', { name: 'Move on with open steps?' })
    .getByRole('button', { name: 'Move on' })
    .click();
}

/**
 * A facilitator's "Next phase" at Aan de slag: the open steps confirmed, then round `round` started with the
 * earlier notes kept on the board, dimmed (the dialog's default).
 */
export async function startRound(page: Page, round: number): Promise<void> {
  await moveOn(page);
  const dialog = page.getByRole('dialog', { name: `Start round ${round}` });
  await dialog.getByRole('button', { name: `Start round ${round}` }).click();
  await expect(dialog).toBeHidden();
}

/** `joinIn` in a browser context of its own, as a separate person. */
export async function joinAsNewPerson(browser: Browser, link: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await joinIn(page, link, name);
  return page;
}
