// Page side of the service worker: registration, the one-time reload that turns on
// cross-origin isolation through the shim, and "update available" detection.
// Not in dev (the dev server sets the headers itself and Vite serves unbundled files).
import { errorText } from '../../workers/shared/async.ts';

/** What to do about isolation on this page load. */
export type IsolationAction = 'none' | 'reload' | 'wait-for-control';

/**
 * The shim only affects documents the service worker serves: a page that is not
 * isolated reloads once, as soon as the worker controls it. The session flag stops a
 * reload loop where the shim cannot help (e.g. a browser that ignores the headers).
 */
export function isolationAction(state: { isolated: boolean; controlled: boolean; reloadedBefore: boolean }): IsolationAction {
  if (state.isolated || state.reloadedBefore) return 'none';
  return state.controlled ? 'reload' : 'wait-for-control';
}

export const RELOAD_FLAG = 'heal-playground:coi-reload';

export interface OfflineOptions {
  /** A new version is installed and waiting: call apply() to switch to it (reloads the page). */
  onUpdate(apply: () => void): void;
  /** Registration failed or is unsupported: the app still works online, without the shim. */
  onUnavailable?(reason: string): void;
}

export async function registerOffline(options: OfflineOptions): Promise<ServiceWorkerRegistration | null> {
  const sw = navigator.serviceWorker as ServiceWorkerContainer | undefined;
  if (!sw) {
    options.onUnavailable?.('service workers are not available (private mode, or not a secure origin)');
    return null;
  }
  if (new URLSearchParams(location.search).get('sw') === '0') {
    // Troubleshooting switch: remove the worker (and its caches) and run without it.
    for (const registration of await sw.getRegistrations()) await registration.unregister();
    for (const name of await caches.keys()) if (name.startsWith('heal-precache-')) await caches.delete(name);
    return null;
  }
  const base = import.meta.env.BASE_URL;
  let registration: ServiceWorkerRegistration;
  try {
    registration = await sw.register(`${base}sw.js`, { scope: base });
  } catch (error) {
    options.onUnavailable?.(errorText(error));
    return null;
  }
  // Some embedders (a test browser blocking service workers) resolve with nothing.
  if (!registration) {
    options.onUnavailable?.('the service worker was not registered');
    return null;
  }

  let updating = false;
  const reloadedBefore = sessionStorage.getItem(RELOAD_FLAG) === '1';
  if (globalThis.crossOriginIsolated) sessionStorage.removeItem(RELOAD_FLAG);
  const reloadForIsolation = () => {
    sessionStorage.setItem(RELOAD_FLAG, '1');
    location.reload();
  };
  const action = isolationAction({ isolated: globalThis.crossOriginIsolated === true, controlled: sw.controller !== null, reloadedBefore });
  if (action === 'reload') reloadForIsolation();
  sw.addEventListener('controllerchange', () => {
    if (updating) location.reload();
    else if (action === 'wait-for-control') reloadForIsolation();
  });

  const offer = (worker: ServiceWorker) => {
    options.onUpdate(() => {
      updating = true;
      worker.postMessage({ type: 'SKIP_WAITING' });
    });
  };
  // An update is only an update when a previous version controls this page.
  if (registration.waiting && sw.controller) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && sw.controller) offer(installing);
    });
  });
  return registration;
}
