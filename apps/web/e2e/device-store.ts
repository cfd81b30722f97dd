import type { Page } from '@playwright/test';
import * as Y from 'yjs';

/**
 * The browser's copies of a board, as y-indexeddb keeps them: a database per document whose `updates`
 * store holds Yjs updates. These reach into them as an older or faulty app could have left them.
 */

/** Adds the documents' states as updates to the page's store `name`, creating it as y-indexeddb would. */
export function addToDeviceStore(page: Page, name: string, docs: readonly Y.Doc[]): Promise<void> {
  const updates = docs.map((doc) => [...Y.encodeStateAsUpdate(doc)]);
  return page.evaluate(
    ({ name, updates }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onupgradeneeded = () => {
          request.result.createObjectStore('updates', { autoIncrement: true });
          request.result.createObjectStore('custom');
        };
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const transaction = request.result.transaction('updates', 'readwrite');
          for (const update of updates) transaction.objectStore('updates').add(new Uint8Array(update));
          transaction.oncomplete = () => {
            request.result.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    { name, updates },
  );
}

/** Whether the page's store `name` holds an update containing `text`. */
export function deviceStoreHolds(page: Page, name: string, text: string): Promise<boolean> {
  return page.evaluate(
    ({ name, wanted }) =>
      new Promise<boolean>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('updates').objectStore('updates').getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const decoder = new TextDecoder('utf-8', { fatal: false });
            resolve(
              (request.result as Uint8Array[]).some((update) => decoder.decode(update).includes(wanted)),
            );
            open.result.close();
          };
        };
      }),
    { name, wanted: text },
  );
}
