/**
 * Makes a value safe and faithful as JSON: typed arrays become plain arrays (JSON.stringify
 * would write them as {"0":..} objects), non-finite numbers become null (JSON has no NaN),
 * Maps become objects. Used for metrics.json and report.json.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function jsonSafe(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : null));
  }
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), jsonSafe(v)]));
  if (typeof value === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (v !== undefined) out[k] = jsonSafe(v);
    return out;
  }
  return null;
}

/** T as it reads back from JSON: numbers may be null, typed arrays are arrays. */
export type Jsonified<T> = T extends number
  ? number | null
  : T extends Float64Array | Int32Array | Float32Array
    ? (number | null)[]
    : T extends readonly (infer U)[]
      ? Jsonified<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonified<T[K]> }
        : T;

/** jsonSafe with the type it gives: a value of T becomes a Jsonified<T>. */
export function toJson<T>(value: T): Jsonified<T> {
  return jsonSafe(value) as Jsonified<T>;
}
