import { expect, type Page } from '@playwright/test';
import { addNoteIn, currentPhase } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { type CreatedBoard, createBoard, joinAsNewPerson, moveOn, startRound, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const WORKSHOP = { title: 'Care in the region', task: 'One front door for informal carers' };

/**
 * Three times round the circle: round 1 writes in Mogelijke partners, rounds 2 and 3 pass it by; the group ends
 * in Richten of round 3.
 */
async function threeRounds(fay: Page): Promise<void> {
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  // Each note on a spot of its own: earlier rounds' notes stay on the board, dimmed.
  await addNoteIn(fay, 'verkennen.eigen-situatie', 'Three district teams', 0.35);
  await addNoteIn(fay, 'verkennen.eigen-situatie', 'The GP is full', 0.5);
  await addNoteIn(fay, 'verkennen.partners', 'The library');
  for (let phase = 0; phase < 3; phase++) await moveOn(fay);
  await startRound(fay, 2);
  await expect(currentPhase(fay)).toHaveText('Round 2 · Verkennen');
  await addNoteIn(fay, 'verkennen.eigen-situatie', 'One team stops', 0.65);
  for (let phase = 0; phase < 3; phase++) await moveOn(fay);
  await startRound(fay, 3);
  await expect(currentPhase(fay)).toHaveText('Round 3 · Verkennen');
  await addNoteIn(fay, 'verkennen.eigen-situatie', 'Two teams left', 0.8);
  await moveOn(fay);
  await expect(currentPhase(fay)).toHaveText('Round 3 · Richten');
}

test('the Steps panel, the report and the replay compare the rounds', async ({ browser }) => {
  // The answer holds the invites' tokens too, besides their links.
  const board = (await createBoard(server, WORKSHOP)) as CreatedBoard & { tokens: { facilitator: string } };
  const fay = await joinAsNewPerson(browser, board.links.facilitator, 'Fay');
  await threeRounds(fay);

  // The Steps panel: per step the notes per round, and a step skipped round after round flagged.
  await fay.getByRole('button', { name: 'Steps' }).click();
  const compared = fay.getByRole('region', { name: 'Rounds compared' });
  await expect(compared).toBeVisible();
  const verkennen = compared.getByRole('list', { name: 'Rounds compared in Verkennen' });
  const partners = verkennen.getByRole('listitem').filter({ hasText: 'Mogelijke partners' });
  await expect(partners).toContainText('Keeps being skipped');
  await expect(partners).toContainText('Visited in round 1, skipped in round 2');
  await expect(partners.getByRole('img')).toHaveAccessibleName(
    /^Round 1: 1 note, \d+ min, visited; Round 2: 0 notes, \d+ min, skipped; Round 3: 0 notes, \d+ min, skipped$/,
  );
  const own = verkennen.getByRole('listitem').filter({ hasText: 'Eigen situatie' });
  await expect(own.getByRole('img')).toHaveAccessibleName(
    /^Round 1: 2 notes, .*; Round 2: 1 note, .*; Round 3: 1 note,/,
  );
  await expect(
    fay
      .getByRole('table', { name: 'Diagnosis of Verkennen' })
      .getByRole('row', { name: /Mogelijke partners/ }),
  ).toContainText('Keeps being skipped');

  // "By round" asks for the round view of its step.
  const asked = fay.evaluate(
    () =>
      new Promise<unknown>((resolve) =>
        document.addEventListener('round-view-open', (event) => resolve((event as CustomEvent).detail), {
          once: true,
        }),
      ),
  );
  await partners.getByRole('button', { name: 'Mogelijke partners by round' }).click();
  expect(await asked).toEqual({ step: 'verkennen.partners' });

  // The report compares the rounds too.
  const response = await fetch(`${server.url}/api/boards/${board.id}/report?format=md&lang=en`, {
    headers: { Authorization: `Bearer ${board.tokens.facilitator}` },
  });
  const markdown = await response.text();
  expect(markdown).toContain('\n- Rounds: 3; keep being skipped: Explore · Possible partners');
  expect(markdown).toContain('\n## Rounds compared\n');
  expect(markdown).toMatch(
    /\n\| Possible partners ⚑ keeps being skipped \| 1 note · visited \| 0 notes · skipped ⚠ \| 0 notes · skipped \|\n/,
  );
  expect(markdown).toContain('\n- New: One team stops — Fay\n');

  // The replay's timeline marks where rounds 2 and 3 began; a round's name goes there.
  const link = new URL(board.links.participant);
  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto(`${link.origin}${link.pathname}/replay${link.hash}`);
  const starts = viewer.getByRole('group', { name: 'Starts of the rounds' });
  await expect(starts.getByRole('button')).toHaveText(['Round 2', 'Round 3']);
  await starts.getByRole('button', { name: /^Round 2, began at / }).click();
  await expect(viewer.getByRole('group', { name: 'At this moment' })).toContainText('Round 2 · Verkennen');
});
