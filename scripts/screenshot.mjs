// Makes the README's screenshot of a workshop with notes in several steps and two people, in Dutch
// (docs/screenshot.nl.png) or English (docs/screenshot.png). Run after `npm start` has set things up once
// and `pnpm --filter @kompas/web build:test`: node scripts/screenshot.mjs nl|en
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';
import { buildServerWhenStale, serverCommand } from './server-command.mjs';
import { root } from './toolchain.mjs';

/** The workshop and the words the script looks for, in the browser's language. */
const LANGUAGES = {
  en: {
    locale: 'en-GB',
    file: 'docs/screenshot.png',
    title: 'Regional care network',
    task: 'Help older people live at home for longer',
    notes: [
      'Our care teams are stretched thin',
      'Municipality, GP practices, housing',
      'What must we do together?',
      'Fewer hospital admissions',
      'Predictable funding',
      'One point of contact for families',
    ],
    colors: {
      yellow: 'yellow',
      blue: 'blue',
      pink: 'pink',
      green: 'green',
      orange: 'orange',
      purple: 'purple',
    },
    ui: {
      name: 'Your name',
      join: 'Join',
      noteText: 'Note text',
      color: (c) => `Color ${c}`,
      start: 'Start workshop',
      next: 'Next phase',
      openSteps: 'Move on with open steps?',
      moveOn: 'Move on',
      timerStart: 'Start',
      voting: 'Voting',
      startVoting: 'Start voting',
      votingDialog: 'Start a voting round',
      votesPerPerson: 'Votes per person',
      wholeBoard: 'The whole board',
      live: 'Shown live as votes come in',
      voteFor: (text) => `Vote for ${text}`,
    },
  },
  nl: {
    locale: 'nl-NL',
    file: 'docs/screenshot.nl.png',
    title: 'Zorgnetwerk Achterhoek',
    task: 'Ouderen langer thuis laten wonen',
    notes: [
      'Onze zorgteams zitten aan hun grens',
      'Gemeente, huisartsen, woningcorporatie',
      'Wat moeten we samen doen?',
      'Minder ziekenhuisopnames',
      'Voorspelbare financiering',
      'Eén aanspreekpunt voor families',
    ],
    colors: {
      yellow: 'geel',
      blue: 'blauw',
      pink: 'roze',
      green: 'groen',
      orange: 'oranje',
      purple: 'paars',
    },
    ui: {
      name: 'Je naam',
      join: 'Meedoen',
      noteText: 'Tekst van de notitie',
      color: (c) => `Kleur ${c}`,
      start: 'Workshop starten',
      next: 'Volgende fase',
      openSteps: 'Verder terwijl er nog stappen open zijn?',
      moveOn: 'Toch verder',
      timerStart: 'Starten',
      voting: 'Stemmen',
      startVoting: 'Stemmen starten',
      votingDialog: 'Een stemronde starten',
      votesPerPerson: 'Stemmen per persoon',
      wholeBoard: 'Het hele bord',
      live: 'Direct zichtbaar terwijl de stemmen binnenkomen',
      voteFor: (text) => `Stem op ${text}`,
    },
  },
};
const language = LANGUAGES[process.argv[2] ?? 'en'];
if (!language) throw new Error('usage: node scripts/screenshot.mjs nl|en');
const { ui, notes } = language;

const PORT = 8197;
const url = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'kompas-shot-'));
buildServerWhenStale();
const [node, ...serverArgs] = serverCommand();
const server = spawn(node, serverArgs, {
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
  await page.getByLabel(ui.noteText).fill(text);
  await page.getByLabel(ui.noteText).press('Enter');
  await page.mouse.click(screen.x, screen.y);
  await page.getByRole('button', { name: ui.color(language.colors[color]) }).click();
  await page.keyboard.press('Escape');
}

const browser = await chromium.launch(chromiumLaunchOptions());
try {
  await waitForServer();
  const created = await (
    await fetch(`${url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: language.title, task: language.task }),
    })
  ).json();
  const open = async (link, name) => {
    const page = await (
      await browser.newContext({
        viewport: { width: 1440, height: 900 },
        deviceScaleFactor: 1,
        locale: language.locale,
      })
    ).newPage();
    await page.goto(link);
    await page.getByLabel(ui.name).fill(name);
    await page.getByRole('button', { name: ui.join }).click();
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
    return page;
  };
  const ann = await open(created.links.facilitator, 'Ann de Vries');
  const bram = await open(created.links.participant, 'Bram Jansen');
  await addNote(ann, 0, 0.55, notes[0], 'yellow');
  await addNote(bram, 1, 0.45, notes[1], 'blue');
  await addNote(ann, 2, 0.7, notes[2], 'pink');
  await addNote(bram, 3, 0.45, notes[3], 'green');
  await addNote(ann, 3, 0.8, notes[4], 'orange');
  await addNote(bram, 4, 0.6, notes[5], 'purple');
  await ann.getByRole('button', { name: ui.start }).click();
  await ann.getByRole('button', { name: ui.next }).click();
  await ann.getByRole('dialog', { name: ui.openSteps }).getByRole('button', { name: ui.moveOn }).click();
  // A ten-minute timer and a live voting round on the phase, with a few votes in.
  await ann.getByRole('button', { name: 'Timer', exact: true }).click();
  const timer = ann.getByRole('dialog', { name: 'Timer' });
  await timer.getByRole('button', { name: '10 min', exact: true }).click();
  await timer.getByRole('button', { name: ui.timerStart, exact: true }).click();
  await ann.keyboard.press('Escape');
  await ann.getByRole('button', { name: ui.voting, exact: true }).click();
  await ann.getByRole('region', { name: ui.voting }).getByRole('button', { name: ui.startVoting }).click();
  const dialog = ann.getByRole('dialog', { name: ui.votingDialog });
  await dialog.getByLabel(ui.votesPerPerson).fill('3');
  await dialog.getByRole('radio', { name: ui.wholeBoard }).check();
  await dialog.getByRole('radio', { name: ui.live }).check();
  await dialog.getByRole('button', { name: ui.startVoting }).click();
  for (const text of [notes[3], notes[5], notes[3]]) {
    await bram.getByRole('button', { name: ui.voteFor(text) }).click();
  }
  await ann.getByRole('button', { name: ui.voteFor(notes[5]) }).click();
  await ann.waitForTimeout(6500);
  const cursor = await bram.evaluate(({ x, y }) => window.kompas.boardToScreen(x, y), stepPoint(5, 0.4));
  await bram.mouse.move(cursor.x, cursor.y);
  await ann.mouse.move(5, 5);
  await ann.waitForTimeout(800);
  await ann.screenshot({ path: join(root, language.file) });
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
