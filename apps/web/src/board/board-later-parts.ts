import { loadOnce, whenIdle } from '../ui/load-once.ts';

const tools = loadOnce(() => import('./board-tools.ts'));
const leadTools = loadOnce(() => import('./lead-tools.ts'));
const phoneBoard = loadOnce(() => import('../phone/phone-board.ts'));

/** Whether a download is already waiting for the browser to have a moment. */
let waiting = false;

/**
 * Downloads the parts of an open board that its first picture does not need (board-tools.ts, and for those
 * who lead lead-tools.ts), as soon as the browser has a moment; on a phone, the phone's board at once. Called
 * on every render of an open board: a download that failed (offline, not kept on the device) is tried again.
 */
export function loadLaterParts({ canLead, phone }: { canLead: boolean; phone: boolean }): void {
  if (phone) phoneBoard().catch(() => {});
  if (waiting) return;
  waiting = true;
  whenIdle(() => {
    waiting = false;
    tools().catch(() => {});
    if (canLead) leadTools().catch(() => {});
  });
}
