import { expect } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { KompasProcess } from './server.ts';

/**
 * A co-facilitator's own client on a board's control room, outside the browser: for what a spec needs but
 * other screens build (a plan, issues in hand, a new meeting, the next round). It joins with the facilitator
 * invite's token under `name`.
 */
export async function coFacilitator(
  server: KompasProcess,
  boardId: string,
  invite: string,
  name = 'Gijs',
): Promise<{ control: Y.Doc; close: () => void }> {
  const joined = await fetch(`${server.url}/api/boards/${boardId}/people`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${invite}` },
    body: JSON.stringify({ name }),
  });
  const { token } = (await joined.json()) as { token: string };
  const control = new Y.Doc();
  const provider = new WebsocketProvider(
    `${server.url.replace(/^http/, 'ws')}/ws`,
    `${boardId}.control`,
    control,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token },
    },
  );
  await expect.poll(() => provider.synced).toBe(true);
  return {
    control,
    close: () => {
      provider.destroy();
      control.destroy();
    },
  };
}
