/**
 * Arrow Table -> RawTable: converts only the columns asked for, straight from the Arrow
 * buffers (timestamps of any unit and dates to epoch ms, ints/floats to Float64Array,
 * UTF-8 strings with run reuse, dictionaries through their dictionary).
 */
import { DataError, InternalError } from '../errors';
import { DataType, makeVector, TimeUnit, type Data, type Table, type Vector } from 'apache-arrow';
import type { ChunkColumn, CodedColumn, RawColumn, RawTable } from './table';

const UNIT_TO_MS: Record<number, number> = {
  [TimeUnit.SECOND]: 1000,
  [TimeUnit.MILLISECOND]: 1,
  [TimeUnit.MICROSECOND]: 1e-3,
  [TimeUnit.NANOSECOND]: 1e-6,
};
const UNIT_NAME = {
  [TimeUnit.SECOND]: 's',
  [TimeUnit.MILLISECOND]: 'ms',
  [TimeUnit.MICROSECOND]: 'us',
  [TimeUnit.NANOSECOND]: 'ns',
} as const;

function isNull(data: Data, i: number): boolean {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return false;
  const j = data.offset + i;
  return ((data.nullBitmap[j >> 3] >> (j & 7)) & 1) === 0;
}

/** Whether typed arrays are little-endian here (Arrow buffers always are). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const TWO_32 = 4294967296;

/**
 * int64 values as Numbers, times `scale`. Reads each value as two 32-bit halves instead of
 * through a BigInt per element (which allocates): hi x 2^32 is exact and the one addition of
 * the low half rounds once, so the result is the same Number as Number(bigint) for every value.
 */
function int64ToNumbers(
  values: BigInt64Array | BigUint64Array,
  n: number,
  signed: boolean,
  out: Float64Array,
  at: number,
  scale: number,
): void {
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < n; i++) out[at + i] = Number(values[i]) * scale;
    return;
  }
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  if (signed) {
    for (let i = 0; i < n; i++) out[at + i] = ((words[2 * i + 1] | 0) * TWO_32 + words[2 * i]) * scale;
  } else {
    for (let i = 0; i < n; i++) out[at + i] = (words[2 * i + 1] * TWO_32 + words[2 * i]) * scale;
  }
}

/** Numeric buffers (Float*, Int*, timestamps) into `out`, times `scale`; nulls -> NaN. */
function copyNumeric(chunks: readonly Data[], out: Float64Array, scale: number): void {
  let at = 0;
  for (const data of chunks) {
    const n = data.length;
    const values = data.values as Float64Array | Float32Array | Int32Array | BigInt64Array | BigUint64Array;
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      int64ToNumbers(values, n, values instanceof BigInt64Array, out, at, scale);
    } else if (scale === 1) {
      out.set(values.subarray(0, n), at);
    } else {
      for (let i = 0; i < n; i++) out[at + i] = values[i] * scale;
    }
    if (data.nullCount > 0) for (let i = 0; i < n; i++) if (isNull(data, i)) out[at + i] = NaN;
    at += n;
  }
}

/** UTF-8 columns: decodes each run of equal values once (symbol columns are long runs of one value). */
function utf8Values(
  vector: Vector,
  out: (string | null)[] = new Array<string | null>(vector.length),
  offset = 0,
): (string | null)[] {
  const dec = new TextDecoder();
  let at = offset;
  for (const data of vector.data) {
    const offsets = data.valueOffsets as Int32Array | BigInt64Array;
    const big = offsets instanceof BigInt64Array;
    const bytes = data.values as Uint8Array;
    let ps = -1;
    let pe = -1;
    let prev: string | null = null;
    const nullable = data.nullCount > 0;
    for (let i = 0; i < data.length; i++) {
      if (nullable && isNull(data, i)) {
        out[at + i] = null;
        continue;
      }
      const s = big ? Number(offsets[i]) : (offsets[i] as number);
      const e = big ? Number(offsets[i + 1]) : (offsets[i + 1] as number);
      let same = ps >= 0 && pe - ps === e - s;
      for (let k = 0; same && k < e - s; k++) if (bytes[ps + k] !== bytes[s + k]) same = false;
      if (!same) {
        prev = dec.decode(bytes.subarray(s, e));
        ps = s;
        pe = e;
      }
      out[at + i] = prev;
    }
    at += data.length;
  }
  return out;
}

function dateValuesMs(vector: Vector): Float64Array {
  const out = new Float64Array(vector.length);
  for (let i = 0; i < out.length; i++) {
    const v: unknown = vector.get(i);
    out[i] = v === null || v === undefined ? NaN : v instanceof Date ? v.getTime() : Number(v);
  }
  return out;
}

/** One Arrow column as a RawColumn. */
export function arrowColumn(vector: Vector): RawColumn {
  const type = vector.type;
  if (DataType.isTimestamp(type)) {
    const valuesMs = new Float64Array(vector.length);
    copyNumeric(vector.data, valuesMs, UNIT_TO_MS[type.unit]);
    return { kind: 'timestamp', unit: UNIT_NAME[type.unit as TimeUnit], valuesMs };
  }
  if (DataType.isDate(type)) return { kind: 'timestamp', unit: 'date', valuesMs: dateValuesMs(vector) };
  if (DataType.isFloat(type) || DataType.isInt(type)) {
    const values = new Float64Array(vector.length);
    if (DataType.isFloat(type) && type.precision === 0) {
      for (let i = 0; i < values.length; i++) values[i] = Number(vector.get(i) ?? NaN); // half floats
    } else copyNumeric(vector.data, values, 1);
    return { kind: 'number', values };
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type))
    return { kind: 'string', values: utf8Values(vector) };
  if (DataType.isDecimal(type)) {
    const values = new Float64Array(vector.length);
    const scale = 10 ** -type.scale;
    for (let i = 0; i < values.length; i++) {
      const v: unknown = vector.get(i);
      values[i] = v === null || v === undefined ? NaN : Number(v) * scale;
    }
    return { kind: 'number', values };
  }
  // dictionaries and anything else: through get(), as text
  const values: (string | null)[] = new Array(vector.length);
  for (let i = 0; i < values.length; i++) {
    const v: unknown = vector.get(i);
    values[i] = v === null || v === undefined ? null : String(v);
  }
  return { kind: 'string', values };
}

/**
 * Writes one Arrow column into rows [at, at + length) of `dst`, an existing column of the same
 * kind (and unit) as arrowColumn gives for this vector, without an intermediate column; false
 * (nothing written) for the types that arrowColumn converts value by value.
 */
export function arrowColumnInto(vector: Vector, dst: RawColumn, at: number): boolean {
  const type = vector.type;
  if (DataType.isTimestamp(type)) {
    if (dst.kind !== 'timestamp' || dst.unit !== UNIT_NAME[type.unit as TimeUnit]) return false;
    copyNumeric(vector.data, dst.valuesMs.subarray(at, at + vector.length), UNIT_TO_MS[type.unit]);
    return true;
  }
  if ((DataType.isFloat(type) && type.precision !== 0) || DataType.isInt(type)) {
    if (dst.kind !== 'number') return false;
    copyNumeric(vector.data, dst.values.subarray(at, at + vector.length), 1);
    return true;
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) {
    if (dst.kind !== 'string') return false;
    utf8Values(vector, dst.values, at);
    return true;
  }
  return false;
}

/** The dictionary of a coded text column over a whole scan: value -> code, code -> value. */
export interface CodeBook {
  codes: Map<string | null, number>;
  dictionary: (string | null)[];
}

function codeOf(book: CodeBook, value: string | null): number {
  let code = book.codes.get(value);
  if (code === undefined) {
    code = book.dictionary.length;
    book.dictionary.push(value);
    book.codes.set(value, code);
  }
  return code;
}

/**
 * UTF-8 chunks as codes into `book`: a string is decoded only where a row differs from the row
 * before it (symbol columns are long runs of one value), never once per row.
 */
function codedUtf8(chunks: readonly Data[], book: CodeBook, codes: Int32Array): CodedColumn {
  const dec = new TextDecoder();
  let at = 0;
  for (const data of chunks) {
    const offsets = data.valueOffsets as Int32Array | BigInt64Array;
    const big = offsets instanceof BigInt64Array;
    const bytes = data.values as Uint8Array;
    const nullable = data.nullCount > 0;
    let ps = -1;
    let pe = -1;
    let prev = -1;
    for (let i = 0; i < data.length; i++) {
      if (nullable && isNull(data, i)) {
        codes[at + i] = codeOf(book, null);
        ps = -1;
        continue;
      }
      const s = big ? Number(offsets[i]) : (offsets[i] as number);
      const e = big ? Number(offsets[i + 1]) : (offsets[i + 1] as number);
      let same = ps >= 0 && pe - ps === e - s;
      for (let k = 0; same && k < e - s; k++) if (bytes[ps + k] !== bytes[s + k]) same = false;
      if (!same) {
        prev = codeOf(book, dec.decode(bytes.subarray(s, e)));
        ps = s;
        pe = e;
      }
      codes[at + i] = prev;
    }
    at += data.length;
  }
  return { kind: 'coded', codes: codes.subarray(0, at), dictionary: book.dictionary };
}

/**
 * One column of a chunk of rows, given as the vectors of its batches (`rows` in all), for a
 * scan: numbers and timestamps as Float64Array (a view on the batch's own buffer when it already
 * is one, else converted into `scratch`), UTF-8 as codes into `book`, other types as arrowColumn
 * converts them. The result may view the batches' memory: it is only valid as long as they are.
 */
export function chunkColumn(
  vectors: readonly Vector[],
  rows: number,
  book: CodeBook,
  scratch: ArrayBuffer,
): ChunkColumn {
  const chunks = vectors.flatMap((v) => v.data);
  if (chunks.length === 0) return { kind: 'number', values: new Float64Array(0) };
  // views from the wasm memory start at their buffers, which is only right without an offset
  if (chunks.some((d) => d.offset !== 0))
    throw new InternalError('a decoded parquet chunk has an Arrow offset: its views would be misread');
  const type = vectors[0].type;
  if (DataType.isTimestamp(type)) {
    const valuesMs = new Float64Array(scratch, 0, rows);
    copyNumeric(chunks, valuesMs, UNIT_TO_MS[type.unit]);
    return { kind: 'timestamp', unit: UNIT_NAME[type.unit as TimeUnit], valuesMs };
  }
  if ((DataType.isFloat(type) && type.precision !== 0) || DataType.isInt(type)) {
    const only = chunks.length === 1 ? chunks[0] : null;
    if (only && only.values instanceof Float64Array && only.nullCount === 0)
      return { kind: 'number', values: only.values.subarray(0, rows) };
    const values = new Float64Array(scratch, 0, rows);
    copyNumeric(chunks, values, 1);
    return { kind: 'number', values };
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type))
    return codedUtf8(chunks, book, new Int32Array(scratch, 0, rows));
  return arrowColumn(makeVector(chunks));
}

/** A RawTable over an Arrow Table; columns are converted on first use and memoised. */
export function arrowToRawTable(table: Table, source: string): RawTable {
  const cache = new Map<string, RawColumn>();
  const columnNames = table.schema.fields.map((f) => f.name);
  return {
    source,
    rowCount: table.numRows,
    columnNames,
    column(name) {
      let col = cache.get(name);
      if (!col) {
        const vector = table.getChild(name);
        if (!vector)
          throw new DataError(
            'missing-column',
            `${source}: no column ${JSON.stringify(name)} (found ${columnNames.join(', ')})`,
          );
        col = arrowColumn(vector);
        cache.set(name, col);
      }
      return col;
    },
  };
}
