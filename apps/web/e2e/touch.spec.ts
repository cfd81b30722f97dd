import { type CDPSession, expect, type Page } from '@playwright/test';
import { addNoteIn, pointOfStep } from './board-actions.ts';
import { KompasProcess } from './server.ts';
import { createBoard, joinIn, test } from './workshop.ts';

let server: KompasProcess;

test.beforeAll(async () => {
  server = await KompasProcess.start();
});

test.afterAll(async () => {
  await server.dispose();
});

test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: false });

type Finger = { x: number; y: number };

/** Fingers on the screen through the DevTools protocol, as a tablet reports them. */
class Touch {
  private constructor(private readonly cdp: CDPSession) {}

  static async on(page: Page): Promise<Touch> {
    return new Touch(await page.context().newCDPSession(page));
  }

  private send(type: 'touchStart' | 'touchMove' | 'touchEnd', fingers: Finger[]): Promise<unknown> {
    const touchPoints = fingers.map((finger, id) => ({ ...finger, id }));
    return this.cdp.send('Input.dispatchTouchEvent', { type, touchPoints });
  }

  /** Fingers go down at `from`, slide in steps to `to`, and lift. */
  async slide(from: Finger[], to: Finger[], steps = 12): Promise<void> {
    await this.send('touchStart', from);
    for (let step = 1; step <= steps; step++) {
      const at = from.map((start, index) => {
        const end = to[index] ?? start;
        return {
          x: start.x + ((end.x - start.x) * step) / steps,
          y: start.y + ((end.y - start.y) * step) / steps,
        };
      });
      await this.send('touchMove', at);
    }
    await this.send('touchEnd', []);
  }

  async hold(at: Finger, ms: number): Promise<void> {
    await this.send('touchStart', [at]);
    await new Promise((resolve) => setTimeout(resolve, ms));
    await this.send('touchEnd', []);
  }
}

const note = async (page: Page, text: string) => {
  const found = await page.evaluate((wanted) => window.kompas?.notes().find((n) => n.text === wanted), text);
  if (!found) throw new Error(`note "${text}" is not on the canvas`);
  return found;
};

test('on a tablet, a pinch zooms, a finger drags a note to another step, and a long press shows its menu', async ({
  page,
}) => {
  const board = await createBoard(server, { title: 'Care in the region', task: 'One front door for carers' });
  await joinIn(page, board.links.facilitator, 'Tess');
  await addNoteIn(page, 'verkennen.eigen-situatie', 'Carers burn out');
  await page.keyboard.press('Escape');
  const touch = await Touch.on(page);

  // Two fingers spread apart over the board: it zooms in.
  const before = await page.evaluate(() => window.kompas?.viewport().scale ?? 0);
  await touch.slide(
    [
      { x: 420, y: 400 },
      { x: 560, y: 400 },
    ],
    [
      { x: 320, y: 400 },
      { x: 660, y: 400 },
    ],
  );
  await expect
    .poll(() => page.evaluate(() => window.kompas?.viewport().scale ?? 0))
    .toBeGreaterThan(before * 1.5);
  await page.keyboard.press('0');

  // One finger drags the note into another step.
  const from = await note(page, 'Carers burn out');
  const to = await pointOfStep(page, 'verkennen.partners');
  await touch.slide([from], [to]);
  await expect.poll(async () => (await note(page, 'Carers burn out')).step).toBe('verkennen.partners');

  // A finger held on the note shows its menu, not its card.
  const moved = await note(page, 'Carers burn out');
  await touch.hold(moved, 800);
  await expect(page.getByRole('toolbar', { name: 'Selected note' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Note by Tess' })).toHaveCount(0);

  // A short tap opens the card, as before.
  await touch.hold(moved, 50);
  await expect(page.getByRole('dialog', { name: 'Note by Tess' })).toBeVisible();
});
