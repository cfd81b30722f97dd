import { NOTE_COLOR_HEX } from '@kompas/model';
import { expect, type Page } from '@playwright/test';
import { addNote, noteItem } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/** Every CSP violation the page reports, as an event and as a console message, from before it loads. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) logged.push(message.text());
  });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations?.push(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sample})`);
    });
  });
  return async () => [...logged, ...(await page.evaluate(() => window.cspViolations ?? []))];
}

function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

test('the landing page and a board work under the content security policy, which nothing on them breaks', async ({
  browser,
}) => {
  const page = await (await browser.newContext()).newPage();
  const violations = await watchViolations(page);

  const landing = await page.goto(server.url);
  expect(landing?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.getByLabel('Workshop title').fill('Safe by default');
  await page.getByLabel('Joint task').fill('Work out a policy together');
  await page.getByRole('button', { name: 'Create workshop' }).click();
  await page.getByRole('link', { name: /Open board as facilitator/ }).click();
  await page.getByLabel('Your name').fill('Ann');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();

  await addNote(page, 'Nothing inline');
  await expect(noteItem(page, 'Nothing inline')).toBeAttached();
  const note = await page.evaluate(() => window.kompas?.notes().find((n) => n.text === 'Nothing inline'));
  if (!note) throw new Error('the note is not on the canvas');
  await page.mouse.click(note.x, note.y);
  // Colours set per element are applied, though the policy allows no style attribute.
  await expect(page.getByRole('button', { name: 'Color pink' }).locator('span')).toHaveCSS(
    'background-color',
    rgb(NOTE_COLOR_HEX.pink),
  );

  expect(await violations()).toEqual([]);
});
