/**
 * RawTable: the decoder-neutral view of one decoded file (parquet via Arrow, CSV, JSON Lines)
 * that column mapping and timestamp parsing work on. Decoders convert lazily, per column, so
 * columns that are not mapped are never materialised.
 */

import { InternalError } from '../errors';
export type ArrowTimeUnit = 's' | 'ms' | 'us' | 'ns';

export type RawColumn =
  /** numbers (ints, floats, int64 as Number); NaN where missing */
  | { kind: 'number'; values: Float64Array }
  /** a typed timestamp or date already converted to epoch ms; `unit` is the storage unit */
  | { kind: 'timestamp'; unit: ArrowTimeUnit | 'date'; valuesMs: Float64Array }
  /** text; null where missing */
  | { kind: 'string'; values: (string | null)[] };

export interface RawTable {
  /** file name or path the table came from (for messages and per-file symbols) */
  source: string;
  rowCount: number;
  columnNames: string[];
  column(name: string): RawColumn;
  /**
   * Optional, for decoders that read a file in row chunks (parquet): runs the passes in order,
   * each over every chunk of rows in file order, so that no whole column need exist. A decoder
   * may decode the file once per pass.
   */
  scan?(passes: ScanPass[]): void;
}

/**
 * A text column of one chunk as codes into a dictionary that grows over a scan (one entry per
 * distinct value; null where missing), so that no string is made per row.
 */
export interface CodedColumn {
  kind: 'coded';
  codes: Int32Array;
  dictionary: readonly (string | null)[];
}

/**
 * A column of one chunk: only valid during the visit (it may be a view on decoder memory), unless
 * `owned`: then its memory is the visitor's to keep (fresh, and never written by the decoder again).
 */
export type ChunkColumn = (RawColumn | CodedColumn) & { owned?: boolean };

export interface ScanPass {
  names: string[];
  /** called before the pass's first chunk */
  start?(): void;
  /** rows [at, at + rows) of the named columns, in the order of `names` */
  visit(at: number, rows: number, columns: ChunkColumn[]): void;
}

/** Parses a CSV/JSON cell into a number the way the data layer does everywhere ('' -> NaN). */
export function toNumber(s: string | null | undefined): number {
  if (s === null || s === undefined) return NaN;
  const t = s.trim();
  if (t === '') return NaN;
  return Number(t);
}

/** A numeric view of any column: numbers as is, strings parsed, timestamps as epoch ms. */
export function numericValues(col: RawColumn): Float64Array {
  if (col.kind === 'number') return col.values;
  if (col.kind === 'timestamp') return col.valuesMs;
  const out = new Float64Array(col.values.length);
  for (let i = 0; i < out.length; i++) out[i] = toNumber(col.values[i]);
  return out;
}

/** An empty column of `like`'s kind and unit with room for `n` rows (for chunked decoding). */
export function allocColumn(like: RawColumn, n: number): RawColumn {
  if (like.kind === 'number') return { kind: 'number', values: new Float64Array(n) };
  if (like.kind === 'timestamp') return { kind: 'timestamp', unit: like.unit, valuesMs: new Float64Array(n) };
  return { kind: 'string', values: new Array<string | null>(n).fill(null) };
}

/** Copies `src` (a column of the same kind) into `dst` from row `at`. */
export function copyColumn(dst: RawColumn, src: RawColumn, at: number): void {
  if (dst.kind === 'number' && src.kind === 'number') dst.values.set(src.values, at);
  else if (dst.kind === 'timestamp' && src.kind === 'timestamp') dst.valuesMs.set(src.valuesMs, at);
  else if (dst.kind === 'string' && src.kind === 'string') {
    for (let i = 0; i < src.values.length; i++) dst.values[at + i] = src.values[i];
  } else throw new InternalError(`column kind changed between chunks (${dst.kind} -> ${src.kind})`);
}
