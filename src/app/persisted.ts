/**
 * Form state kept on this device across reloads (localStorage), merged over defaults so a
 * field added in a later version gets its default. Storage that is full or disabled only
 * means the form is not remembered.
 */
export function readPersisted<T extends object>(key: string, defaults: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? { ...defaults, ...(JSON.parse(raw) as Partial<T>) } : defaults;
  } catch {
    return defaults;
  }
}

export function savePersisted<T>(key: string, value: T): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage unavailable: the form still works for this visit
  }
}

/** Renames the keys of an object saved by an earlier version; keys `defaults` does not have are dropped. */
export function renameKeys<T extends object>(
  old: Record<string, unknown>,
  names: Record<string, keyof T>,
  defaults: T,
): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(old)) {
    const name = (names[k] ?? k) as string;
    if (name in defaults) out[name] = v;
  }
  return out as Partial<T>;
}

/**
 * Like readPersisted, but while nothing is saved under `key` a form saved by the previous
 * version under `legacy.key` is read once, converted by `legacy.migrate`.
 */
export function readPersistedOrLegacy<T extends object>(
  key: string,
  defaults: T,
  legacy: { key: string; migrate: (old: Record<string, unknown>) => Partial<T> },
): T {
  try {
    if (localStorage.getItem(key) === null) {
      const old = JSON.parse(localStorage.getItem(legacy.key) ?? 'null') as unknown;
      if (old && typeof old === 'object')
        return { ...defaults, ...legacy.migrate(old as Record<string, unknown>) };
    }
  } catch {
    // an unreadable old form: start from the saved one or the defaults
  }
  return readPersisted(key, defaults);
}
