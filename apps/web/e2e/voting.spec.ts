import { expect, type Page } from '@playwright/test';
import { addNoteAt, noteItem, voteFor, votingStatus } from './board-actions.ts';
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

async function noteId(page: Page, text: string): Promise<string> {
  const id = await page.evaluate((wanted) => window.kompas?.notes().find((n) => n.text === wanted)?.id, text);
  if (!id) throw new Error(`note "${text}" is not on the canvas`);
  return id;
}

const badge = (page: Page, id: string) => page.evaluate((note) => window.kompas?.voteBadge(note) ?? null, id);
const takeBack = (page: Page, text: string) =>
  page.getByRole('button', { name: `Take back vote on ${text}` });
const results = (page: Page) => page.getByRole('list', { name: 'Voting results' }).getByRole('listitem');

async function startVoting(
  page: Page,
  round: {
    budget: number;
    scope: string;
    results: 'Hidden until voting closes' | 'Shown live as votes come in';
    spread?: boolean;
  },
): Promise<void> {
  const panel = page.getByRole('region', { name: 'Voting' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Voting', exact: true }).click();
  await panel.getByRole('button', { name: 'Start voting' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a voting round' });
  await dialog.getByLabel('Votes per person').fill(String(round.budget));
  if (round.spread) await dialog.getByRole('checkbox', { name: 'At most one vote per note' }).check();
  await dialog.getByRole('radio', { name: round.scope }).check();
  await dialog.getByRole('radio', { name: round.results }).check();
  await dialog.getByRole('button', { name: 'Start voting' }).click();
  await expect(dialog).toBeHidden();
}

test('a voting round with hidden results: votes within the budget, on one phase, totals after closing', async ({
  browser,
}) => {
  const board = await newBoard();
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  const otto = await joinAsNewPerson(browser, board.links.observer, 'Otto');
  const everyone = [fay, pim, otto];

  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await addNoteAt(pim, 'Shared front door', 15);
  await addNoteAt(pim, 'Volunteer pool', 75);
  await addNoteAt(pim, 'Budget from the region', 135);
  for (const page of everyone) await expect(noteItem(page, 'Budget from the region')).toBeAttached();
  const frontDoor = await noteId(pim, 'Shared front door');
  const budgetNote = await noteId(pim, 'Budget from the region');

  await startVoting(fay, {
    budget: 3,
    scope: 'The current phase (Verkennen)',
    results: 'Hidden until voting closes',
  });
  await expect(votingStatus(fay)).toHaveText('Voting: 3 votes left');
  await expect(votingStatus(pim)).toHaveText('Voting: 3 votes left');
  await expect(votingStatus(otto)).toHaveText('Voting open');

  // Only the notes of Verkennen are in the round.
  await expect(voteFor(pim, 'Shared front door')).toBeEnabled();
  await expect(voteFor(pim, 'Budget from the region')).toHaveCount(0);
  expect(await badge(pim, budgetNote)).toBeNull();

  // One vote from the note's badge on the board, the others from the panel.
  const dot = await badge(pim, frontDoor);
  expect(dot?.text).toBe('Vote');
  await pim.mouse.click(dot?.x ?? 0, dot?.y ?? 0);
  await expect(votingStatus(pim)).toHaveText('Voting: 2 votes left');
  await expect.poll(async () => (await badge(pim, frontDoor))?.text).toBe('●');
  await voteFor(pim, 'Shared front door').click();
  await voteFor(pim, 'Volunteer pool').click();
  await expect(votingStatus(pim)).toHaveText('Voting: 0 votes left');
  await expect(voteFor(pim, 'Shared front door')).toBeDisabled();
  await expect(voteFor(pim, 'Volunteer pool')).toBeDisabled();

  await takeBack(pim, 'Shared front door').click();
  await expect(votingStatus(pim)).toHaveText('Voting: 1 vote left');
  await voteFor(pim, 'Volunteer pool').click();
  await expect(votingStatus(pim)).toHaveText('Voting: 0 votes left');
  await voteFor(fay, 'Volunteer pool').click();
  await expect(votingStatus(fay)).toHaveText('Voting: 2 votes left');

  // While the round runs, nobody sees totals; the facilitator sees how many votes were cast.
  await expect(fay.getByText('4 votes cast so far.')).toBeVisible();
  for (const page of [fay, otto]) {
    await expect(page.getByRole('list', { name: 'Notes to vote on' })).not.toContainText(/\d+ votes?\b/);
  }
  expect(await badge(otto, frontDoor)).toBeNull();
  await expect(otto.getByRole('button', { name: /^Vote for/ })).toHaveCount(0);
  await expect(otto.getByRole('button', { name: /^Take back vote/ })).toHaveCount(0);

  await fay.getByRole('button', { name: 'Close voting' }).click();
  // "Voting closed" is up for a few seconds only: everyone sees it first.
  await Promise.all(everyone.map((page) => expect(votingStatus(page)).toHaveText('Voting closed')));
  for (const page of everyone) {
    await expect(results(page)).toHaveCount(2);
    await expect(results(page).nth(0)).toContainText('Volunteer pool');
    await expect(results(page).nth(0)).toContainText('3 votes');
    await expect(results(page).nth(1)).toContainText('Shared front door');
    await expect(results(page).nth(1)).toContainText('1 vote');
    await expect(page.getByRole('button', { name: 'Sort by votes' })).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => (await badge(page, frontDoor))?.text).toBe('1 vote');
    await expect(page.getByRole('button', { name: /^Vote for/ })).toHaveCount(0);
  }
  // Then the message fades away, and the results stay.
  await expect(votingStatus(pim)).toHaveCount(0);
  await expect(results(pim)).toHaveCount(2);
});

test('a live voting round shows totals to everyone as votes arrive', async ({ browser }) => {
  const board = await newBoard();
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  const otto = await joinAsNewPerson(browser, board.links.observer, 'Otto');

  await addNoteAt(pim, 'Shared front door', 15);
  await addNoteAt(pim, 'Budget from the region', 135);
  const budgetNote = await noteId(pim, 'Budget from the region');
  await startVoting(fay, {
    budget: 2,
    scope: 'The whole board',
    results: 'Shown live as votes come in',
    spread: true,
  });
  await expect(pim.getByRole('region', { name: 'Voting' })).toContainText(
    '2 votes per person, at most one per note on every note on the board.',
  );

  const list = (page: Page) =>
    page.getByRole('list', { name: 'Notes to vote on' }).getByRole('listitem').filter({ hasText: 'Budget' });
  await expect(list(otto)).toContainText('0 votes');
  await voteFor(pim, 'Budget from the region').click();
  for (const page of [fay, otto]) await expect(list(page)).toContainText('1 vote');
  await expect.poll(async () => (await badge(otto, budgetNote))?.text).toBe('1');
  await expect.poll(async () => (await badge(fay, budgetNote))?.text).toBe('Vote · 1');
  await voteFor(fay, 'Budget from the region').click();
  await expect(list(otto)).toContainText('2 votes');
  await expect(list(pim)).toContainText('2 votes');
  await expect(votingStatus(pim)).toHaveText('Voting: 1 vote left');
  // The votes are spread: Pim's second vote cannot go on the same note, only on another.
  await expect(voteFor(pim, 'Budget from the region')).toBeDisabled();
  await voteFor(pim, 'Shared front door').click();
  await expect(votingStatus(pim)).toHaveText('Voting: 0 votes left');
});
