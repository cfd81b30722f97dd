// Makes docs/screenshot.png for the README: a workshop with notes in several steps and two people.
// Run after `npm start` has set things up once and `pnpm --filter @kompas/web build:test`: node scripts/screenshot.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';
import { root } from './toolchain.mjs';

const PORT = 8197;
const url = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'kompas-shot-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
  cwd: root,
  env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, WEB_DIR: 'apps/web/dist-test' },
  stdio: 'ignore',
});

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('server did not start');
}

/** Board point in the middle of step `index` (0..11, clockwise from 12 o'clock) at radius fraction r. */
function stepPoint(index, r, t = 0.5) {
  const angle = ((index + t) * 30 * Math.PI) / 180;
  const radius = 240 + r * 760;
  return { x: radius * Math.sin(angle), y: -radius * Math.cos(angle) };
}

async function addNote(page, index, r, text, color) {
  const board = stepPoint(index, r);
  const screen = await page.evaluate(({ x, y }) => window.kompas.boardToScreen(x, y), board);
  await page.mouse.dblclick(screen.x, screen.y);
  await page.getByLabel('Note text').fill(text);
  await page.getByLabel('Note text').press('Enter');
  await page.mouse.click(screen.x, screen.y);
  await page.getByRole('button', { name: `Color ${color}` }).click();
  await page.keyboard.press('Escape');
}

const browser = await chromium.launch(chromiumLaunchOptions());
try {
  await waitForServer();
  const created = await (
    await fetch(`${url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Regional care network',
        task: 'Help older people live at home for longer',
      }),
    })
  ).json();
  const open = async (link, name) => {
    const page = await (
      await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 })
    ).newPage();
    await page.goto(link);
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
    return page;
  };
  const ann = await open(created.links.facilitator, 'Ann de Vries');
  const bram = await open(created.links.participant, 'Bram Jansen');
  await addNote(ann, 0, 0.55, 'Our care teams are stretched thin', 'yellow');
  await addNote(bram, 1, 0.45, 'Municipality, GP practices, housing', 'blue');
  await addNote(ann, 2, 0.7, 'What must we do together?', 'pink');
  await addNote(bram, 3, 0.45, 'Fewer hospital admissions', 'green');
  await addNote(ann, 3, 0.8, 'Predictable funding', 'orange');
  await addNote(bram, 4, 0.6, 'One point of contact for families', 'purple');
  await ann.getByRole('button', { name: 'Start workshop' }).click();
  await ann.getByRole('button', { name: 'Next phase' }).click();
  await ann
    .getByRole('dialog', { name: 'Move on with open steps?' })
    .getByRole('button', { name: 'Move on' })
    .click();
  // A ten-minute timer and a live voting round on the phase, with a few votes in.
  await ann.getByRole('button', { name: 'Timer', exact: true }).click();
  const timer = ann.getByRole('dialog', { name: 'Timer' });
  await timer.getByRole('button', { name: '10 min', exact: true }).click();
  await timer.getByRole('button', { name: 'Start' }).click();
  await ann.keyboard.press('Escape');
  await ann.getByRole('button', { name: 'Voting', exact: true }).click();
  await ann.getByRole('region', { name: 'Voting' }).getByRole('button', { name: 'Start voting' }).click();
  const dialog = ann.getByRole('dialog', { name: 'Start a voting round' });
  await dialog.getByLabel('Votes per person').fill('3');
  await dialog.getByRole('radio', { name: 'The whole board' }).check();
  await dialog.getByRole('radio', { name: 'Shown live as votes come in' }).check();
  await dialog.getByRole('button', { name: 'Start voting' }).click();
  for (const text of [
    'Fewer hospital admissions',
    'One point of contact for families',
    'Fewer hospital admissions',
  ]) {
    await bram.getByRole('button', { name: `Vote for ${text}` }).click();
  }
  await ann.getByRole('button', { name: `Vote for One point of contact for families` }).click();
  await ann.waitForTimeout(6500);
  const cursor = await bram.evaluate(({ x, y }) => window.kompas.boardToScreen(x, y), stepPoint(5, 0.4));
  await bram.mouse.move(cursor.x, cursor.y);
  await ann.mouse.move(5, 5);
  await ann.waitForTimeout(800);
  await ann.screenshot({ path: join(root, 'docs/screenshot.png') });
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
