import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { addNote, addNoteIn, currentPhase, noteInList } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, moveOn, startRound, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Care in the region', task: 'One front door for informal carers' };

const roundView = (page: Page) => page.getByRole('dialog', { name: /per round$/ });
const column = (page: Page, name: string | RegExp) => roundView(page).getByRole('region', { name });
const noteIn = (page: Page, round: string | RegExp, text: string) =>
  column(page, round).getByRole('listitem').filter({ hasText: text });

async function reportMarkdown(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Export' }).click();
  const item = page
    .getByRole('menu', { name: 'Export' })
    .getByRole('menuitem', { name: 'Report (Markdown)' });
  const [saved] = await Promise.all([page.waitForEvent('download'), item.click()]);
  return readFile(await saved.path(), 'utf8');
}

/** From Richten on through Inrichten to Aan de slag. */
async function toAanDeSlag(fay: Page, round: number): Promise<void> {
  for (let phase = 0; phase < 2; phase++) await moveOn(fay);
  await expect(currentPhase(fay)).toHaveText(`Round ${round} · Aan de slag`);
}

test('twice round the circle: a note carried into round 2, the step per round, and the report comparing them', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  await fay.getByRole('button', { name: 'Start workshop' }).click();

  // Round 1: Pim writes in Verkennen and in Belangen; the group goes all the way round.
  await addNoteIn(pim, 'verkennen.partners', 'The library', 0.35);
  await moveOn(fay);
  await addNoteIn(pim, 'richten.belangen', 'Carers keep their job', 0.35);
  await addNoteIn(pim, 'richten.belangen', 'Less paperwork', 0.55);
  await toAanDeSlag(fay, 1);

  // At Aan de slag the facilitator starts round 2 and carries one of Pim's notes along; the rest is archived.
  await moveOn(fay);
  const start = fay.getByRole('dialog', { name: 'Start round 2' });
  await start.getByRole('radio', { name: /^Carry chosen notes along/ }).check();
  await start.getByRole('checkbox', { name: /Carers keep their job/ }).check();
  await start.getByRole('button', { name: 'Start round 2 with 1 note' }).click();
  for (const page of [fay, pim]) await expect(currentPhase(page)).toHaveText('Round 2 · Verkennen');
  await expect(noteInList(pim, 'Less paperwork')).toHaveCount(0);
  await expect(noteInList(pim, 'Carers keep their job')).toContainText('Carried from round 1');

  // Round 2: new notes in Belangen, none in Mogelijke partners; the group goes round again into round 3.
  await moveOn(fay);
  // "Add note" writes in the step Pim last wrote in here: Belangen, with round 1's notes dimmed around it.
  await addNote(pim, 'Young carers count too');
  await toAanDeSlag(fay, 2);
  await startRound(fay, 3);
  for (const page of [fay, pim]) await expect(currentPhase(page)).toHaveText('Round 3 · Verkennen');

  // The round view of Belangen, as Pim sees it: round 1's two notes, round 2 with the carried one and a new one.
  await pim.getByRole('button', { name: 'Rounds' }).click();
  await roundView(pim).getByRole('combobox', { name: 'Step' }).selectOption('richten.belangen');
  await expect(column(pim, 'Round 1')).toContainText('2 notes');
  await expect(noteIn(pim, 'Round 1', 'Carers keep their job')).toContainText('Carried into round 2');
  await expect(column(pim, 'Round 2').getByRole('listitem')).toHaveCount(2);
  await expect(noteIn(pim, 'Round 2', 'Carers keep their job')).toContainText('Carried from round 1');
  await expect(noteIn(pim, 'Round 2', 'Young carers count too')).not.toContainText('Carried');
  await expect(column(pim, /^Round 3/).getByRole('listitem')).toHaveCount(0);
  // Pim carries his own note of round 2 into round 3 from there.
  await noteIn(pim, 'Round 2', 'Young carers count too')
    .getByRole('button', { name: 'Carry into round 3' })
    .click();
  await expect(noteIn(pim, /^Round 3/, 'Young carers count too')).toContainText('Carried from round 2');
  await roundView(pim).getByRole('button', { name: 'Close' }).click();

  // The report compares the rounds: what changed in Belangen, and the step skipped after round 1.
  const markdown = await reportMarkdown(fay);
  expect(markdown).toContain('\n## What changed\n');
  expect(markdown).toContain('\n### Round 2 against round 1\n');
  expect(markdown).toContain('\n- Carried over from round 1: Carers keep their job — Pim\n');
  expect(markdown).toContain('\n- Dropped: Less paperwork — Pim\n');
  expect(markdown).toContain('\n- New: Young carers count too — Pim\n');
  expect(markdown).toContain('\n## Rounds compared\n');
  expect(markdown).toMatch(/\n\| Interests \| 2 notes · visited \| 2 notes \(1 carried over\) · visited \|/);
  expect(markdown).toMatch(/\n\| Possible partners[^|]*\| 1 note · visited \| 0 notes · skipped ⚠ \|/);
});
