import { BOARD_RADIUS, CENTRE_RADIUS, pointToSlice } from '@kompas/model';
import { expect, type Page } from '@playwright/test';
import { addNote, addNoteIn, dragNote, noteItem } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinAsNewPerson, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const STEP = 'verkennen.partners';
/** The step's label runs along the rim; no note may reach into it. */
const LABEL_BAND = 100;

const OPENINGS = [
  'De gemeente kan de wijkteams vaker laten aanschuiven',
  'Mantelzorgers weten niet waar ze terecht kunnen',
  'De huisartsenpraktijk wil meedoen als er tijd voor vrijkomt',
  'Het zorgkantoor vraagt om een gezamenlijke aanvraag',
  'Vrijwilligers van de buurtkamer zien de eenzaamheid het eerst',
  'De woningcorporatie heeft ruimte in het nieuwe wijkcentrum',
];
const ENDINGS = [
  'zodat we niet langs elkaar heen werken en bewoners één loket hebben.',
  'maar dan moeten we eerst afspreken wie de regie houdt over de planning.',
  'en dat vraagt om vaste contactpersonen bij elke partner in de regio.',
  'terwijl de budgetten per organisatie nog los van elkaar worden verdeeld.',
  'want zonder gedeelde gegevens blijft iedereen zijn eigen lijstjes bijhouden.',
];

/** Thirty different Dutch notes of about 200 characters, as partners write them. */
function noteTexts(): string[] {
  return Array.from({ length: 30 }, (_, i) => {
    const opening = OPENINGS[i % OPENINGS.length];
    const ending = ENDINGS[Math.floor(i / OPENINGS.length) % ENDINGS.length];
    return `${i + 1}. ${opening}, volgens de deelnemers aan tafel ${(i % 4) + 1}, ${ending}`.padEnd(
      198,
      ' .',
    );
  });
}

interface Box {
  id: string;
  step: string;
  x: number;
  y: number;
  width: number;
  height: number;
  scale: number;
}

async function noteBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => window.kompas?.noteBoxes() ?? []);
}

/** What is wrong with a note's drawn rectangle: outside its slice, on the step label or in the centre disc. */
function outsideItsSlice(box: Box): string | null {
  const corners = [
    { x: box.x, y: box.y },
    { x: box.x + box.width, y: box.y },
    { x: box.x, y: box.y + box.height },
    { x: box.x + box.width, y: box.y + box.height },
  ];
  for (const corner of corners) {
    if (pointToSlice(corner.x, corner.y)?.step !== box.step) return `${box.id} reaches out of ${box.step}`;
    if (Math.hypot(corner.x, corner.y) > BOARD_RADIUS - LABEL_BAND) return `${box.id} covers the step label`;
  }
  const nearestX = Math.min(Math.max(0, box.x), box.x + box.width);
  const nearestY = Math.min(Math.max(0, box.y), box.y + box.height);
  return Math.hypot(nearestX, nearestY) < CENTRE_RADIUS ? `${box.id} reaches into the centre` : null;
}

function overlapping(boxes: readonly Box[]): string[] {
  const pairs: string[] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      const apart =
        a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      if (!apart) pairs.push(`${a.id}/${b.id}`);
    }
  });
  return pairs;
}

test('thirty notes of 200 characters in one step all stay inside it, none covering another', async ({
  browser,
}) => {
  const board = await createBoard(server, {
    title: 'Zorg in de regio',
    task: 'Eén loket voor mantelzorgers',
  });
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  const texts = noteTexts();
  expect(texts.every((text) => text.length >= 190 && text.length <= 200)).toBe(true);

  // The first note by a double-click in the step (its name at the rim focuses it instead); "Add note" then
  // keeps to that step.
  await addNoteIn(pim, STEP, texts[0] as string);
  for (const text of texts.slice(1)) {
    await pim.getByRole('button', { name: 'Add note' }).click();
    await pim.getByLabel('Note text').fill(text);
    await pim.getByLabel('Note text').press('Enter');
    await expect(noteItem(pim, text.slice(0, 60))).toBeAttached();
  }

  await expect.poll(async () => (await noteBoxes(pim)).length).toBe(30);
  const boxes = await noteBoxes(pim);
  expect(boxes.every((box) => box.step === STEP)).toBe(true);
  expect(boxes.map(outsideItsSlice).filter((problem) => problem !== null)).toEqual([]);
  expect(overlapping(boxes)).toEqual([]);
  // A full step draws its notes smaller, all at one size.
  expect(new Set(boxes.map((box) => box.scale)).size).toBe(1);
  expect(boxes[0]?.scale).toBeLessThan(1);
});

test('the facilitator tidies a step of piled-up notes into rows, and can undo it', async ({ browser }) => {
  const board = await createBoard(server, {
    title: 'Zorg in de regio',
    task: 'Eén loket voor mantelzorgers',
  });
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  await fay.getByRole('button', { name: 'Start workshop' }).click();

  // Eight notes, dragged onto one spot: a pile, as after a hurried round.
  const texts = Array.from({ length: 8 }, (_, i) => `Stapel ${i + 1}: wie neemt het initiatief in de wijk?`);
  await addNoteIn(fay, STEP, texts[0] as string);
  for (const text of texts.slice(1)) await addNote(fay, text);
  for (const text of texts) await dragNote(fay, text, STEP, 0.5);
  expect(overlapping(await noteBoxes(fay)).length).toBeGreaterThan(0);

  await fay.getByRole('button', { name: 'Steps' }).click();
  await fay.getByRole('button', { name: 'Tidy Mogelijke partners' }).click();
  await expect.poll(async () => overlapping(await noteBoxes(fay))).toEqual([]);
  const tidied = await noteBoxes(fay);
  expect(tidied).toHaveLength(8);
  expect(tidied.map(outsideItsSlice).filter((problem) => problem !== null)).toEqual([]);

  // One change: one undo puts the pile back.
  await fay.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => overlapping(await noteBoxes(fay)).length).toBeGreaterThan(0);
  await expect(fay.getByRole('button', { name: 'Tidy Gezamenlijke opgave' })).toBeDisabled();
});
