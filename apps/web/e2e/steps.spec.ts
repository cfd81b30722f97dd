import { expect, type Page } from '@playwright/test';
import { currentPhase } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { type CreatedBoard, createBoard, joinAsNewPerson, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Care in the region', task: 'One front door for informal carers' };

function newBoard(): Promise<CreatedBoard> {
  return createBoard(server, WORKSHOP);
}

const currentSteps = (page: Page) => page.getByRole('list', { name: 'Status per step' });
const openStepsDialog = (page: Page) => page.getByRole('dialog', { name: 'Move on with open steps?' });
const diagnosisRow = (page: Page, phase: string, step: string) =>
  page.getByRole('table', { name: `Diagnosis of ${phase}` }).getByRole('row', { name: step });

test('the facilitator ticks off steps, is asked before leaving open ones, and the diagnosis flags them', async ({
  browser,
}) => {
  const board = await newBoard();
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');

  await fay.getByRole('button', { name: 'Start workshop' }).click();
  for (const page of [fay, pim]) {
    await expect(currentPhase(page)).toHaveText('Round 1 · Verkennen');
    await page.getByRole('button', { name: 'Steps' }).click();
    await expect(currentSteps(page).getByRole('listitem')).toHaveCount(3);
  }

  await fay.getByRole('combobox', { name: 'Status of Eigen situatie' }).selectOption('done');
  await expect(pim.getByRole('combobox')).toHaveCount(0);
  await expect(currentSteps(pim).getByRole('listitem').filter({ hasText: 'Eigen situatie' })).toContainText(
    'done',
  );

  await fay.getByRole('button', { name: 'Next phase' }).click();
  const dialog = openStepsDialog(fay);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('listitem')).toHaveText(['Mogelijke partners', 'Gezamenlijke opgave']);
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(dialog).toBeHidden();
  await expect(currentPhase(fay)).toHaveText('Round 1 · Verkennen');
  await expect(currentPhase(pim)).toHaveText('Round 1 · Verkennen');

  await fay.getByRole('button', { name: 'Next phase' }).click();
  await dialog.getByRole('button', { name: 'Move on' }).click();
  for (const page of [fay, pim]) await expect(currentPhase(page)).toHaveText('Round 1 · Richten');

  const diagnosis = fay.getByRole('region', { name: 'Diagnosis' });
  await expect(diagnosis).toBeVisible();
  await expect(diagnosisRow(fay, 'Verkennen', 'Mogelijke partners')).toContainText('Skipped');
  await expect(diagnosisRow(fay, 'Verkennen', 'Gezamenlijke opgave')).toContainText('Skipped');
  await expect(diagnosisRow(fay, 'Verkennen', 'Eigen situatie')).not.toContainText('Skipped');
  await expect(diagnosisRow(fay, 'Verkennen', 'Eigen situatie')).toContainText('done');
  await expect(diagnosisRow(pim, 'Verkennen', 'Mogelijke partners')).toContainText('Skipped');
});

test('moving on asks nothing when no step of the phase is open', async ({ browser }) => {
  const board = await newBoard();
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await fay.getByRole('button', { name: 'Steps' }).click();
  for (const step of ['Eigen situatie', 'Mogelijke partners', 'Gezamenlijke opgave']) {
    await fay.getByRole('combobox', { name: `Status of ${step}` }).selectOption('done');
  }
  await fay.getByRole('button', { name: 'Next phase' }).click();
  await expect(currentPhase(fay)).toHaveText('Round 1 · Richten');
  await expect(openStepsDialog(fay)).toHaveCount(0);
});
