import { expect, type Page } from '@playwright/test';
import { addNote, currentPhase } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, moveOn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Care in the region', task: 'One front door for informal carers' };
const NOTE = 'Ask the province to fund the front desk';

const issuesPanel = (page: Page) => page.getByRole('region', { name: 'Issues in hand' });
const issueItem = (page: Page, text: string) =>
  issuesPanel(page).getByRole('listitem').filter({ hasText: text });
const suggestion = (page: Page) => page.getByRole('region', { name: 'Suggested next step' });

/** Selects a note on the canvas with a click: its menu shows above it. */
async function selectNote(page: Page, text: string): Promise<void> {
  const note = await page.evaluate((wanted) => window.kompas?.notes().find((n) => n.text === wanted), text);
  if (!note) throw new Error(`note "${text}" is not on the canvas`);
  await page.mouse.click(note.x, note.y);
  await expect(page.getByRole('toolbar', { name: 'Selected note' })).toBeVisible();
}

test('a facilitator turns a participant’s note into an action with an owner; the participant sees it done', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await addNote(pim, NOTE);

  // Participants raise issues by writing notes; only a facilitator turns one into an issue in hand.
  await selectNote(pim, NOTE);
  await expect(pim.getByRole('button', { name: 'Turn into an issue' })).toHaveCount(0);
  await selectNote(fay, NOTE);
  await fay.getByRole('button', { name: 'Turn into an issue' }).click();

  const form = issuesPanel(fay).getByRole('form', { name: 'New issue' });
  await expect(form.getByLabel('Issue')).toHaveValue(NOTE);
  await expect(form.getByLabel('Kind')).toHaveValue('action');
  await expect(form.getByLabel('Step')).toHaveValue('verkennen.eigen-situatie');
  await form.getByLabel('Owner').fill('Pim, Gemeente Zwolle');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(issueItem(fay, NOTE)).toContainText('Owner: Pim, Gemeente Zwolle');

  await pim.getByRole('button', { name: 'Issues in hand' }).click();
  const pimsIssue = issueItem(pim, NOTE);
  await expect(issuesPanel(pim).getByRole('heading', { name: /Eigen situatie/ })).toBeVisible();
  for (const text of ['Action', 'Open', 'Owner: Pim, Gemeente Zwolle', 'raised in meeting 1']) {
    await expect(pimsIssue).toContainText(text);
  }
  await expect(issuesPanel(pim).getByRole('button', { name: 'New issue' })).toHaveCount(0);
  await expect(pimsIssue.getByRole('combobox')).toHaveCount(0);

  await fay.getByRole('combobox', { name: `Status of ${NOTE}` }).selectOption('done');
  await expect(pimsIssue).toHaveCount(0);
  await expect(issuesPanel(pim)).toContainText('No open issues.');
  await issuesPanel(pim).getByRole('button', { name: /^All/ }).click();
  await expect(pimsIssue).toContainText('Done');
  await expect(pimsIssue).toContainText('done in meeting 1');
});

test('after moving on past an open step, the suggestion names it with the reason, and it goes into the plan', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await fay.getByRole('button', { name: 'Steps' }).click();
  for (const step of ['Eigen situatie', 'Gezamenlijke opgave']) {
    await fay.getByRole('combobox', { name: `Status of ${step}` }).selectOption('done');
  }
  await moveOn(fay);
  await expect(currentPhase(fay)).toHaveText('Round 1 · Richten');

  const card = suggestion(fay);
  await expect(card).toContainText('Mogelijke partners');
  await expect(card).toContainText(
    'The group moved on from Verkennen in round 1 while this step was still open.',
  );
  await expect(card.getByRole('list', { name: 'Points of attention' }).getByRole('listitem')).not.toHaveCount(
    0,
  );
  await expect(card).toContainText('Roles');
  await expect(card).toContainText('The conversation');

  await pim.getByRole('button', { name: 'Steps' }).click();
  await expect(suggestion(pim)).toContainText('Mogelijke partners');
  await expect(suggestion(pim).getByRole('button', { name: 'Add to the plan' })).toHaveCount(0);

  await card.getByRole('button', { name: 'Add to the plan' }).click();
  await expect(card).toContainText('In this meeting’s plan');
  await expect(card).toContainText("This is the next item on this meeting's agenda.");
  // The server stored the plan and passed it on: the participant's suggestion shows it planned too.
  await expect(suggestion(pim)).toContainText('In this meeting’s plan');
});
