import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { addNoteIn, dragNote, pointOfStep } from './board-actions.ts';
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
/** Long enough for the server to have logged what a browser just did. */
const SETTLE_MS = 300;
/** Board units (the circle has radius 1000) a replayed note or cursor may lie from where it was seen. */
const TOLERANCE = 2;

interface SeenNote {
  id: string;
  text: string;
  step: string;
  x: number;
  y: number;
}

/** What a participant saw at one moment: the notes (centres in board coordinates) and the phase. */
interface Snapshot {
  label: string;
  at: number;
  notes: SeenNote[];
  phase: { phase: string; round: number } | null;
}

const seenNotes = (page: Page): Promise<SeenNote[]> =>
  page.evaluate(() => {
    const hooks = window.kompas;
    if (!hooks) throw new Error('no test hooks');
    return hooks.notes().map((note) => {
      const board = hooks.screenToBoard(note.x, note.y);
      return { id: note.id, text: note.text, step: note.step, x: board.x, y: board.y };
    });
  });

async function dragNoteTo(page: Page, text: string, step: string): Promise<void> {
  await dragNote(page, text, step, 0.75);
  await expect.poll(async () => (await seenNotes(page)).find((note) => note.text === text)?.step).toBe(step);
}

/** Waits for the server to log what was just done, then notes what `page` shows. */
async function snapshot(page: Page, label: string): Promise<Snapshot> {
  await page.waitForTimeout(SETTLE_MS);
  const notes = await seenNotes(page);
  const phase = await page.evaluate(() => window.kompas?.currentPhase() ?? null);
  return { label, at: Date.now(), notes, phase };
}

const byId = <T extends { id: string }>(notes: T[]): T[] =>
  [...notes].sort((a, b) => a.id.localeCompare(b.id));

const replayed = (page: Page) => page.evaluate(() => window.kompasReplay?.notes() ?? []);
const replayTime = (page: Page) => page.evaluate(() => window.kompasReplay?.time() ?? 0);

/** Chooses `item` in the Export menu and returns the file the browser saved. */
async function download(page: Page, item: string): Promise<Buffer> {
  await page.getByRole('button', { name: 'Export' }).click();
  const menuItem = page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: item });
  const [saved] = await Promise.all([page.waitForEvent('download'), menuItem.click()]);
  return readFile(await saved.path());
}

async function seek(page: Page, at: number): Promise<void> {
  await page.evaluate((t) => window.kompasReplay?.seek(t), at);
}

test('a session replayed shows at each moment what the participants saw then', async ({ browser }) => {
  const board = await createBoard(server, WORKSHOP);
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, board.links.participant, 'Pim');
  const snapshots: Snapshot[] = [];

  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await expect.poll(() => pim.evaluate(() => window.kompas?.currentPhase()?.phase)).toBe('verkennen');
  snapshots.push(await snapshot(pim, 'started'));

  await addNoteIn(pim, 'verkennen.eigen-situatie', 'Shared front door');
  await addNoteIn(pim, 'verkennen.partners', 'Volunteer pool');
  await addNoteIn(fay, 'verkennen.opgave', 'Budget from the region');
  await expect.poll(async () => (await seenNotes(pim)).length).toBe(3);
  snapshots.push(await snapshot(pim, 'three notes'));

  await dragNoteTo(pim, 'Volunteer pool', 'verkennen.opgave');
  snapshots.push(await snapshot(pim, 'one note moved'));

  // Pim rests the pointer on a spot of the board: the replay shows the cursor there, with Pim's name.
  await pim.keyboard.press('Escape');
  const rest = await pointOfStep(pim, 'richten.belangen', 0.5);
  await pim.mouse.move(rest.x, rest.y, { steps: 5 });
  await pim.waitForTimeout(600);
  const cursor = await pim.evaluate(({ x, y }) => window.kompas?.screenToBoard(x, y), rest);
  const cursorAt = Date.now();

  await moveOn(fay);
  await expect.poll(() => pim.evaluate(() => window.kompas?.currentPhase()?.phase)).toBe('richten');
  snapshots.push(await snapshot(pim, 'moved on to Richten'));

  await fay.getByRole('button', { name: 'Voting', exact: true }).click();
  await fay.getByRole('region', { name: 'Voting' }).getByRole('button', { name: 'Start voting' }).click();
  const dialog = fay.getByRole('dialog', { name: 'Start a voting round' });
  await dialog.getByLabel('Votes per person').fill('3');
  await dialog.getByRole('radio', { name: 'The whole board' }).check();
  await dialog.getByRole('radio', { name: 'Shown live as votes come in' }).check();
  await dialog.getByRole('button', { name: 'Start voting' }).click();
  await pim.getByRole('button', { name: 'Vote for Shared front door' }).click();
  await expect(pim.getByRole('status').filter({ hasText: /^Voting/ })).toHaveText('Voting: 2 votes left');
  const votedNote = (await seenNotes(pim)).find((note) => note.text === 'Shared front door')?.id;
  snapshots.push(await snapshot(pim, 'a vote placed'));

  // The replay, opened with the participant's link in a browser of its own.
  const viewer = await (await browser.newContext()).newPage();
  const link = new URL(board.links.participant);
  await viewer.goto(`${link.origin}${link.pathname}/replay${link.hash}`);
  await expect(viewer.getByRole('slider', { name: 'Time' })).toBeVisible();
  await expect(viewer.getByRole('heading', { name: WORKSHOP.title })).toBeVisible();
  await expect(viewer.getByText('Replay', { exact: true })).toBeVisible();

  for (const seen of snapshots) {
    await seek(viewer, seen.at);
    const notes = byId(await replayed(viewer));
    const expected = byId(seen.notes);
    expect(
      notes.map(({ id, text, step }) => ({ id, text, step })),
      `notes at "${seen.label}"`,
    ).toEqual(expected.map(({ id, text, step }) => ({ id, text, step })));
    notes.forEach((note, index) => {
      const want = expected[index] as SeenNote;
      expect(Math.abs(note.x - want.x), `x of "${note.text}" at "${seen.label}"`).toBeLessThan(TOLERANCE);
      expect(Math.abs(note.y - want.y), `y of "${note.text}" at "${seen.label}"`).toBeLessThan(TOLERANCE);
    });
    expect(
      await viewer.evaluate(() => window.kompasReplay?.phase() ?? null),
      `phase at "${seen.label}"`,
    ).toEqual(seen.phase);
  }

  // The header tells the phase of the moment shown; the vote is counted from when it was placed.
  const moment = viewer.getByRole('group', { name: 'At this moment' });
  const [, , , inRichten, voted] = snapshots as [Snapshot, Snapshot, Snapshot, Snapshot, Snapshot];
  await seek(viewer, inRichten.at);
  await expect(moment).toContainText('Round 1 · Richten');
  expect((await replayed(viewer)).every((note) => note.votes === undefined)).toBe(true);
  await seek(viewer, voted.at);
  expect((await replayed(viewer)).find((note) => note.id === votedNote)?.votes).toBe(1);
  await seek(viewer, snapshots[0]?.at ?? 0);
  await expect(moment).toContainText('Round 1 · Verkennen');

  // Pim's cursor where it rested, with Pim's name.
  await seek(viewer, cursorAt);
  const cursors = await viewer.evaluate(() => window.kompasReplay?.cursors() ?? []);
  const pims = cursors.find((shown) => shown.name === 'Pim');
  expect(pims, 'Pim’s cursor').toBeDefined();
  expect(Math.abs((pims?.x ?? 0) - (cursor?.x ?? Number.NaN))).toBeLessThan(TOLERANCE);
  expect(Math.abs((pims?.y ?? 0) - (cursor?.y ?? Number.NaN))).toBeLessThan(TOLERANCE);

  // The board image is the board at the time shown.
  await seek(viewer, snapshots[0]?.at ?? 0);
  const before = await download(viewer, 'Board image (PNG)');
  await seek(viewer, snapshots[1]?.at ?? 0);
  const after = await download(viewer, 'Board image (PNG)');
  for (const image of [before, after]) expect(image.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(before.equals(after)).toBe(false);

  // From the start, "Next event" jumps to the workshop's start.
  const slider = viewer.getByRole('slider', { name: 'Time' });
  await slider.focus();
  await viewer.keyboard.press('Home');
  const start = await viewer.evaluate(() => window.kompasReplay?.start() ?? 0);
  await expect.poll(() => replayTime(viewer)).toBe(start);
  await viewer.getByRole('button', { name: 'Next event' }).click();
  await expect.poll(() => replayTime(viewer)).toBeGreaterThan(start);
  const started = snapshots[0] as Snapshot;
  expect(await replayTime(viewer)).toBeLessThanOrEqual(started.at);
  expect(await viewer.evaluate(() => window.kompasReplay?.phase() ?? null)).toEqual({
    phase: 'verkennen',
    round: 1,
  });

  // Playing from there: the time runs on, the notes appear, and it stops at the end.
  await viewer.getByLabel('Speed').selectOption('16');
  await slider.focus();
  await viewer.keyboard.press('Space');
  await expect.poll(async () => (await replayed(viewer)).length).toBeGreaterThan(0);
  const end = await viewer.evaluate(() => window.kompasReplay?.end() ?? 0);
  await expect.poll(() => replayTime(viewer), { timeout: 20_000 }).toBe(end);
  await expect(viewer.getByRole('button', { name: 'Play' })).toBeVisible();
  expect((await replayed(viewer)).length).toBe(3);

  // The workshop goes on while it is replayed: a note added now extends the timeline by itself.
  await addNoteIn(fay, 'richten.ambitie', 'Written during the replay');
  await expect
    .poll(() => viewer.evaluate(() => window.kompasReplay?.end() ?? 0), { timeout: 20_000 })
    .toBeGreaterThan(end);
  await seek(viewer, await viewer.evaluate(() => window.kompasReplay?.end() ?? 0));
  await expect
    .poll(async () => (await replayed(viewer)).map((note) => note.text))
    .toContain('Written during the replay');

  // The board links to its replay for everyone, and the replay back to the board.
  await pim.getByRole('link', { name: 'Replay' }).click();
  await expect(pim).toHaveURL(/\/replay$/);
  await expect(pim.getByRole('slider', { name: 'Time' })).toBeVisible();
  await pim.getByRole('link', { name: 'Back to the board' }).click();
  await expect(pim.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
});
