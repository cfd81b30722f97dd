import { readFile } from 'node:fs/promises';
import { addIssue, setPlan, startMeeting, updateIssue } from '@kompas/model';
import { expect, type Page } from '@playwright/test';
import { addNoteAt, noteItem } from './board-actions.ts';
import { coFacilitator } from './co-facilitator.ts';
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

/** Chooses `item` in the open Export menu and returns the file the browser saved, with its name. */
async function saveFrom(page: Page, item: string): Promise<{ name: string; text: string }> {
  const menuItem = page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: item });
  const [saved] = await Promise.all([page.waitForEvent('download'), menuItem.click()]);
  return { name: saved.suggestedFilename(), text: await readFile(await saved.path(), 'utf8') };
}

test('the issues in hand export as CSV, a report covers one meeting, and the replay marks the meetings', async ({
  browser,
}) => {
  // The answer holds the invites' tokens too, besides their links.
  const created = (await createBoard(server, WORKSHOP)) as CreatedBoard & { tokens: { facilitator: string } };
  const fay = await joinAsNewPerson(browser, created.links.facilitator, 'Fay');
  const pim = await joinAsNewPerson(browser, created.links.participant, 'Pim');
  await fay.getByRole('button', { name: 'Start workshop' }).click();
  await addNoteAt(pim, 'Shared front door', 15);
  await expect(noteItem(fay, 'Shared front door')).toBeAttached();

  // Meeting 1 had a plan and raised an action; meeting 2 closes it.
  const gijs = await coFacilitator(server, created.id, created.tokens.facilitator);
  const actor = 'user-gijs';
  setPlan(gijs.control, {
    meeting: 'first',
    items: [{ step: 'verkennen.eigen-situatie', minutes: 20, aim: '' }],
    roles: { facilitator: 'Fay', notetaker: '', partners: [] },
    actor,
  });
  addIssue(gijs.control, {
    id: 'call',
    step: 'verkennen.partners',
    text: 'Call the library',
    kind: 'action',
    owner: 'Municipality',
    meeting: 'first',
    actor,
  });
  await fay.waitForTimeout(300);
  startMeeting(gijs.control, { id: 'second', actor });
  updateIssue(gijs.control, 'call', { status: 'done', meeting: 'second', actor });
  await addNoteAt(pim, 'Volunteer pool', 45);

  // The issues in hand, in English, as the facilitator's browser asks.
  await expect
    .poll(async () => {
      await fay.getByRole('button', { name: 'Export' }).click();
      const offered = await fay.getByRole('menuitemradio', { name: 'This meeting' }).count();
      await fay.keyboard.press('Escape');
      return offered;
    })
    .toBe(1);
  await fay.getByRole('button', { name: 'Export' }).click();
  const issues = await saveFrom(fay, 'Issues in hand (CSV)');
  expect(issues.name).toBe('care-in-the-region-issues.csv');
  const rows = issues.text.trimEnd().split('\r\n');
  expect(rows[0]).toBe('phase,step,kind,text,owner,status,meeting,closed in meeting,created,updated');
  expect(rows[1]).toMatch(/^Explore,Possible partners,Action,Call the library,Municipality,Done,1,2,\d{4}-/);

  // This meeting only: meeting 2, with the action it closed and only its own note.
  await fay.getByRole('button', { name: 'Export' }).click();
  const thisMeeting = fay.getByRole('menuitemradio', { name: 'This meeting' });
  await expect(fay.getByRole('menuitemradio', { name: 'The whole trajectory' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await thisMeeting.click();
  await expect(thisMeeting).toHaveAttribute('aria-checked', 'true');
  const meeting = await saveFrom(fay, 'Report (Markdown)');
  expect(meeting.name).toBe('care-in-the-region-meeting-2-report.md');
  expect(meeting.text).toMatch(/\nThis report covers meeting 2, from .+ to .+\.\n/);
  expect(meeting.text).toContain('\n## Meeting 2\n');
  expect(meeting.text).toContain('- Action: Call the library — done\n');
  expect(meeting.text).toContain('- Volunteer pool — Pim');
  expect(meeting.text).not.toContain('Shared front door');

  // The whole trajectory: both meetings, meeting 1 with its plan against reality.
  await fay.getByRole('button', { name: 'Export' }).click();
  await fay.getByRole('menuitemradio', { name: 'The whole trajectory' }).click();
  const whole = await saveFrom(fay, 'Report (JSON)');
  expect(whole.name).toBe('care-in-the-region-report.json');
  const report = JSON.parse(whole.text);
  expect(report.meetings.map((entry: { number: number }) => entry.number)).toEqual([1, 2]);
  expect(report.meetings[0].plan.items[0]).toMatchObject({
    step: 'verkennen.eigen-situatie',
    plannedMinutes: 20,
  });
  expect(report.meetings[1].issuesClosed).toEqual(['call']);
  gijs.close();

  // The replay's timeline marks where meeting 2 began.
  await pim.getByRole('link', { name: 'Replay' }).click();
  await expect(pim.getByRole('slider', { name: 'Time' })).toBeVisible();
  await expect(pim.getByText('Meeting 2', { exact: true })).toBeVisible();
});
