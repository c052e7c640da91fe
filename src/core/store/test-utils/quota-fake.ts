/**
 * Test-only: makes fake-indexeddb's object stores throw a QuotaExceededError DOMException on
 * put/add of a record whose `id` passes `when`, as a browser does when the origin's quota is used
 * up. Returns the function that restores the originals.
 */
import { IDBObjectStore } from 'fake-indexeddb';

export function failWritesWithQuota(when: (id: unknown) => boolean): () => void {
  const proto = IDBObjectStore.prototype as unknown as Record<
    'put' | 'add',
    (this: unknown, value: unknown, key?: unknown) => unknown
  >;
  const orig = { put: proto.put, add: proto.add };
  for (const m of ['put', 'add'] as const) {
    proto[m] = function (this: unknown, value: unknown, key?: unknown) {
      if (when((value as { id?: unknown } | null)?.id))
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return orig[m].call(this, value, key);
    };
  }
  return () => {
    proto.put = orig.put;
    proto.add = orig.add;
  };
}
