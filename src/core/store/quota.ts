/**
 * Storage safety: recognise a "disk full" failure from IndexedDB (a DOMException named
 * QuotaExceededError, Firefox's NS_ERROR_DOM_QUOTA_REACHED, or Dexie's wrappers of either:
 * QuotaExceededError, AbortError/BulkError carrying it in `inner` / `failures`) and turn it into
 * a StorageFullError whose message says what to do. Writes run in Dexie transactions, so when
 * one fails the transaction aborts and the data that was there before stays intact; this module
 * only makes the message clear. `storageStatus` reads usage, quota and persistence from an
 * injected StorageManager (navigator.storage; `persist()` itself must be asked from the window).
 */

import { StorageFullError } from '../errors';

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/** True when the error (or an error it wraps, a few levels deep) is a quota error. */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const o = e as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (typeof o.name === 'string' && QUOTA_NAMES.has(o.name)) return true;
  // legacy DOMException code QUOTA_EXCEEDED_ERR
  if (o.code === 22 && o.name !== 'StorageFullError') return true;
  if (isQuotaError(o.inner, depth + 1) || isQuotaError(o.cause, depth + 1)) return true;
  if (Array.isArray(o.failures)) return o.failures.some((f) => isQuotaError(f, depth + 1));
  if (o.failures && typeof o.failures === 'object')
    return Object.values(o.failures).some((f) => isQuotaError(f, depth + 1));
  return false;
}

/** Runs a write; a quota failure is rethrown as StorageFullError, anything else unchanged. */
export async function guardStorage<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof StorageFullError) throw e;
    if (isQuotaError(e)) throw new StorageFullError(what, e);
    throw e;
  }
}

export interface StorageStatus {
  /** bytes used by this origin, null when the browser does not say */
  usage: number | null;
  quota: number | null;
  /** usage / quota, null when either is unknown */
  fraction: number | null;
  /** whether storage is persistent (not evicted under pressure); null when unknown */
  persisted: boolean | null;
}

/** Usage, quota and persistence from navigator.storage (works in workers); unknowns are null. */
export async function storageStatus(
  storage: Partial<Pick<StorageManager, 'estimate' | 'persisted'>> | undefined,
): Promise<StorageStatus> {
  const est = storage?.estimate ? await storage.estimate().catch(() => null) : null;
  const persisted = storage?.persisted ? await storage.persisted().catch(() => null) : null;
  const usage = typeof est?.usage === 'number' ? est.usage : null;
  const quota = typeof est?.quota === 'number' ? est.quota : null;
  return { usage, quota, fraction: usage !== null && quota ? usage / quota : null, persisted };
}
