import { expect, type Page } from '@playwright/test';
import { KompasProcess } from './server.ts';
import { createBoard, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

/** The name of the element with the focus, looking into shadow roots: its label, else its text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return '';
    return (active.getAttribute('aria-label') ?? active.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Presses Tab (or Shift+Tab) until the control named `name` has the focus, as a keyboard user would. */
async function tabTo(page: Page, name: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    if ((await focusedName(page)) === name) return;
    await page.keyboard.press(key);
  }
  throw new Error(`no control named "${name}" is reachable with ${key}`);
}

const notes = (page: Page) => page.evaluate(() => window.kompas?.notes() ?? []);
const noteStep = async (page: Page, text: string) => (await notes(page)).find((n) => n.text === text)?.step;

test('a facilitator runs the board with the keyboard alone: joins, writes, moves, votes and moves on', async ({
  browser,
}) => {
  const board = await createBoard(server, { title: 'Care in the region', task: 'One front door for carers' });
  const page = await (await browser.newContext()).newPage();
  await page.goto(board.links.facilitator);

  // Join: the name dialog has the focus.
  await expect(page.getByLabel('Your name')).toBeFocused();
  await page.keyboard.type('Kees');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();

  await tabTo(page, 'Start workshop');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => window.kompas?.currentPhase()?.phase)).toBe('verkennen');

  // Add a note in a chosen step: N opens the editor, Shift+Tab reaches the phase's steps.
  await page.keyboard.press('n');
  await expect(page.getByLabel('Note text')).toBeFocused();
  await tabTo(page, 'Mogelijke partners', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Note text');
  await page.keyboard.type('Ask the library to join');
  await page.keyboard.press('Enter');
  await expect.poll(() => noteStep(page, 'Ask the library to join')).toBe('verkennen.partners');

  // The board has the focus again: select the note and move it one step on.
  const live = page.locator('kompas-board-canvas p[aria-live]');
  await page.keyboard.press('Home');
  await expect(live).toContainText('Ask the library to join');
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(() => noteStep(page, 'Ask the library to join')).toBe('verkennen.opgave');
  await expect(live).toContainText('Moved to Gezamenlijke opgave');

  // The shortcuts list opens with ?, and Escape gives the focus back to the board.
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toBeVisible();
  await expect(shortcuts.getByRole('heading', { name: 'Facilitation' })).toBeVisible();
  await expect(shortcuts.getByText('Move the selected note to the previous or next step')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(shortcuts).toBeHidden();
  expect(await focusedName(page)).toBe('Workshop board');

  // A voting round, started from the voting panel by keyboard; then a vote on the selected note.
  await tabTo(page, 'Voting');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Start voting');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Start a voting round' });
  await expect(dialog).toBeVisible();
  await tabTo(page, 'Start voting');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await tabTo(page, 'Workshop board', 'Shift+Tab');
  await page.keyboard.press('Home');
  await page.keyboard.press('v');
  await expect(live).toContainText('Vote placed');
  const id = (await notes(page)).find((n) => n.text === 'Ask the library to join')?.id ?? '';
  await expect.poll(() => page.evaluate((note) => window.kompas?.voteBadge(note)?.text, id)).toContain('●');

  // The board moves around and zooms by keys.
  await page.keyboard.press('Escape');
  const before = await page.evaluate(() => window.kompas?.viewport());
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('+');
  const after = await page.evaluate(() => window.kompas?.viewport());
  expect(after?.x).not.toBe(before?.x);
  expect(after?.scale).toBeGreaterThan(before?.scale ?? 0);

  // Move on a phase: Alt+Shift+→, confirmed in the dialog about the steps still open.
  await page.keyboard.press('Alt+Shift+ArrowRight');
  const openSteps = page.getByRole('dialog', { name: 'Move on with open steps?' });
  await expect(openSteps).toBeVisible();
  await tabTo(page, 'Move on');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => window.kompas?.currentPhase()?.phase)).toBe('richten');
});
