import { expect } from '@playwright/test';
import { currentPhase } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, moveOn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

test('two facilitators lead together: pressing at the same moment leaves everyone in one state', async ({
  browser,
}) => {
  const board = await createBoard(server, {
    title: 'Shared river banks',
    task: 'Who keeps the dykes green?',
  });
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const finn = await joinAsNewPerson(browser, board.links.facilitator, 'Finn');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  const everyone = [fay, finn, pim];
  const errors: Error[] = [];
  for (const page of everyone) page.on('pageerror', (error) => errors.push(error));

  await fay.getByRole('button', { name: 'Start workshop' }).click();
  for (const page of everyone) await expect(currentPhase(page)).toHaveText('Round 1 · Verkennen');

  // Both decide to move on from Verkennen and confirm at the same moment: the group moves on once, not twice,
  // whether the two moves cross on the wire or one arrives before the other confirms.
  for (const page of [fay, finn]) {
    await page.getByRole('button', { name: 'Next phase' }).click();
    await expect(page.getByRole('dialog', { name: 'Move on with open steps?' })).toBeVisible();
  }
  await Promise.all(
    [fay, finn].map(async (page) => {
      const question = page.getByRole('dialog', { name: 'Move on with open steps?' });
      // When the other's move arrives first, the question closes by itself: the group has moved meanwhile.
      await question
        .getByRole('button', { name: 'Move on' })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await expect(question).toBeHidden();
    }),
  );
  for (const page of everyone) await expect(currentPhase(page)).toHaveText('Round 1 · Richten');
  await expect
    .poll(() => fay.evaluate(() => window.kompas?.currentPhase()))
    .toEqual({ phase: 'richten', round: 1 });
  // And from there, one more press moves on as usual.
  await moveOn(finn);
  for (const page of everyone) await expect(currentPhase(page)).toHaveText('Round 1 · Inrichten');

  // Different buttons at once: Fay locks the board while Finn starts a silent brainstorm; both hold.
  await fay.getByRole('button', { name: 'Lock', exact: true }).click();
  await Promise.all([
    fay.getByRole('menuitemradio', { name: 'Lock whole board' }).click(),
    finn.getByRole('button', { name: 'Start silent brainstorm' }).click(),
  ]);
  for (const page of everyone) {
    await expect(page.getByRole('status').filter({ hasText: 'Board locked' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Silent brainstorm' })).toBeVisible();
  }
  await expect(fay.getByRole('button', { name: 'Start silent brainstorm' })).toHaveCount(0);

  // Both reveal at once: one reveal, no error, and the round is over for everyone.
  await fay.getByRole('button', { name: 'Lock', exact: true }).click();
  await fay.getByRole('menuitemradio', { name: 'Unlock' }).click();
  await pim.getByRole('button', { name: 'Add note' }).click();
  await pim.getByLabel('Note text').fill('Sheep instead of mowers');
  await pim.getByLabel('Note text').press('Enter');
  for (const page of [fay, finn]) {
    await expect(page.getByRole('status').filter({ hasText: '1 private note from 1 person' })).toBeVisible();
  }
  // The later press may find the round already revealed and its button gone: that is an outcome, not a failure.
  await Promise.all(
    [fay, finn].map((page) =>
      page
        .getByRole('button', { name: 'Reveal notes' })
        .click({ timeout: 3000 })
        .catch(() => undefined),
    ),
  );
  for (const page of everyone) {
    await expect(page.getByRole('region', { name: 'Silent brainstorm' })).toHaveCount(0);
    const notes = page.getByRole('list', { name: 'Notes' }).getByRole('listitem');
    await expect(notes).toHaveCount(1);
    await expect(notes).toHaveText(/Sheep instead of mowers/);
    await expect(notes).not.toContainText('private');
  }
  expect(errors).toEqual([]);
});
