/**
 * Parquet decoding with an injected parquet-wasm module (initialised by the caller: the
 * worker passes the esm build after `await init(wasmUrl)`, Node tests pass
 * `await import('parquet-wasm/node')`). Reads the schema from the footer first so that only
 * the needed columns are decoded, then hands Arrow IPC to apache-arrow.
 *
 * Large files are decoded in row chunks (offset/limit; parquet-rs skips the pages before the
 * offset without decompressing them) into columns preallocated from the footer's row count, so
 * neither the wasm heap nor the JS heap ever holds more than one chunk of Arrow data beside the
 * output columns.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import { arrowColumn, arrowColumnInto } from './arrow';
import { DataError } from '../errors';
import { parquetRowCount } from './parquet-footer';
import { allocColumn, copyColumn, type RawColumn, type RawTable } from './table';

/** The part of parquet-wasm's API the data layer uses. */
export interface ParquetWasmModule {
  readParquet(
    bytes: Uint8Array,
    options?: { columns?: string[]; batchSize?: number; offset?: number; limit?: number } | null,
  ): { intoIPCStream(): Uint8Array };
  readSchema(bytes: Uint8Array): { intoIPCStream(): Uint8Array };
}

export interface DecodeParquetOptions {
  parquet: ParquetWasmModule;
  /** file name, for messages */
  source?: string;
  /** picks the columns to read from the names in the file (default: all) */
  selectColumns?: (available: string[]) => string[];
  /** rows per decode call for files larger than this (default 131,072); smaller files are decoded at once */
  chunkRows?: number;
}

const DEFAULT_CHUNK_ROWS = 1 << 17;

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

function hasMagic(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== MAGIC[i] || bytes[bytes.length - 4 + i] !== MAGIC[i]) return false;
  }
  return true;
}

function corrupt(source: string, bytes: Uint8Array, detail: string): DataError {
  return new DataError(
    'bad-parquet',
    `${source} is not a readable parquet file: expected a complete parquet file (starting and ending with "PAR1"), ` +
      `found ${bytes.length} bytes that ${detail}. The file may be truncated or corrupt; download it again.`,
  );
}

/** The column names of a parquet file (footer only). */
export function parquetColumnNames(bytes: Uint8Array, opts: DecodeParquetOptions): string[] {
  const source = opts.source ?? 'parquet file';
  // checked before calling the wasm: some malformed inputs make it panic instead of throwing
  if (!hasMagic(bytes)) throw corrupt(source, bytes, 'lack the PAR1 markers');
  try {
    return tableFromIPC(opts.parquet.readSchema(bytes).intoIPCStream()).schema.fields.map((f) => f.name);
  } catch (err) {
    throw corrupt(source, bytes, `could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Decodes parquet bytes into an Arrow Table with only the selected columns (all rows at once). */
export function decodeParquetArrow(bytes: Uint8Array, opts: DecodeParquetOptions): Table {
  const names = parquetColumnNames(bytes, opts);
  const columns = opts.selectColumns ? opts.selectColumns(names) : names;
  // one big batch: far fewer IPC messages than the 1,024-row default
  return readArrow(bytes, opts, { columns, batchSize: 1 << 20 });
}

function readArrow(
  bytes: Uint8Array,
  opts: DecodeParquetOptions,
  options: { columns: string[]; batchSize: number; offset?: number; limit?: number },
): Table {
  try {
    return tableFromIPC(opts.parquet.readParquet(bytes, options).intoIPCStream());
  } catch (err) {
    throw corrupt(
      opts.source ?? 'parquet file',
      bytes,
      `could not be decoded (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

/**
 * The wanted columns that the table has, in file order. parquet-wasm 0.8's sync readParquet
 * returns every column whatever `columns` says, so the projection is (also) applied here.
 */
function projected(table: Table, wanted: string[]): string[] {
  const want = new Set(wanted);
  return table.schema.fields.map((f) => f.name).filter((n) => want.has(n));
}

interface DecodedColumns {
  columnNames: string[];
  rowCount: number;
  columns: Map<string, RawColumn>;
}

function convert(table: Table, names: string[], into: Map<string, RawColumn>, at: number, total: number) {
  for (const name of names) {
    const vector = table.getChild(name);
    if (!vector) continue;
    // later chunks go straight into the output column (no chunk-sized copy to collect)
    const have = into.get(name);
    if (have && arrowColumnInto(vector, have, at)) continue;
    const col = arrowColumn(vector);
    if (at === 0 && table.numRows === total) {
      into.set(name, col);
      continue;
    }
    let dst = into.get(name);
    if (!dst) {
      dst = allocColumn(col, total);
      into.set(name, dst);
    }
    copyColumn(dst, col, at);
  }
}

/** Decodes the given columns, in row chunks when the file has more than `chunkRows` rows. */
function decodeColumns(bytes: Uint8Array, columns: string[], opts: DecodeParquetOptions): DecodedColumns {
  const chunk = Math.max(1, Math.floor(opts.chunkRows ?? DEFAULT_CHUNK_ROWS));
  let total: number;
  try {
    total = parquetRowCount(bytes);
  } catch {
    total = -1; // unreadable footer: decode at once and let parquet-wasm report the problem
  }
  const out = new Map<string, RawColumn>();
  if (total < 0 || total <= chunk) {
    const table = readArrow(bytes, opts, { columns, batchSize: 1 << 20 });
    const names = projected(table, columns);
    convert(table, names, out, 0, table.numRows);
    return { columnNames: names, rowCount: table.numRows, columns: out };
  }
  let names: string[] = [];
  let at = 0;
  while (at < total) {
    const table = readArrow(bytes, opts, { columns, batchSize: chunk, offset: at, limit: chunk });
    if (at === 0) names = projected(table, columns);
    if (table.numRows === 0 || at + table.numRows > total) break;
    convert(table, names, out, at, total);
    at += table.numRows;
  }
  if (at !== total)
    throw corrupt(
      opts.source ?? 'parquet file',
      bytes,
      `hold ${at} readable rows where the footer says ${total}`,
    );
  return { columnNames: names, rowCount: total, columns: out };
}

/**
 * Decodes parquet bytes into a RawTable. The selected columns are decoded eagerly; `column()`
 * hands each one over without keeping it (so the loader's per-symbol copies are not held twice),
 * and decodes it again if asked a second time.
 */
export function decodeParquet(bytes: Uint8Array, opts: DecodeParquetOptions): RawTable {
  const source = opts.source ?? 'parquet file';
  const available = parquetColumnNames(bytes, opts);
  const selected = [...new Set(opts.selectColumns ? opts.selectColumns(available) : available)];
  const decoded = decodeColumns(bytes, selected, opts);
  const { columnNames } = decoded;
  let held: Map<string, RawColumn> | null = decoded.columns;
  return {
    source,
    rowCount: decoded.rowCount,
    columnNames,
    column(name) {
      const col = held?.get(name);
      if (col) {
        held!.delete(name);
        if (held!.size === 0) held = null;
        return col;
      }
      if (!columnNames.includes(name))
        throw new DataError(
          'missing-column',
          `${source}: no column ${JSON.stringify(name)} (found ${columnNames.join(', ')})`,
        );
      const again = decodeColumns(bytes, [name], opts).columns.get(name);
      if (!again)
        throw new DataError(
          'bad-parquet',
          `${source}: column ${JSON.stringify(name)} could not be decoded again`,
        );
      return again;
    },
  };
}
