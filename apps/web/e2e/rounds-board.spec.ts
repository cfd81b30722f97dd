import { setEarlierNotes, startNextRound } from '@kompas/model';
import { expect, type Page } from '@playwright/test';
import { addNote, boardAsList, currentPhase, noteInList } from './board-actions.ts';
import { coFacilitator } from './co-facilitator.ts';
import { KompasProcess } from './server.ts';
import { type CreatedBoard, createBoard, joinAsNewPerson, moveOn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Care in the region', task: 'One front door for informal carers' };

/** The notes on the canvas with `text`: whether each is drawn faded, and its round mark. */
const onCanvas = (page: Page, text: string) =>
  page.evaluate(
    (wanted) =>
      window.kompas
        ?.notes()
        .filter((note) => note.text === wanted)
        .map(({ dimmed, roundMark }) => ({ dimmed, roundMark })) ?? [],
    text,
  );

/** Presses a button with the keyboard, as in the (visually hidden) board as a list. */
async function press(button: ReturnType<Page['getByRole']>): Promise<void> {
  await button.focus();
  await button.press('Enter');
}

test('notes of round 1 stay dimmed with their round, people carry them into round 2, and archived ones leave', async ({
  browser,
}) => {
  const created = (await createBoard(server, WORKSHOP)) as CreatedBoard & { tokens: { facilitator: string } };
  const fay = await joinAsNewPerson(browser, created.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, created.links.participant, 'Pim');
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await addNote(pim, 'Shared front door');
  await addNote(pim, 'Volunteer pool');
  await addNote(fay, 'Evening opening hours');

  // Once round the circle, to Aan de slag.
  for (let move = 0; move < 3; move++) await moveOn(fay);
  await expect(currentPhase(fay)).toContainText('Aan de slag');

  // Round 2 starts with the notes of round 1 kept on the board, dimmed (the new-round dialog is not this spec's).
  const gijs = await coFacilitator(server, created.id, created.tokens.facilitator);
  startNextRound(gijs.control, { earlier: 'dimmed' });
  await expect(noteInList(pim, 'Shared front door')).toContainText('Written in round 1');
  await expect(noteInList(pim, 'Evening opening hours')).toContainText('Written in round 1');
  await expect.poll(() => onCanvas(pim, 'Volunteer pool')).toEqual([{ dimmed: true, roundMark: 'R1' }]);
  await expect(
    boardAsList(pim).getByRole('heading', { name: /\(0 in this round, 3 from earlier rounds\)$/ }),
  ).toBeAttached();

  // Pim carries his own note along from the list; Fay's he may not.
  await expect(noteInList(pim, 'Evening opening hours').getByRole('button', { name: /^Carry/ })).toHaveCount(
    0,
  );
  await press(noteInList(pim, 'Shared front door').getByRole('button', { name: 'Carry into round 2' }));
  const carried = noteInList(pim, 'Shared front door').filter({ hasText: 'Carried from round 1' });
  await expect(carried).toHaveCount(1);
  await expect(carried).not.toContainText('Written in round 1');
  await expect(noteInList(pim, 'Shared front door').filter({ hasText: 'Carried into round 2' })).toHaveCount(
    1,
  );
  await expect
    .poll(() => onCanvas(fay, 'Shared front door'))
    .toEqual([
      { dimmed: true, roundMark: 'R1' },
      { dimmed: false, roundMark: '↻ R1' },
    ]);

  // Fay opens her note on the canvas: its card says its round, shows the step per round and carries it along.
  await fay.evaluate(() => {
    document.addEventListener('round-view-open', (event) => {
      document.body.dataset.roundView = (event as CustomEvent<{ step: string }>).detail.step;
    });
  });
  const evening = await fay.evaluate(() =>
    window.kompas?.notes().find((n) => n.text === 'Evening opening hours'),
  );
  if (!evening) throw new Error('the note is not on the canvas');
  await fay.mouse.click(evening.x, evening.y);
  const card = fay.getByRole('dialog', { name: 'Note by Fay' });
  await expect(card).toContainText('Written in round 1');
  await card.getByRole('button', { name: 'See this step per round' }).click();
  await expect(fay.locator('body')).toHaveAttribute('data-round-view', evening.step);
  const roundView = fay.getByRole('dialog', { name: /per round$/ });
  await expect(roundView.getByText('Evening opening hours')).toBeVisible();
  await fay.keyboard.press('Escape');
  await expect(roundView).toBeHidden();
  if (!(await card.isVisible())) await fay.mouse.click(evening.x, evening.y);
  await card.getByRole('button', { name: 'Carry into round 2' }).click();
  await expect(card).toContainText('Written in round 1 · Carried into round 2');
  await expect(card.getByRole('button', { name: 'Carry into round 2' })).toHaveCount(0);
  await expect(
    noteInList(pim, 'Evening opening hours').filter({ hasText: 'Carried from round 1' }),
  ).toHaveCount(1);

  // The facilitator changes their mind: round 1's notes are archived, off the board, in the list too.
  setEarlierNotes(gijs.control, 2, 'archived');
  await expect(boardAsList(pim).getByText('Written in round 1')).toHaveCount(0);
  await expect(noteInList(pim, 'Volunteer pool')).toHaveCount(0);
  await expect(noteInList(pim, 'Shared front door')).toHaveCount(1);
  await expect.poll(() => onCanvas(pim, 'Volunteer pool')).toEqual([]);
  await expect.poll(() => onCanvas(pim, 'Shared front door')).toEqual([{ dimmed: false, roundMark: '↻ R1' }]);
  gijs.close();
});
