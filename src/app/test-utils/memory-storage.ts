/**
 * Test-only: a tiny in-memory Web Storage for the helpers that read and write localStorage
 * (install it with `vi.stubGlobal('localStorage', memoryStorage())`), and one whose every
 * call throws, like storage that is disabled or full.
 */
export interface MemoryStorage extends Storage {
  /** the stored values, to look at what a helper wrote */
  readonly data: Map<string, string>;
}

export function memoryStorage(init: Record<string, string> = {}): MemoryStorage {
  const data = new Map(Object.entries(init));
  return {
    data,
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
    clear: () => data.clear(),
  };
}

export function brokenStorage(): Storage {
  const fail = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  return { length: 0, key: fail, getItem: fail, setItem: fail, removeItem: fail, clear: fail };
}
