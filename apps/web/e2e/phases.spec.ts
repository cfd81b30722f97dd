import { expect, type Page } from '@playwright/test';
import { currentPhase } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { type CreatedBoard, createBoard, joinAsNewPerson, moveOn, startRound, test } from './workshop.ts';

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

const currentPhaseHook = (page: Page) => page.evaluate(() => window.kompas?.currentPhase() ?? null);

test('the facilitator leads the group around the circle and everyone follows', async ({ browser }) => {
  const board = await newBoard();
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  const otto = await joinAsNewPerson(browser, board.links.observer, 'Otto');
  const everyone = [fay, pim, otto];
  const others = [pim, otto];

  for (const page of everyone) {
    await expect(currentPhase(page)).toHaveText('Not started');
    expect(await currentPhaseHook(page)).toBeNull();
  }
  for (const page of others) {
    await expect(page.getByRole('button', { name: 'Start workshop' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Next phase' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Previous phase' })).toHaveCount(0);
  }

  await fay.getByRole('button', { name: 'Start workshop' }).click();
  for (const page of everyone) await expect(currentPhase(page)).toHaveText('Round 1 · Verkennen');
  await expect(fay.getByRole('button', { name: 'Previous phase' })).toBeDisabled();

  await moveOn(fay);
  for (const page of everyone) {
    await expect(currentPhase(page)).toHaveText('Round 1 · Richten');
    await expect(page.getByText('Now: Richten — Set direction (round 1)')).toBeVisible();
    await expect.poll(() => currentPhaseHook(page)).toEqual({ phase: 'richten', round: 1 });
  }
  for (const page of others) await expect(page.getByRole('button', { name: 'Next phase' })).toHaveCount(0);

  for (const phase of ['Inrichten', 'Aan de slag']) {
    await moveOn(fay);
    await expect(currentPhase(fay)).toHaveText(`Round 1 · ${phase}`);
  }
  // Moving on from Aan de slag starts round 2: the facilitator keeps the notes as they are (dimmed).
  await startRound(fay, 2);
  for (const page of everyone) {
    await expect(currentPhase(page)).toHaveText('Round 2 · Verkennen');
    await expect(page.getByText('Now: Verkennen — Explore (round 2)')).toBeVisible();
    await expect.poll(() => currentPhaseHook(page)).toEqual({ phase: 'verkennen', round: 2 });
  }

  await fay.getByRole('button', { name: 'Previous phase' }).click();
  for (const page of everyone) {
    await expect(currentPhase(page)).toHaveText('Round 1 · Aan de slag');
    await expect(page.getByText('Now: Aan de slag — Work together (round 1)')).toBeVisible();
  }
});

test('someone joining later sees the current phase without an announcement', async ({ browser }) => {
  const board = await newBoard();
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await moveOn(fay);
  await expect(currentPhase(fay)).toHaveText('Round 1 · Richten');

  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  await expect(currentPhase(pim)).toHaveText('Round 1 · Richten');
  await expect(pim.getByText(/^Now: /)).toHaveCount(0);
});
