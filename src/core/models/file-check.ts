/**
 * Checking a model file that came from outside (an imported bundle) against its format before
 * anything reads it further: `FileCheck` throws a `RefusedError` (code 'bad-model-file') naming
 * the file and the field at the first value the format does not define (an unknown or missing
 * key, a wrong type, NaN where a number must be finite, a list longer than its declared shape).
 * Lengths are compared before a list is walked, so an oversized list costs nothing to refuse.
 * The per-format checks live beside their serialisers (trees/check.ts, tf/sgd/check.ts,
 * tf/neural/check.ts); `MODEL_FILE_LIMITS` caps every declared size.
 */
import { RefusedError } from '../errors';

export const MODEL_FILE_LIMITS = {
  features: 4096,
  classes: 256,
  /** trees of an ensemble (a softmax model grows one per class per iteration) */
  trees: 200_000,
  /** nodes of all trees together */
  nodes: 50_000_000,
  /** bin edges of one feature (255 bins at most) */
  binEdges: 256,
  /** units of one neural layer */
  units: 4096,
  layers: 32,
  sequenceLength: 4096,
  /** elements of all weight tensors together (float32: 1 GiB) */
  weightElements: 256 * 1024 * 1024,
  /** JSON nodes (values) of a neural topology or training config */
  jsonNodes: 50_000,
  stringLength: 10_000,
} as const;

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export class FileCheck {
  constructor(readonly file: string) {}

  /** Refuses the file: `<file>: <field> <what>`, or `<file> <what>` for the file as a whole (field ''). */
  fail(field: string, what: string): never {
    throw new RefusedError(
      'bad-model-file',
      field ? `${this.file}: ${field} ${what}` : `${this.file} ${what}`,
    );
  }

  /** An object with exactly the `required` keys and any of the `optional` ones. */
  keys(v: unknown, field: string, required: readonly string[], optional: readonly string[] = []): Obj {
    if (!isObj(v)) this.fail(field, 'must be an object');
    const known = new Set([...required, ...optional]);
    for (const k of Object.keys(v))
      if (!known.has(k)) this.fail(`${field}.${k}`.replace(/^\./, ''), 'is not defined by the format');
    for (const k of required) if (!(k in v)) this.fail(`${field}.${k}`.replace(/^\./, ''), 'is missing');
    return v;
  }

  int(v: unknown, field: string, min: number, max: number): number {
    if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max)
      this.fail(field, `must be a whole number from ${min} to ${max} (got ${show(v)})`);
    return v as number;
  }

  num(v: unknown, field: string, o: { min?: number; max?: number; nullable?: boolean } = {}): number | null {
    if (v === null && o.nullable) return null;
    if (typeof v !== 'number' || !Number.isFinite(v))
      this.fail(field, `must be a finite number (got ${show(v)})`);
    if ((o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max))
      this.fail(field, `must be from ${o.min ?? '-inf'} to ${o.max ?? 'inf'} (got ${v})`);
    return v;
  }

  oneOf<T extends string>(v: unknown, field: string, allowed: readonly T[]): T {
    if (!allowed.includes(v as T)) this.fail(field, `must be one of ${allowed.join(', ')} (got ${show(v)})`);
    return v as T;
  }

  str(v: unknown, field: string, maxLength: number = MODEL_FILE_LIMITS.stringLength): string {
    if (typeof v !== 'string' || v.length > maxLength)
      this.fail(field, `must be a string (at most ${maxLength} characters)`);
    return v;
  }

  bool(v: unknown, field: string): boolean {
    if (typeof v !== 'boolean') this.fail(field, 'must be true or false');
    return v;
  }

  /** A list of exactly `length` items (checked before any item is read). */
  list(v: unknown, field: string, length: number, what: string): unknown[] {
    if (!Array.isArray(v)) this.fail(field, 'must be a list');
    if (v.length !== length) this.fail(field, `has ${v.length} entries, ${what} says ${length}`);
    return v;
  }

  /** A list of at most `max` items. */
  listUpTo(v: unknown, field: string, max: number): unknown[] {
    if (!Array.isArray(v)) this.fail(field, 'must be a list');
    if (v.length > max) this.fail(field, `has ${v.length} entries, more than the ${max} the format allows`);
    return v;
  }

  finiteNumbers(v: unknown, field: string, length: number, what: string): number[] {
    const xs = this.list(v, field, length, what);
    xs.forEach((x, i) => this.num(x, `${field}[${i}]`));
    return xs as number[];
  }

  /** Every value of a binary blob finite (no NaN or infinity), or at most +Infinity when `allowInf`. */
  finiteBlob(a: Float32Array | Float64Array, field: string, allowInf = false): void {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (!Number.isFinite(x) && !(allowInf && x === Infinity))
        this.fail(`${field}[${i}]`, `is ${x}: the format allows finite numbers only`);
    }
  }
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}
