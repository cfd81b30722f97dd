/**
 * The service worker (built to `/sw.js`): keeps the app itself on the device, so a board opens and can be
 * worked on while the server cannot be reached (after a reload, or in a tab opened offline). The board's
 * notes are kept in IndexedDB by the page; this only keeps the page, its scripts and icon: all the scripts of
 * the build, the parts loaded on demand (the replay, the facilitator's dialogs, the Dutch texts...) included.
 *
 * Pages are fetched from the network first, so a new version of Kompas is used as soon as it can be
 * reached; the cached page answers only when the network fails. Built assets have content hashes in their
 * names, so a cached one is never stale. The API, the relay and everything else go to the network as usual.
 * The build writes its list of files into this script, so a new version is a new worker: it installs, keeps the
 * new files and lets go of the old ones.
 */
import { appAssets, BUILT_ASSETS, isAppAsset, staleAssets } from './app-shell-assets.ts';

/** The parts of the service worker scope used here (the DOM library has no types for it). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

interface ServiceWorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const scope = self as unknown as ServiceWorkerScope;
const CACHE = 'kompas-app-v1';
/** The cached page; every page of the app (`/`, `/b/<id>`, `/b/<id>/replay`) is this one document. */
const SHELL = '/';

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch(SHELL, { cache: 'no-cache' });
      if (!page.ok) throw new Error(`the app's page answered ${page.status}`);
      await cache.addAll(appAssets(BUILT_ASSETS));
      await cache.put(SHELL, page);
      await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // This version no longer loads the files of earlier ones: they need not be kept.
      const cache = await caches.open(CACHE);
      const cached = (await cache.keys()).map((key) => new URL(key.url).pathname);
      for (const path of staleAssets(cached, appAssets(BUILT_ASSETS))) await cache.delete(path);
      // Take over the pages already open, so a tab opened before the worker was installed is covered too.
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(pageFromNetworkFirst(request));
  } else if (isAppAsset(url.pathname)) {
    event.respondWith(assetFromCacheFirst(request));
  }
});

/** The page from the server, kept as the cached page; the cached page when the server cannot be reached. */
async function pageFromNetworkFirst(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok && response.headers.get('content-type')?.startsWith('text/html')) {
      const cache = await caches.open(CACHE);
      await cache.put(SHELL, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(SHELL);
    if (cached) return cached;
    throw error;
  }
}

async function assetFromCacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}
