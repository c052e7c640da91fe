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
