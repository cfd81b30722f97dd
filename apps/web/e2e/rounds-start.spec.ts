import { expect, type Page } from '@playwright/test';
import { addNoteIn, currentPhase } from './board-actions.ts';
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

const roundView = (page: Page) => page.getByRole('dialog', { name: 'Belangen per round' });
const column = (page: Page, name: string | RegExp) => roundView(page).getByRole('region', { name });
const noteIn = (page: Page, round: string | RegExp, text: string) =>
  column(page, round).getByRole('listitem').filter({ hasText: text });

test('a facilitator starts round 2 carrying one note along, and the round view shows it per round', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');

  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await addNoteIn(fay, 'verkennen.eigen-situatie', 'Two care homes');
  await moveOn(fay);
  await addNoteIn(fay, 'richten.belangen', 'Carers keep their job');
  await addNoteIn(fay, 'richten.belangen', 'One front door', 0.85);
  await moveOn(fay);
  await moveOn(fay);
  await expect(currentPhase(fay)).toHaveText('Round 1 · Aan de slag');
  // Round 1 has nothing to compare yet: the header has no round view.
  await expect(fay.getByRole('button', { name: 'Rounds' })).toHaveCount(0);

  // Next phase at Aan de slag: first the open steps, then how round 2 starts.
  await moveOn(fay);
  const start = fay.getByRole('dialog', { name: 'Start round 2' });
  await expect(start).toBeVisible();
  await expect(currentPhase(fay)).toHaveText('Round 1 · Aan de slag');
  await expect(start.getByRole('radio', { name: /^Keep them on the board, dimmed/ })).toBeChecked();
  await start.getByRole('radio', { name: /^Carry chosen notes along/ }).check();
  await expect(start.getByRole('group', { name: /Belangen/ })).toContainText('0 of 2');
  await expect(start.getByRole('button', { name: 'Start round 2 with 0 notes' })).toBeDisabled();
  await start.getByRole('checkbox', { name: /Carers keep their job/ }).check();
  await expect(start.getByText('1 of 3 chosen')).toBeVisible();
  await start.getByRole('button', { name: 'Start round 2 with 1 note' }).click();
  await expect(start).toBeHidden();
  for (const page of [fay, pim]) await expect(currentPhase(page)).toHaveText('Round 2 · Verkennen');

  // The round view opens from the header at Verkennen; the step picker goes to Belangen.
  await fay.getByRole('button', { name: 'Rounds' }).click();
  await expect(fay.getByRole('dialog', { name: 'Eigen situatie per round' })).toBeVisible();
  await fay.getByRole('combobox', { name: 'Step' }).selectOption('richten.belangen');
  await expect(column(fay, 'Round 1')).toContainText('2 notes');
  await expect(column(fay, 'Round 1')).toContainText('Archived: only in this view');
  await expect(column(fay, /^Round 2/)).toContainText('now');
  await expect(noteIn(fay, /^Round 2/, 'Carers keep their job')).toContainText('Carried from round 1');
  await expect(noteIn(fay, 'Round 1', 'Carers keep their job')).toContainText('Carried into round 2');
  await expect(noteIn(fay, 'Round 1', 'One front door').getByRole('button')).toHaveText('Carry into round 2');

  // A participant opens the same step from elsewhere (a note's menu fires round-view-open) and reads along:
  // no carry buttons for Fay's notes, and Fay's carry shows at once.
  await pim.locator('kompas-board-canvas').evaluate((canvas) =>
    canvas.dispatchEvent(
      new CustomEvent('round-view-open', {
        detail: { step: 'richten.belangen' },
        bubbles: true,
        composed: true,
      }),
    ),
  );
  await expect(column(pim, /^Round 2/).getByRole('listitem')).toHaveCount(1);
  await expect(roundView(pim).getByRole('button', { name: /Carry into/ })).toHaveCount(0);
  await noteIn(fay, 'Round 1', 'One front door').getByRole('button', { name: 'Carry into round 2' }).click();
  await expect(noteIn(fay, 'Round 1', 'One front door')).toContainText('Carried into round 2');
  await expect(column(pim, /^Round 2/).getByRole('listitem')).toHaveCount(2);
  await expect(noteIn(pim, /^Round 2/, 'One front door')).toContainText('Carried from round 1');

  // The facilitator brings round 1's notes back onto the board, dimmed; the participant sees the change.
  await roundView(fay)
    .getByRole('combobox', { name: 'Start of round 2: earlier notes' })
    .selectOption('dimmed');
  await expect(column(pim, 'Round 1')).toContainText('Dimmed on the board');
  await roundView(pim).getByRole('button', { name: 'Close' }).click();
  await expect(roundView(pim)).toBeHidden();
});
