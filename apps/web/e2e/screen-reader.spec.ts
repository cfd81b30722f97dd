import { expect, type Page } from '@playwright/test';
import { addNoteIn, boardAsList, noteInList } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, joinIn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Care in the region', task: 'One front door for informal carers' };
/** Long enough for the server to have logged what a browser just did. */
const SETTLE_MS = 300;

/** Where the board's document has the note with `text`: its step, as the canvas draws it. */
const stepOf = (page: Page, text: string) =>
  page.evaluate((wanted) => window.kompas?.notes().find((note) => note.text === wanted)?.step ?? null, text);

test('the board as a list reads phases, steps and notes, and writes, edits, moves and votes from the keyboard', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  const otto = await joinAsNewPerson(browser, board.links.observer, 'Otto');

  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await addNoteIn(fay, 'verkennen.eigen-situatie', 'Huisartsen zitten vol');
  await addNoteIn(pim, 'verkennen.eigen-situatie', 'Mantelzorgers haken af', 0.8);
  await addNoteIn(pim, 'verkennen.partners', 'Bibliotheek als loket');
  await addNoteIn(fay, 'richten.belangen', 'Minder wachtlijsten');
  await expect(noteInList(otto, 'Minder wachtlijsten')).toBeAttached();
  await fay.waitForTimeout(SETTLE_MS);
  const beforeWriting = Date.now();

  // The structure: phases (the current one marked), steps with their counts, notes with author, in cycle order.
  const read = await boardAsList(pim).ariaSnapshot();
  const notesRead = [...read.matchAll(/- listitem:\n\s*- paragraph: (.*)/g)].map((match) => match[1]);
  expect(notesRead).toEqual([
    'Huisartsen zitten vol',
    'Mantelzorgers haken af',
    'Bibliotheek als loket',
    'Minder wachtlijsten',
  ]);
  await expect(boardAsList(pim)).toMatchAriaSnapshot(`
    - region "Board as a list":
      - paragraph: Board as a list
      - heading "Verkennen · Explore (current phase)" [level=2]
      - heading "Eigen situatie · Own situation (2 notes)" [level=3]
      - list "Notes in Eigen situatie · Own situation":
        - listitem:
          - paragraph: Huisartsen zitten vol
          - paragraph: by Fay
          - button "Edit"
          - button "Move"
        - listitem:
          - paragraph: Mantelzorgers haken af
          - paragraph: by Pim
          - button "Edit"
          - button "Move"
      - button "Write a note in Eigen situatie · Own situation": Write a note
      - heading "Mogelijke partners · Possible partners (1 note)" [level=3]
      - list "Notes in Mogelijke partners · Possible partners":
        - listitem:
          - paragraph: Bibliotheek als loket
          - paragraph: by Pim
          - button "Edit"
          - button "Move"
      - heading "Gezamenlijke opgave · Joint task (0 notes)" [level=3]
      - heading "Richten · Set direction" [level=2]
      - heading "Belangen · Interests (1 note)" [level=3]
      - list "Notes in Belangen · Interests":
        - listitem:
          - paragraph: Minder wachtlijsten
          - paragraph: by Fay
          - button "Edit"
          - button "Move"
      - heading "Gezamenlijke ambitie · Shared ambition (0 notes)" [level=3]
      - heading "Inrichten · Organise" [level=2]
      - heading "Aan de slag · Work together" [level=2]
      - heading "Vitaliteit · Vitality (0 notes)" [level=3]
  `);
  // An observer reads the same board, with nothing to press.
  await expect(
    boardAsList(otto).getByRole('heading', { name: 'Belangen · Interests (1 note)' }),
  ).toBeAttached();
  await expect(boardAsList(otto).getByRole('button')).toHaveCount(0);

  // The skip link is the first stop of the keyboard; it takes the focus into the list, shown as a panel.
  await pim.reload();
  await expect(pim.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await expect(boardAsList(pim)).not.toBeInViewport();
  await pim.keyboard.press('Tab');
  await expect(pim.getByRole('link', { name: 'Board as a list' })).toBeFocused();
  await pim.keyboard.press('Enter');
  await expect(boardAsList(pim)).toBeFocused();
  await expect(boardAsList(pim)).toBeInViewport();

  // Write a note into a step.
  await boardAsList(pim)
    .getByRole('button', { name: 'Write a note in Gezamenlijke opgave · Joint task' })
    .focus();
  await pim.keyboard.press('Enter');
  await expect(
    boardAsList(pim).getByRole('textbox', { name: 'New note in Gezamenlijke opgave · Joint task' }),
  ).toBeFocused();
  await pim.keyboard.type('Eén loket');
  await pim.keyboard.press('Enter');
  await expect(
    boardAsList(pim).getByRole('heading', { name: 'Gezamenlijke opgave · Joint task (1 note)' }),
  ).toBeAttached();
  await expect.poll(() => stepOf(fay, 'Eén loket')).toBe('verkennen.opgave');

  // Edit it: the text opens in a field, Enter saves.
  await noteInList(pim, 'Eén loket').getByRole('button', { name: 'Edit' }).focus();
  await pim.keyboard.press('Enter');
  const field = boardAsList(pim).getByRole('textbox', { name: 'New text' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('Eén loket');
  await pim.keyboard.type(' voor mantelzorgers');
  await pim.keyboard.press('Enter');
  await expect.poll(() => stepOf(fay, 'Eén loket voor mantelzorgers')).toBe('verkennen.opgave');
  await expect(
    noteInList(pim, 'Eén loket voor mantelzorgers').getByRole('button', { name: 'Edit' }),
  ).toBeFocused();

  // Move it to a step of another phase: the focus goes along with the note.
  await pim.keyboard.press('Tab');
  await pim.keyboard.press('Enter');
  const steps = boardAsList(pim).getByRole('combobox', { name: 'Move to step' });
  await expect(steps).toBeFocused();
  await expect(steps).toHaveValue('richten.belangen');
  await pim.keyboard.press('ArrowDown');
  await expect(steps).toHaveValue('richten.ambitie');
  await pim.keyboard.press('Tab');
  await pim.keyboard.press('Enter');
  await expect.poll(() => stepOf(fay, 'Eén loket voor mantelzorgers')).toBe('richten.ambitie');
  await expect(
    boardAsList(fay).getByRole('heading', { name: 'Gezamenlijke ambitie · Shared ambition (1 note)' }),
  ).toBeAttached();
  const moved = noteInList(pim, 'Eén loket voor mantelzorgers');
  await expect(moved.getByRole('button', { name: 'Move' })).toBeFocused();

  // Vote on it in a round with live results and two votes each: the buttons go when the budget is spent.
  await expect(moved.getByRole('button', { name: 'Vote' })).toHaveCount(0);
  await fay.getByRole('button', { name: 'Voting', exact: true }).click();
  await fay.getByRole('region', { name: 'Voting' }).getByRole('button', { name: 'Start voting' }).click();
  const dialog = fay.getByRole('dialog', { name: 'Start a voting round' });
  await dialog.getByLabel('Votes per person').fill('2');
  await dialog.getByRole('radio', { name: 'The whole board' }).check();
  await dialog.getByRole('radio', { name: 'Shown live as votes come in' }).check();
  await dialog.getByRole('button', { name: 'Start voting' }).click();
  await moved.getByRole('button', { name: 'Vote', exact: true }).focus();
  await pim.keyboard.press('Enter');
  await expect(moved).toContainText('your votes: 1');
  await pim.keyboard.press('Enter');
  await expect(moved).toContainText('2 votes');
  await expect(moved.getByRole('button', { name: 'Take back a vote' })).toBeFocused();
  await expect(boardAsList(pim).getByRole('button', { name: 'Vote', exact: true })).toHaveCount(0);
  await expect(noteInList(fay, 'Eén loket voor mantelzorgers')).toContainText('2 votes');
  const movedId = await pim.evaluate(
    () => window.kompas?.notes().find((note) => note.text === 'Eén loket voor mantelzorgers')?.id ?? '',
  );
  await expect.poll(() => fay.evaluate((id) => window.kompas?.voteBadge(id)?.text, movedId)).toBe('Vote · 2');

  // The replay has the same structure for the moment shown, with nothing to press.
  await fay.waitForTimeout(SETTLE_MS);
  const link = new URL(board.links.participant);
  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto(`${link.origin}${link.pathname}/replay${link.hash}`);
  await expect
    .poll(() => viewer.evaluate(() => window.kompasReplay?.end() ?? 0))
    .toBeGreaterThan(beforeWriting);
  await viewer.evaluate((t) => window.kompasReplay?.seek(t), beforeWriting);
  await expect(
    boardAsList(viewer).getByRole('heading', { name: 'Eigen situatie · Own situation (2 notes)' }),
  ).toBeAttached();
  await expect(
    boardAsList(viewer).getByRole('heading', { name: 'Gezamenlijke ambitie · Shared ambition (0 notes)' }),
  ).toBeAttached();
  await expect(boardAsList(viewer).getByRole('listitem')).toHaveCount(4);
  await expect(boardAsList(viewer).getByRole('button')).toHaveCount(0);
  const end = await viewer.evaluate(() => window.kompasReplay?.end() ?? 0);
  await viewer.evaluate((t) => window.kompasReplay?.seek(t), end);
  await expect(boardAsList(viewer)).toMatchAriaSnapshot(`
    - heading "Gezamenlijke ambitie · Shared ambition (1 note)" [level=3]
    - list "Notes in Gezamenlijke ambitie · Shared ambition":
      - listitem:
        - paragraph: Eén loket voor mantelzorgers
        - paragraph: by Pim 2 votes
  `);
});

test('the skip link is there from the start, and takes the focus to the list once the list’s code arrives', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  // No service worker: it would fetch the board's tools itself, past the slow route.
  const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  // The board as a list comes with the tools, after the canvas: here much later than usual.
  let releaseList = () => {};
  const listHeld = new Promise<void>((release) => {
    releaseList = release;
  });
  await page.route(/\/assets\/notes-list-[\w-]+\.js$/, async (route) => {
    await listHeld;
    await route.continue();
  });
  await joinIn(page, board.links.participant, 'Pim');

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Board as a list' })).toBeFocused();
  await page.keyboard.press('Enter');
  releaseList();
  await expect(boardAsList(page)).toBeFocused();
});
