import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { addNoteAt, dragNote, noteItem, voteFor, votingStatus } from './board-actions.ts';
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

/** Chooses `item` in the Export menu and returns the file the browser saved, with its name. */
async function download(page: Page, item: string): Promise<{ name: string; body: Buffer }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const menuItem = page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: item });
  const [saved] = await Promise.all([page.waitForEvent('download'), menuItem.click()]);
  const path = await saved.path();
  return { name: saved.suggestedFilename(), body: await readFile(path) };
}

/** A session to report on: notes in Verkennen and Richten, a phase change, a voting round that closed. */
async function session(page: { fay: Page; pim: Page }): Promise<void> {
  const { fay, pim } = page;
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await addNoteAt(pim, 'Shared front door', 15);
  await addNoteAt(pim, 'Volunteer pool', 45);
  await moveOn(fay);
  await expect(fay.getByRole('button', { name: 'Previous phase' })).toBeEnabled();
  await addNoteAt(pim, 'Budget from the region', 135);
  await expect(noteItem(fay, 'Budget from the region')).toBeAttached();
  // Fay tidies a note of Pim's: a move, told apart from Pim's work by her presence on the board.
  await dragNote(fay, 'Volunteer pool', 'verkennen.partners', 0.4);

  const panel = fay.getByRole('region', { name: 'Voting' });
  await fay.getByRole('button', { name: 'Voting', exact: true }).click();
  await panel.getByRole('button', { name: 'Start voting' }).click();
  const dialog = fay.getByRole('dialog', { name: 'Start a voting round' });
  await dialog.getByLabel('Votes per person').fill('3');
  await dialog.getByRole('radio', { name: 'The whole board' }).check();
  await dialog.getByRole('radio', { name: 'Hidden until voting closes' }).check();
  await dialog.getByRole('button', { name: 'Start voting' }).click();
  await expect(votingStatus(pim)).toHaveText('Voting: 3 votes left');
  await voteFor(pim, 'Shared front door').click();
  await voteFor(pim, 'Shared front door').click();
  await voteFor(pim, 'Budget from the region').click();
  await expect(votingStatus(pim)).toHaveText('Voting: 0 votes left');
  await voteFor(fay, 'Budget from the region').click();
  await expect(votingStatus(fay)).toHaveText('Voting: 2 votes left');
  await expect(fay.getByText('4 votes cast so far.')).toBeVisible();
  await fay.getByRole('button', { name: 'Close voting' }).click();
  await expect(votingStatus(pim)).toHaveText('Voting closed');
}

test('the report, the notes and a picture of the board are exported from the Export menu', async ({
  browser,
}) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  await session({ fay, pim });

  // Markdown, by a participant: a heading per phase and step, the notes with authors and vote totals.
  const markdown = await download(pim, 'Report (Markdown)');
  expect(markdown.name).toBe('care-in-the-region-report.md');
  const text = markdown.body.toString('utf8');
  expect(text.startsWith('# Care in the region\n')).toBe(true);
  expect(text).toContain('**Joint task:** One front door for informal carers');
  expect(text).toContain('\n## 1. Verkennen (Explore)\n');
  expect(text).toContain('\n## 2. Richten (Set direction)\n');
  expect(text).toContain('\n### Eigen situatie (Own situation)\n');
  expect(text).toContain('\n### Gezamenlijke ambitie (Shared ambition)\n');
  expect(text).toMatch(/\n- Shared front door — Pim · \w+ · 2 votes\n/);
  expect(text).toMatch(/\n- Volunteer pool — Pim · \w+ · 0 votes\n/);
  expect(text).toMatch(/\n- Budget from the region — Pim · \w+ · 2 votes\n/);
  expect(text).toContain('- Where the group is: Set direction, round 1');
  expect(text).toContain('| Pim | 3 | 3 | 0 | 0 |');
  expect(text).toContain('| Fay | 0 | 1 | 0 | 1 |');
  // The notes sit under their own steps, in the order of the circle.
  const order = ['### Eigen situatie', 'Shared front door', '### Mogelijke partners', 'Volunteer pool'];
  const positions = order.map((part) => text.indexOf(part));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(text.indexOf('Budget from the region')).toBeGreaterThan(text.indexOf('## 2. Richten'));

  // JSON, by the facilitator: parses, with the right counts.
  const json = await download(fay, 'Report (JSON)');
  expect(json.name).toBe('care-in-the-region-report.json');
  const report = JSON.parse(json.body.toString('utf8'));
  expect(report.version).toBe(1);
  expect(report.totals).toEqual({ notes: 3, votes: 4, contributors: 2, votingRounds: 1 });
  expect(report.current).toEqual({ phase: 'richten', round: 1 });
  expect(report.timeline.map((entry: { phase: string }) => entry.phase)).toEqual(['verkennen', 'richten']);
  expect(report.phases.map((phase: { steps: { notes: unknown[] }[] }) => phase.steps.flat().length)).toEqual([
    3, 3, 3, 3,
  ]);
  // Fay wrote no note; her name comes from who was on the board, and so does her move.
  expect(report.contributors.map(({ id, ...counts }: { id: string }) => counts)).toEqual([
    { name: 'Pim', notes: 3, votes: 3, edits: 0, moves: 0 },
    { name: 'Fay', notes: 0, votes: 1, edits: 0, moves: 1 },
  ]);
  expect(report.timeline.map((entry: { actorName: string }) => entry.actorName)).toEqual(['Fay', 'Fay']);
  expect(report.skippedSteps).toEqual(['verkennen.eigen-situatie', 'verkennen.partners', 'verkennen.opgave']);

  // CSV: one row per note, matching the board.
  const csv = await download(pim, 'Notes (CSV)');
  expect(csv.name).toBe('care-in-the-region-report.csv');
  const rows = csv.body
    .toString('utf8')
    .trimEnd()
    .split('\r\n')
    .map((row) => row.split(','));
  expect(rows[0]).toEqual([
    'phase',
    'step',
    'text',
    'author',
    'colour',
    'votes',
    'created',
    'round',
    'carried from round',
  ]);
  expect(rows.slice(1).map((row) => [row[0], row[1], row[2], row[3], row[5], row[7], row[8]])).toEqual([
    ['Explore', 'Own situation', 'Shared front door', 'Pim', '2', '1', ''],
    ['Explore', 'Possible partners', 'Volunteer pool', 'Pim', '0', '1', ''],
    ['Set direction', 'Shared ambition', 'Budget from the region', 'Pim', '2', '1', ''],
  ]);
  for (const row of rows.slice(1)) expect(Number.isNaN(Date.parse(row[6] ?? ''))).toBe(false);

  // PNG: a real image of about 2000 pixels across, with the board drawn on it.
  const png = await download(fay, 'Board image (PNG)');
  expect(png.name).toBe('care-in-the-region-board.png');
  expect([...png.body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.body.subarray(12, 16).toString('ascii')).toBe('IHDR');
  const width = png.body.readUInt32BE(16);
  const height = png.body.readUInt32BE(20);
  expect(width).toBeGreaterThan(1000);
  expect(height).toBe(width);
  const pixels = await fay.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const colours = new Set<number>();
    let white = 0;
    for (let i = 0; i < data.length; i += 4 * 97) {
      const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
      colours.add((r << 16) | (g << 8) | b);
      if (r === 255 && g === 255 && b === 255) white++;
    }
    // The corner is outside the circle: the white background, not transparency.
    const corner = [...data.subarray(0, 4)];
    return { colours: colours.size, white, sampled: Math.ceil(data.length / (4 * 97)), corner };
  }, png.body.toString('base64'));
  expect(pixels.corner).toEqual([255, 255, 255, 255]);
  expect(pixels.colours).toBeGreaterThan(20);
  expect(pixels.white).toBeLessThan(pixels.sampled * 0.6);
});

test('an observer exports too, and the picture shows notes that are off screen', async ({ browser }) => {
  const board = await createBoard(server, WORKSHOP);
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  await addNoteAt(pim, 'Far away note', 200);
  const otto = await joinAsNewPerson(browser, board.links.observer, 'Otto');
  await expect(noteItem(otto, 'Far away note')).toBeAttached();

  const before = await download(otto, 'Board image (PNG)');
  // Zoomed in on the opposite side of the circle, the note is off screen; the picture still has it.
  const opposite = await otto.evaluate(() => window.kompas?.boardToScreen(300, -850));
  await otto.mouse.move(opposite?.x ?? 0, opposite?.y ?? 0);
  for (let i = 0; i < 8; i++) await otto.mouse.wheel(0, -300);
  await expect
    .poll(() =>
      otto.evaluate(() => {
        const note = window.kompas?.notes()[0];
        return (
          note !== undefined && (note.x < 0 || note.y < 0 || note.x > innerWidth || note.y > innerHeight)
        );
      }),
    )
    .toBe(true);
  const after = await download(otto, 'Board image (PNG)');
  expect(after.body.equals(before.body)).toBe(true);

  const markdown = await download(otto, 'Report (Markdown)');
  expect(markdown.body.toString('utf8')).toMatch(/\n- Far away note — Pim · \w+\n/);
});
