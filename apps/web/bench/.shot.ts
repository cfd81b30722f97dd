// throwaway: screenshot the board (60 notes) from two builds and count differing pixels
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { cleanup, createBoard, joinAsSeeder, Seeder, startServer } from './bench-board.ts';

async function shot(webDir: string, zoomIn: boolean): Promise<Buffer> {
  const { url } = await startServer(webDir);
  const board = await createBoard(url);
  const seeder = new Seeder(url, await joinAsSeeder(url, board));
  await seeder.fillTo(Number(process.env.NOTES ?? 60));
  const browser = await chromium.launch(chromiumLaunchOptions());
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  await page.goto(board.links.facilitator);
  await page.getByLabel('Your name').fill('Shot');
  await page.getByRole('button', { name: 'Join' }).click();
  await page.waitForFunction((n) => window.kompas?.noteBoxes().length === n, Number(process.env.NOTES ?? 60));
  if (zoomIn) {
    await page.mouse.move(760, 330);
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -200);
  }
  await page.waitForTimeout(1500);
  const png = await page.screenshot({ clip: { x: 0, y: 150, width: 1200, height: 750 } });
  await browser.close();
  return png;
}
const a = await shot(process.argv[2] as string, process.argv[4] === 'zoom');
await cleanup();
const b = await shot(process.argv[3] as string, process.argv[4] === 'zoom');
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage();
const diff = await page.evaluate(`(async () => {
  const load = async (d) => { const img = new Image(); img.src = 'data:image/png;base64,' + d; await img.decode(); const c = document.createElement('canvas'); c.width = img.width; c.height = img.height; const g = c.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(0, 0, c.width, c.height).data; };
  const p = await load('${a.toString('base64')}'); const q = await load('${b.toString('base64')}');
  let n = 0, max = 0; const pts = []; for (let i = 0; i < p.length; i += 4) { const d = Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]); if (d > 0) { n++; if (n < 40) pts.push((i/4) % 1200 + "," + Math.floor(i/4/1200)); } max = Math.max(max, d); }
  return { n, max, total: p.length / 4, pts: pts.join(" ") };
})()`);
console.log('differing pixels', diff);
const { writeFileSync } = await import('node:fs');
writeFileSync('/tmp/k15web/a.png', a);
writeFileSync('/tmp/k15web/b.png', b);
await browser.close();
await cleanup();
process.exit(0);
