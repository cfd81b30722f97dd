import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { pointOfStep } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

// A browser set to Dutch, in the Netherlands, as most of Kompas's facilitators and partners have.
test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

const TITLE = 'Wijkzorg Zutphen, eerste ronde';

const header = (page: Page) => page.locator('kompas-board-header');
const roleBadge = (page: Page) => header(page).locator('.role');
const connection = (page: Page) => header(page).getByRole('status').filter({ hasText: 'Online' });
const pageLanguage = (page: Page) => page.evaluate(() => document.documentElement.lang);

test('a Dutch browser gets Kompas in Dutch, and the header switches it to English for good', async ({
  page,
  browser,
}) => {
  // The landing page speaks Dutch from the first render.
  await page.goto(server.url);
  expect(await pageLanguage(page)).toBe('nl');
  await expect(page).toHaveTitle('Kompas · Een rond workshopbord om samen te werken');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Eén rond bord voor partners die samenwerken.' }),
  ).toBeVisible();
  await expect(page.getByRole('list', { name: 'De vier fasen' })).toContainText('Aan de slag');
  const landingSwitch = page.getByRole('group', { name: 'Taal' });
  await expect(landingSwitch.getByRole('button', { name: /Nederlands/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(landingSwitch.getByRole('button', { name: /English/ })).toHaveAttribute(
    'aria-pressed',
    'false',
  );

  // A workshop is made in Dutch.
  await page.getByRole('button', { name: 'Workshop maken' }).click();
  await expect(page.getByRole('alert')).toHaveText('Geef de workshop een titel.');
  await page.getByLabel('Titel van de workshop').fill(TITLE);
  await page.getByLabel('Gezamenlijke opgave').fill('Samen zorgen dat ouderen langer thuis kunnen wonen');
  await page.getByRole('button', { name: 'Workshop maken' }).click();
  await expect(page.getByRole('heading', { name: 'Deel de links' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Deelnemerslink kopiëren' })).toBeVisible();
  const participantLink = await page.getByRole('textbox', { name: 'Deelnemer' }).inputValue();

  // The facilitator opens the board: the name dialog, then the header, in Dutch.
  await page.getByRole('link', { name: 'Bord openen als facilitator' }).click();
  const naming = page.getByRole('dialog', { name: `Meedoen aan “${TITLE}”` });
  await naming.getByLabel('Je naam').fill('Fenna');
  await naming.getByRole('button', { name: 'Meedoen' }).click();
  await expect(connection(page)).toHaveAttribute('title', 'Verbonden: wijzigingen worden direct gedeeld.');
  await expect(page).toHaveTitle(`${TITLE} · Kompas`);
  await expect(roleBadge(page)).toHaveText('Facilitator');
  await expect(header(page).getByRole('group', { name: 'Bordgereedschap' })).toBeVisible();
  await expect(header(page).getByRole('button', { name: 'Uitnodigen' })).toBeVisible();
  await expect(header(page).getByRole('list', { name: 'Aanwezigen' })).toContainText('Fenna (jij)');
  await expect(page.getByRole('link', { name: 'Terugkijken' })).toBeVisible();

  // A participant is asked for a name in Dutch, and told when it is missing.
  const pim = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
  await pim.goto(participantLink);
  const pimNaming = pim.getByRole('dialog', { name: `Meedoen aan “${TITLE}”` });
  await expect(pimNaming).toContainText('De anderen zien je naam bij je notities en je cursor.');
  await pimNaming.getByRole('button', { name: 'Meedoen' }).click();
  await expect(pimNaming.getByRole('alert')).toHaveText('Vul een naam in.');
  await pimNaming.getByLabel('Je naam').fill('Pim');
  await pimNaming.getByRole('button', { name: 'Meedoen' }).click();
  await expect(roleBadge(pim)).toHaveText('Deelnemer');
  await expect(header(page).getByRole('list', { name: 'Aanwezigen' })).toContainText('Pim');

  // Fenna switches to English in the header: the board speaks English at once, without a reload.
  await header(page)
    .getByRole('group', { name: 'Taal' })
    .getByRole('button', { name: /English/ })
    .click();
  expect(await pageLanguage(page)).toBe('en');
  await expect(header(page).getByRole('group', { name: 'Board tools' })).toBeVisible();
  await expect(header(page).getByRole('button', { name: 'Invite' })).toBeVisible();
  await expect(header(page).getByRole('list', { name: 'People' })).toContainText('Fenna (you)');
  await expect(connection(page)).toHaveAttribute('title', 'Connected: changes are shared live.');
  await expect(
    header(page)
      .getByRole('group', { name: 'Language' })
      .getByRole('button', { name: /English/ }),
  ).toHaveAttribute('aria-pressed', 'true');
  // Pim's choice is his own: his page stays Dutch.
  await expect(roleBadge(pim)).toHaveText('Deelnemer');

  // The choice is kept on this device: after a reload the board is still English.
  await page.reload();
  await expect(header(page).getByRole('group', { name: 'Board tools' })).toBeVisible();
  expect(await pageLanguage(page)).toBe('en');
  await expect(roleBadge(page)).toHaveText('Facilitator');
  await expect(page.getByRole('link', { name: 'Replay' })).toBeVisible();
});

/** Chooses `item` in the Dutch export menu and returns the text of the file the browser saved. */
async function exported(page: Page, item: string): Promise<string> {
  await page.getByRole('button', { name: 'Exporteren' }).click();
  const menuItem = page.getByRole('menu', { name: 'Exporteren' }).getByRole('menuitem', { name: item });
  const [saved] = await Promise.all([page.waitForEvent('download'), menuItem.click()]);
  return readFile(await saved.path(), 'utf8');
}

/** The hour and minute of `at` as a clock in Amsterdam shows them. */
const amsterdamClock = (at: number) =>
  new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);

test('a Dutch facilitator runs the workshop in Dutch and exports a Dutch report in Dutch time', async ({
  page,
}) => {
  const board = await createBoard(server, {
    title: 'Zorgnetwerk Achterhoek',
    task: 'Eén loket voor mantelzorgers in de regio',
  });
  await page.goto(board.links.facilitator);
  await page.getByLabel('Je naam').fill('Fenna de Vries');
  await page.getByRole('button', { name: 'Meedoen' }).click();

  // The tools, the phase control and the board's centre speak Dutch.
  await expect(page.getByRole('button', { name: 'Notitie toevoegen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stappen' })).toBeVisible();
  await page.getByRole('button', { name: 'Workshop starten' }).click();
  await expect(page.getByRole('button', { name: 'Volgende fase' })).toBeVisible();

  // A note in Eigen situatie, written the way a person does: double-click the step, type, Enter.
  const before = Date.now();
  const spot = await pointOfStep(page, 'verkennen.eigen-situatie');
  await page.mouse.dblclick(spot.x, spot.y);
  await page.getByLabel('Tekst van de notitie').fill('Wij hebben te weinig wijkverpleegkundigen in de avond');
  await page.getByLabel('Tekst van de notitie').press('Enter');
  await expect(
    page.getByRole('list', { name: 'Notities in Eigen situatie' }).getByRole('listitem'),
  ).toContainText('Wij hebben te weinig wijkverpleegkundigen');
  const after = Date.now();

  // The report is Dutch, with the model's names and Amsterdam's clock.
  const markdown = await exported(page, 'Verslag (Markdown)');
  expect(markdown).toContain('# Zorgnetwerk Achterhoek');
  expect(markdown).toContain('(Midden-Europese');
  expect(markdown).toContain('**Gezamenlijke opgave:** Eén loket voor mantelzorgers in de regio');
  expect(markdown).toContain('## Samenvatting');
  expect(markdown).toContain('Waar de groep nu is: Verkennen, ronde 1');
  expect(markdown).toContain('## Verloop van de fasen');
  expect(markdown).toContain('Eigen situatie');
  expect(markdown).toContain('Wij hebben te weinig wijkverpleegkundigen in de avond');
  expect(markdown).not.toContain('Summary');

  const csv = await exported(page, 'Notities (CSV)');
  const [header, row] = csv.trim().split('\r\n');
  expect(header).toBe('fase,stap,tekst,auteur,kleur,stemmen,gemaakt,ronde,meegenomen uit ronde');
  expect(row).toContain('Verkennen,Eigen situatie,Wij hebben te weinig wijkverpleegkundigen in de avond');
  expect(row).toContain('Fenna de Vries');
  const created = row?.split(',').at(-3) ?? '';
  expect(row?.split(',').slice(-2)).toEqual(['1', '']);
  expect([amsterdamClock(before), amsterdamClock(after)]).toContain(created.split(' ')[1]);
});
