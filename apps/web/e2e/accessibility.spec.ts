import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { addNoteIn, voteFor } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, joinIn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Care in the region', task: 'One front door for informal carers' };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** The WCAG 2.2 A and AA rules; axe's best practices are advice, not the bar. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails with every serious or critical violation axe finds on what `page` shows now, and where. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  const found = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      where: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    }));
  expect(found, `axe on ${what}`).toEqual([]);
}

async function closeWithEscape(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in ${colorScheme} colours`, () => {
    // Transitions still running would be checked half way; reduced motion makes them instant.
    test.use({ colorScheme, reducedMotion: 'reduce' });

    test('the landing page', async ({ page }) => {
      await page.goto(server.url);
      await expect(page.getByRole('button', { name: /create/i }).first()).toBeVisible();
      await expectAccessible(page, 'the landing page');
      await page.getByLabel(/title/i).first().fill(WORKSHOP.title);
      await page.getByRole('button', { name: 'Create workshop' }).click();
      await expect(page.getByRole('button', { name: /^Copy .* link$/ }).first()).toBeVisible();
      await expectAccessible(page, 'the landing page with the links of a new workshop');
    });

    test('the board as facilitator, with every dialog and popover', async ({ browser }) => {
      const board = await createBoard(server, WORKSHOP);
      const fay = await (await browser.newContext({ colorScheme, reducedMotion: 'reduce' })).newPage();
      await fay.goto(board.links.facilitator);
      await expect(fay.getByLabel('Your name')).toBeVisible();
      await expectAccessible(fay, 'the name dialog');
      await fay.getByLabel('Your name').fill('Fay');
      await fay.getByRole('button', { name: 'Join' }).click();
      await expect(fay.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
      await expectAccessible(fay, 'the board before the workshop starts');

      await fay.getByRole('button', { name: 'Start workshop' }).click();
      await addNoteIn(fay, 'verkennen.eigen-situatie', 'Waiting lists at the front door');
      await addNoteIn(fay, 'verkennen.partners', 'The library');
      await expectAccessible(fay, 'the board with notes');

      await fay.getByTitle('Edit title and task').click();
      await expect(fay.getByRole('dialog', { name: 'Title and joint task' })).toBeVisible();
      await expectAccessible(fay, 'the title and task dialog');
      await closeWithEscape(fay);

      await fay.getByRole('button', { name: 'Invite' }).click();
      await expect(fay.getByRole('dialog', { name: 'Invite people' })).toBeVisible();
      await expectAccessible(fay, 'the invite menu');
      await closeWithEscape(fay);

      await fay.getByRole('button', { name: 'Export' }).click();
      await expect(fay.getByRole('menu', { name: 'Export' })).toBeVisible();
      await expectAccessible(fay, 'the export menu');
      await closeWithEscape(fay);

      await fay.getByRole('button', { name: 'Lock', exact: true }).click();
      await expect(fay.getByRole('menuitemradio').first()).toBeVisible();
      await expectAccessible(fay, 'the lock menu');
      await closeWithEscape(fay);

      await fay.getByRole('button', { name: 'Timer', exact: true }).click();
      await expect(fay.getByRole('dialog', { name: 'Timer' })).toBeVisible();
      await expectAccessible(fay, 'the timer controls');
      await closeWithEscape(fay);

      const steps = fay.getByRole('button', { name: 'Steps' });
      if ((await steps.getAttribute('aria-pressed')) !== 'true') await steps.click();
      await expect(fay.getByRole('heading', { name: /^Steps of/ })).toBeVisible();
      await expectAccessible(fay, 'the steps panel');

      const note = await fay.evaluate(() => window.kompas?.notes().find((n) => n.text === 'The library'));
      if (!note) throw new Error('the note is not on the canvas');
      await fay.mouse.click(note.x, note.y);
      await expect(fay.getByRole('dialog', { name: 'Note by Fay' })).toBeVisible();
      await expectAccessible(fay, "a note's card");
      await closeWithEscape(fay);

      await fay.getByRole('button', { name: 'Voting', exact: true }).click();
      await fay.getByRole('region', { name: 'Voting' }).getByRole('button', { name: 'Start voting' }).click();
      const voting = fay.getByRole('dialog', { name: 'Start a voting round' });
      await expect(voting).toBeVisible();
      await expectAccessible(fay, 'the voting dialog');
      await voting.getByRole('radio', { name: 'Shown live as votes come in' }).check();
      await voting.getByRole('button', { name: 'Start voting' }).click();
      await voteFor(fay, 'The library').click();
      await expectAccessible(fay, 'the board while voting');

      await fay.getByRole('button', { name: 'Next phase' }).click();
      await expect(fay.getByRole('dialog', { name: 'Move on with open steps?' })).toBeVisible();
      await expectAccessible(fay, 'the open steps dialog');
    });

    test('the board as participant and as observer', async ({ browser }) => {
      const board = await createBoard(server, WORKSHOP);
      const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
      await fay.getByRole('button', { name: 'Start workshop' }).click();
      await addNoteIn(fay, 'verkennen.eigen-situatie', 'Waiting lists at the front door');

      for (const [role, link] of [
        ['participant', board.links.participant],
        ['observer', board.links.observer],
      ] as const) {
        const page = await (await browser.newContext({ colorScheme, reducedMotion: 'reduce' })).newPage();
        await joinIn(page, link, role === 'participant' ? 'Pim' : 'Otto');
        await expectAccessible(page, `the board as ${role}`);
      }
    });

    test('the replay', async ({ browser }) => {
      const board = await createBoard(server, WORKSHOP);
      const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
      await fay.getByRole('button', { name: 'Start workshop' }).click();
      await addNoteIn(fay, 'verkennen.eigen-situatie', 'Waiting lists at the front door');
      const link = new URL(board.links.participant);
      const viewer = await (await browser.newContext({ colorScheme, reducedMotion: 'reduce' })).newPage();
      await viewer.goto(`${link.origin}${link.pathname}/replay${link.hash}`);
      await expect(viewer.getByRole('slider', { name: 'Time' })).toBeVisible();
      await expect(viewer.getByRole('heading', { name: WORKSHOP.title })).toBeVisible();
      await expectAccessible(viewer, 'the replay');
    });

    test("the phone's list", async ({ browser }) => {
      const board = await createBoard(server, WORKSHOP);
      const fay = await (
        await browser.newContext({ ...PHONE, colorScheme, reducedMotion: 'reduce' })
      ).newPage();
      await joinIn(fay, board.links.facilitator, 'Fay');
      await fay.getByRole('button', { name: 'Start workshop' }).tap();
      await expect(fay.locator('kompas-phone-board')).toBeVisible();
      await expectAccessible(fay, "the phone's list");
    });
  });
}
