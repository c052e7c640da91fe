/**
 * A job's context packed for a worker: every typed array of its plain objects and arrays copied
 * into one ArrayBuffer, which is then transferred (moved, not copied) to the worker, and the rest
 * (the skeleton, with a small marker where each array was) structured-cloned as usual.
 *
 * Why: a walk-forward plan is ~100 typed arrays, ~18 MB for the seed scenario. Structured
 * cloning copies them twice per worker (into the message on the sending thread, out of it on
 * the receiving one), each time into fresh memory, whose first touch is what costs the most
 * here. Packed, the sending thread copies once into a buffer the executor can recycle: a worker
 * hands its buffer back when it unloads the job, so the next job's context is copied into
 * memory that is already mapped. No library does this (comlink only forwards the transfer list).
 *
 * Only plain objects and arrays are walked; Maps, Sets, Dates, class instances and the arrays
 * inside them are structured-cloned as before. Shared references stay shared (the same typed
 * array twice unpacks to one view), as with structured cloning.
 */

const MARK = '\u0000packed-view';

const CTORS = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
] as const;

type AnyTypedArray = InstanceType<(typeof CTORS)[number]>;

/** [constructor index, byte offset in the buffer, element count] */
type Marker = { [MARK]: [number, number, number] };

export interface PackedContext {
  /** marks a packed context (so a host can tell it from a plain one) */
  packed: true;
  skeleton: unknown;
  /** the typed arrays' bytes, each at an 8-byte aligned offset; transfer it */
  buffer: ArrayBuffer;
}

const isPlain = (v: object) => {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
};

const align8 = (n: number) => (n + 7) & ~7;

/**
 * Packs `value`. `reuse`: a buffer from an earlier pack (handed back by a worker), used when it
 * is large enough instead of allocating a new one.
 */
export function packContext(value: unknown, reuse?: ArrayBuffer | null): PackedContext {
  const views: { src: AnyTypedArray; at: number }[] = [];
  const memo = new Map<object, unknown>();
  let size = 0;
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const seen = memo.get(v);
    if (seen !== undefined) return seen;
    let out: unknown = v;
    if (ArrayBuffer.isView(v)) {
      const kind = CTORS.findIndex((C) => v instanceof C);
      if (kind >= 0) {
        const src = v as AnyTypedArray;
        out = { [MARK]: [kind, size, src.length] } satisfies Marker;
        views.push({ src, at: size });
        size = align8(size + src.byteLength);
      }
    } else if (Array.isArray(v)) {
      const arr: unknown[] = [];
      memo.set(v, arr);
      for (const x of v) arr.push(walk(x));
      return arr;
    } else if (isPlain(v)) {
      const obj: Record<string, unknown> = {};
      memo.set(v, obj);
      for (const k of Object.keys(v)) obj[k] = walk((v as Record<string, unknown>)[k]);
      return obj;
    }
    memo.set(v, out);
    return out;
  };
  const skeleton = walk(value);
  const buffer = reuse && reuse.byteLength >= size ? reuse : new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  for (const { src, at } of views) bytes.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength), at);
  return { packed: true, skeleton, buffer };
}

export function isPackedContext(v: unknown): v is PackedContext {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as PackedContext).packed === true &&
    (v as PackedContext).buffer instanceof ArrayBuffer
  );
}

/** The context back, its typed arrays views of `p.buffer` (no copy). */
export function unpackContext(p: PackedContext): unknown {
  const memo = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (memo.has(v)) return memo.get(v);
    if (Array.isArray(v)) {
      const arr: unknown[] = [];
      memo.set(v, arr);
      for (const x of v) arr.push(walk(x));
      return arr;
    }
    if (!isPlain(v)) return v;
    const m = (v as Partial<Marker>)[MARK];
    if (m) {
      const [kind, at, length] = m;
      const view = new CTORS[kind](p.buffer, at, length);
      memo.set(v, view);
      return view;
    }
    const obj: Record<string, unknown> = {};
    memo.set(v, obj);
    for (const k of Object.keys(v)) obj[k] = walk((v as Record<string, unknown>)[k]);
    return obj;
  };
  return walk(p.skeleton);
}

/**
 * `value` with every typed array that is a view of `buffer` replaced by a copy: a unit's result
 * must not carry a view of the packed context (structured cloning a view sends its whole buffer).
 */
export function detachFrom<T>(value: T, buffer: ArrayBuffer): T {
  const seen = new Set<object>();
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (ArrayBuffer.isView(v)) {
      return v.buffer === buffer && !(v instanceof DataView) ? (v as AnyTypedArray).slice() : v;
    }
    if (seen.has(v)) return v;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i]);
    } else if (isPlain(v)) {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = walk(o[k]);
    }
    return v;
  };
  return walk(value) as T;
}
