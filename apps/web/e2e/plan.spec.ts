import { expect, type Page } from '@playwright/test';
import { currentPhase } from './board-actions.ts';
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

const agenda = (page: Page) => page.getByRole('region', { name: 'Agenda' });
const agendaItem = (page: Page, step: string) => agenda(page).getByRole('listitem').filter({ hasText: step });
const remainingMs = (page: Page) => page.evaluate(() => window.kompasTimer?.remainingMs() ?? null);

/** The timer shows a box of `minutes`: a countdown just started from it, with less than a minute gone. */
async function expectTimerFrom(page: Page, minutes: number): Promise<void> {
  await expect
    .poll(async () => {
      const left = await remainingMs(page);
      return left !== null && left <= minutes * 60_000 && left > (minutes - 1) * 60_000;
    })
    .toBe(true);
}

test('a facilitator plans three steps, and Next runs them with their time boxes while everyone sees the agenda', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');

  // A participant sees no agenda before there is a plan, and has no editor.
  await expect(agenda(pim)).toHaveCount(0);
  await expect(pim.getByRole('button', { name: /plan/i })).toHaveCount(0);

  await fay.getByRole('button', { name: 'Plan this meeting' }).click();
  const editor = fay.getByRole('dialog', { name: 'Plan for meeting 1' });
  await expect(editor.getByLabel('Step 1', { exact: true })).toHaveValue('verkennen.eigen-situatie');
  await expect(editor.getByLabel('Aim of step 1', { exact: true })).toHaveValue(
    'Take stock of where your own organisation stands today.',
  );
  await editor.getByLabel('Minutes for step 1', { exact: true }).fill('10');
  await editor.getByRole('button', { name: 'Add step' }).click();
  await editor.getByLabel('Step 2', { exact: true }).selectOption('verkennen.opgave');
  await editor.getByLabel('Minutes for step 2', { exact: true }).fill('5');
  await editor.getByLabel('Aim of step 2', { exact: true }).fill('Name the task we share');
  await editor.getByRole('button', { name: 'Add step' }).click();
  await editor.getByLabel('Step 3', { exact: true }).selectOption('richten.belangen');
  await editor.getByLabel('Minutes for step 3', { exact: true }).fill('20');
  await expect(editor.getByText('Total: 35 min')).toBeVisible();
  await editor.getByLabel('Notetaker', { exact: true }).fill('Nina');
  await editor.getByRole('button', { name: 'Add partner' }).click();
  await editor.getByLabel('Partner 1: name', { exact: true }).fill('Piet');
  await editor.getByLabel('Partner 1: organisation', { exact: true }).fill('Gemeente');
  await editor.getByRole('button', { name: 'Save plan' }).click();
  await expect(editor).toBeHidden();

  for (const page of [fay, pim]) {
    await expect(agenda(page).getByRole('listitem')).toHaveCount(3);
    await expect(agendaItem(page, 'Eigen situatie')).toContainText('next');
  }
  await expect(pim.getByRole('button', { name: 'Edit plan' })).toHaveCount(0);
  await expect(pim.getByRole('dialog', { name: /Plan for meeting/ })).toHaveCount(0);

  // Starting the workshop starts the first item, with its time box on the timer.
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  for (const page of [fay, pim]) {
    await expect(currentPhase(page)).toHaveText('Round 1 · Verkennen');
    await expect(agendaItem(page, 'Eigen situatie')).toHaveAttribute('aria-current', 'step');
    await expect(agendaItem(page, 'Eigen situatie')).toContainText(/\d+:\d\d left/);
    await expect(agendaItem(page, 'Gezamenlijke opgave')).toContainText('next');
  }
  await expect.poll(() => fay.evaluate(() => window.kompasTimer?.clockReady())).toBe(true);
  await expectTimerFrom(fay, 10);

  // Next names the item it starts; the second is in the same phase.
  await fay.getByRole('button', { name: 'Next: Gezamenlijke opgave' }).click();
  await expect(currentPhase(fay)).toHaveText('Round 1 · Verkennen');
  await expectTimerFrom(fay, 5);
  for (const page of [fay, pim]) {
    await expect(agendaItem(page, 'Eigen situatie')).toHaveAttribute('data-status', 'done');
    await expect(agendaItem(page, 'Gezamenlijke opgave')).toHaveAttribute('aria-current', 'step');
  }

  // The third is in Richten: the group moves there, no question about open steps asked.
  await fay.getByRole('button', { name: 'Next: Belangen' }).click();
  await expect(fay.getByRole('dialog', { name: 'Move on with open steps?' })).toBeHidden();
  for (const page of [fay, pim]) {
    await expect(currentPhase(page)).toHaveText('Round 1 · Richten');
    await expect(agendaItem(page, 'Gezamenlijke opgave')).toHaveAttribute('data-status', 'done');
    await expect(agendaItem(page, 'Belangen')).toHaveAttribute('aria-current', 'step');
  }
  await expectTimerFrom(fay, 20);

  // After the last item, Next finishes it; then it is the ordinary Next phase again.
  await fay.getByRole('button', { name: 'Finish: Belangen' }).click();
  await expect(agendaItem(pim, 'Belangen')).toHaveAttribute('data-status', 'done');
  await expect(fay.getByRole('button', { name: 'Next phase' })).toBeVisible();
});

test('a facilitator skips an item, and starts a new meeting that has no plan yet', async ({ browser }) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');

  await fay.getByRole('button', { name: 'Plan this meeting' }).click();
  const editor = fay.getByRole('dialog', { name: 'Plan for meeting 1' });
  await editor.getByRole('button', { name: 'Add step' }).click();
  await editor.getByRole('button', { name: 'Save plan' }).click();
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await fay.getByRole('button', { name: 'Skip Mogelijke partners' }).click();
  await expect(agendaItem(pim, 'Mogelijke partners')).toHaveAttribute('data-status', 'skipped');
  await expect(fay.getByRole('button', { name: 'Finish: Eigen situatie' })).toBeVisible();

  await fay.getByRole('button', { name: 'New meeting' }).click();
  const start = fay.getByRole('dialog', { name: 'Start meeting 2?' });
  await expect(start.getByText('No issues in hand are open.')).toBeVisible();
  await start.getByRole('button', { name: 'Start meeting 2' }).click();
  await expect(agenda(fay)).toContainText('Meeting 2');
  await expect(agenda(fay)).toContainText('No plan yet');
  await expect(agenda(pim)).toHaveCount(0);
});
