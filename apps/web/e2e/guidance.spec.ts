import { expect, type Page } from '@playwright/test';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, moveOn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const outcome = (page: Page) => page.getByRole('list', { name: 'By the end of this phase you know' });

test('everyone sees the guiding questions of the current phase, and they change with it', async ({
  browser,
}) => {
  const board = await createBoard(server, { title: 'Care in the region', task: 'One front door' });
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  await pim.getByRole('button', { name: 'Steps' }).click();

  // Before the workshop starts, the guidance is Verkennen's.
  const ownSituation = pim.getByRole('list', { name: 'Questions for Eigen situatie' });
  await expect(ownSituation).toBeHidden();
  await pim.getByText('Eigen situatie · Own situation', { exact: true }).click();
  await expect(ownSituation.getByRole('listitem').first()).toHaveText(
    'Where does our own organisation stand today?',
  );
  await expect(outcome(pim)).toContainText('who takes part in it');

  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await moveOn(fay);

  await expect(pim.getByRole('heading', { name: 'Steps of Richten' })).toBeVisible();
  await expect(ownSituation).toHaveCount(0);
  await expect(outcome(pim)).toContainText('the ambition the partners share');
  const interests = pim.getByRole('list', { name: 'Questions for Belangen' });
  await expect(interests).toBeHidden();
  await pim.getByText('Belangen · Interests', { exact: true }).click();
  await expect(interests.getByRole('listitem')).toHaveCount(3);
  await expect(interests).toContainText('Where do our interests meet, and where do they pull apart?');
});
