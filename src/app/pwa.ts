/**
 * Registers the service worker built by vite-plugin-pwa (precached shell, workers,
 * wasm and the built-in sample). Update prompts and the offline indicator build on this.
 */
import { registerSW } from 'virtual:pwa-register';

export type UpdateListener = (apply: () => Promise<void>) => void;
const updateListeners = new Set<UpdateListener>();
let swRegistration: ServiceWorkerRegistration | undefined;

export function onUpdateAvailable(listener: UpdateListener): () => void {
  updateListeners.add(listener);
  return () => updateListeners.delete(listener);
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const updateSW = registerSW({
    immediate: true,
    onNeedRefresh() {
      updateListeners.forEach((l) => l(() => updateSW(true)));
    },
    onRegisteredSW(_url, registration) {
      swRegistration = registration;
    },
  });
}

export function serviceWorkerRegistration(): ServiceWorkerRegistration | undefined {
  return swRegistration;
}

/** Asks the browser to keep this site's data (models, runs, cached datasets) under storage pressure. */
let persisted: Promise<boolean | null> | null = null;
export function requestPersistentStorage(): Promise<boolean | null> {
  persisted ??= (async () => {
    if (!navigator.storage?.persist) return null;
    try {
      return (await navigator.storage.persisted()) || (await navigator.storage.persist());
    } catch {
      return null;
    }
  })();
  return persisted;
}
