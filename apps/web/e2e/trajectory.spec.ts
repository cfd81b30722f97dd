import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { addNote, currentPhase } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Care in the region', task: 'One front door for informal carers' };
const NOTE = 'Ask the library whether it can host the front desk';

const agenda = (page: Page) => page.getByRole('region', { name: 'Agenda' });
const agendaItem = (page: Page, step: string) => agenda(page).getByRole('listitem').filter({ hasText: step });
const issuesPanel = (page: Page) => page.getByRole('region', { name: 'Issues in hand' });
const suggestion = (page: Page) => page.getByRole('region', { name: 'Suggested next step' });

/** The Markdown report of the whole trajectory, saved from the Export menu. */
async function markdownReport(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Export' }).click();
  const menu = page.getByRole('menu', { name: 'Export' });
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('menuitem', { name: 'Report (Markdown)' }).click(),
  ]);
  return readFile(await saved.path(), 'utf8');
}

test('two meetings of one collaboration: a plan run by its agenda, an action carried over, the skipped step suggested, and the plan against reality in the report', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');

  // Meeting 1 is planned: three steps with time boxes, two in Verkennen and one in Richten.
  await fay.getByRole('button', { name: 'Plan this meeting' }).click();
  const editor = fay.getByRole('dialog', { name: 'Plan for meeting 1' });
  await editor.getByLabel('Minutes for step 1', { exact: true }).fill('10');
  await editor.getByRole('button', { name: 'Add step' }).click();
  await editor.getByLabel('Step 2', { exact: true }).selectOption('verkennen.partners');
  await editor.getByLabel('Minutes for step 2', { exact: true }).fill('10');
  await editor.getByRole('button', { name: 'Add step' }).click();
  await editor.getByLabel('Step 3', { exact: true }).selectOption('richten.belangen');
  await editor.getByLabel('Minutes for step 3', { exact: true }).fill('15');
  await editor.getByRole('button', { name: 'Save plan' }).click();
  await expect(agenda(pim).getByRole('listitem')).toHaveCount(3);

  // The agenda drives the meeting: Start opens the first item, with its time box on the timer.
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await expect(agendaItem(pim, 'Eigen situatie')).toHaveAttribute('aria-current', 'step');
  await expect.poll(() => fay.evaluate(() => window.kompasTimer?.clockReady())).toBe(true);
  await expect
    .poll(async () => (await fay.evaluate(() => window.kompasTimer?.remainingMs() ?? 0)) > 9 * 60_000)
    .toBe(true);

  // Pim raises something on a note; Fay turns it into an action with an owner.
  await addNote(pim, NOTE);
  const note = await fay.evaluate((wanted) => window.kompas?.notes().find((n) => n.text === wanted), NOTE);
  if (!note) throw new Error('the note is not on the canvas');
  await fay.mouse.click(note.x, note.y);
  await fay.getByRole('button', { name: 'Turn into an issue' }).click();
  const form = issuesPanel(fay).getByRole('form', { name: 'New issue' });
  await expect(form.getByLabel('Kind')).toHaveValue('action');
  await form.getByLabel('Owner').fill('Pim, Gemeente Zwolle');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(issuesPanel(fay).getByRole('listitem').filter({ hasText: NOTE })).toContainText('Open');
  await fay.getByRole('button', { name: 'Issues in hand' }).click();
  await expect(issuesPanel(fay)).toHaveCount(0);

  // Eigen situatie and the joint task are ticked done; Mogelijke partners is skipped on the agenda.
  await fay.getByRole('button', { name: 'Steps' }).click();
  for (const step of ['Eigen situatie', 'Gezamenlijke opgave']) {
    await fay.getByRole('combobox', { name: `Status of ${step}` }).selectOption('done');
  }
  await fay.getByRole('button', { name: 'Skip Mogelijke partners' }).click();
  await expect(agendaItem(pim, 'Mogelijke partners')).toHaveAttribute('data-status', 'skipped');

  // Next follows the plan into Richten, and its timer box.
  await fay.getByRole('button', { name: 'Next: Belangen' }).click();
  await expect(currentPhase(pim)).toHaveText('Round 1 · Richten');
  await expect(agendaItem(pim, 'Belangen')).toHaveAttribute('aria-current', 'step');
  await fay.getByRole('button', { name: 'Finish: Belangen' }).click();
  await expect(agendaItem(pim, 'Belangen')).toHaveAttribute('data-status', 'done');

  // Meeting 2 opens with what is still open.
  await fay.getByRole('button', { name: 'New meeting' }).click();
  const start = fay.getByRole('dialog', { name: 'Start meeting 2?' });
  await expect(start).toContainText(NOTE);
  await expect(start).toContainText('Pim, Gemeente Zwolle');
  await start.getByRole('button', { name: 'Start meeting 2' }).click();
  await expect(agenda(fay)).toContainText('Meeting 2');

  // The action carried over, for everyone; the suggestion names the step skipped in meeting 1.
  await pim.getByRole('button', { name: 'Issues in hand' }).click();
  await expect(issuesPanel(pim).getByRole('listitem').filter({ hasText: NOTE })).toContainText(
    'raised in meeting 1',
  );
  await expect(suggestion(fay)).toContainText('Mogelijke partners');
  await expect(suggestion(fay)).toContainText('while this step was still open');

  // The diagnosis covers the whole trajectory, or this meeting alone, in which Verkennen was not visited.
  const partnersVisited = fay
    .getByRole('table', { name: 'Diagnosis of Verkennen' })
    .getByRole('row', { name: /Mogelijke partners/ })
    .getByRole('cell')
    .first();
  await expect(partnersVisited).toHaveText('yes');
  const scope = fay.getByRole('group', { name: 'What the diagnosis covers' });
  await scope.getByRole('button', { name: 'Meeting 2' }).click();
  await expect(partnersVisited).toHaveText('no');
  await scope.getByRole('button', { name: 'All 2 meetings' }).click();
  await expect(partnersVisited).toHaveText('yes');

  // The report sets the plan against what happened, and lists the action still open.
  const report = await markdownReport(fay);
  expect(report).toContain('## Meeting 1');
  expect(report).toContain('## Meeting 2');
  expect(report).toContain('Plan against reality');
  const planRows = report.split('\n').filter((line) => line.startsWith('| ') && /min/.test(line));
  expect(planRows.find((row) => row.includes('Own situation'))).toMatch(/10 min.*done/);
  expect(planRows.find((row) => row.includes('Possible partners'))).toMatch(/10 min.*skipped/);
  expect(planRows.find((row) => row.includes('Interests'))).toMatch(/15 min.*done/);
  expect(report).toContain('Issues in hand');
  expect(report).toMatch(new RegExp(`Action \\| ${NOTE} \\| Pim, Gemeente Zwolle \\| open \\| Meeting 1`));
});
