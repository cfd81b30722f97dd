import { expect, type Page } from '@playwright/test';
import { addNote } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinIn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

async function noteOnCanvas(page: Page, text: string): Promise<{ x: number; y: number }> {
  const note = await page.evaluate((wanted) => window.kompas?.notes().find((n) => n.text === wanted), text);
  if (!note) throw new Error(`note "${text}" is not on the canvas`);
  return note;
}

/** Lets the page draw what it has pending: a few frames, once no note waits for the server any more. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => window.kompas?.notes().some((n) => n.pending))).toBe(false);
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        let frames = 0;
        const next = () => (++frames === 10 ? done() : requestAnimationFrame(next));
        requestAnimationFrame(next);
      }),
  );
}

test('a note dragged onto others leaves the board as a whole redraw draws it', async ({ browser }) => {
  const board = await createBoard(server, { title: 'Redraw', task: 'Notes that overlap' });
  const page = await (await browser.newContext()).newPage();
  await joinIn(page, board.links.facilitator, 'Ann');
  for (let i = 1; i <= 6; i++) await addNote(page, `Idea ${i}`);

  // Dropped a little off another note's centre: the two overlap, and its old spot uncovers the notes under it.
  const from = await noteOnCanvas(page, 'Idea 6');
  const onto = await noteOnCanvas(page, 'Idea 2');
  const to = { x: onto.x + 18, y: onto.y + 12 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
  }
  await page.mouse.up();
  await expect
    .poll(async () => {
      const now = await noteOnCanvas(page, 'Idea 6');
      return Math.hypot(now.x - from.x, now.y - from.y);
    })
    .toBeGreaterThan(30);
  await settled(page);
  const stage = page.getByRole('application', { name: 'Workshop board' });
  const afterDrop = await stage.screenshot();

  // A pan that ends where it began redraws every note at the same view.
  const box = await stage.boundingBox();
  if (!box) throw new Error('the board is not shown');
  const corner = { x: box.x + 12, y: box.y + box.height - 12 };
  await page.mouse.move(corner.x, corner.y);
  await page.mouse.down();
  for (const [dx, dy] of [
    [20, -10],
    [40, -30],
    [20, -10],
    [0, 0],
  ] as const) {
    await page.mouse.move(corner.x + dx, corner.y + dy);
  }
  await page.mouse.up();
  await settled(page);
  const afterPan = await stage.screenshot();
  expect(afterPan.equals(afterDrop)).toBe(true);
});
