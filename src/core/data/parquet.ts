/**
 * Parquet decoding with an injected parquet-wasm module (initialised by the caller: the
 * worker passes the esm build after `await init(wasmUrl)`, Node tests pass
 * `await import('parquet-wasm/node')`). Reads the schema from the footer first so that only
 * the needed columns are decoded, then hands Arrow IPC to apache-arrow.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import { arrowToRawTable } from './arrow';
import { DataError } from './errors';
import type { RawTable } from './table';

/** The part of parquet-wasm's API the data layer uses. */
export interface ParquetWasmModule {
  readParquet(
    bytes: Uint8Array,
    options?: { columns?: string[]; batchSize?: number } | null,
  ): { intoIPCStream(): Uint8Array };
  readSchema(bytes: Uint8Array): { intoIPCStream(): Uint8Array };
}

export interface DecodeParquetOptions {
  parquet: ParquetWasmModule;
  /** file name, for messages */
  source?: string;
  /** picks the columns to read from the names in the file (default: all) */
  selectColumns?: (available: string[]) => string[];
}

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

/** Decodes parquet bytes into an Arrow Table with only the selected columns. */
export function decodeParquetArrow(bytes: Uint8Array, opts: DecodeParquetOptions): Table {
  const source = opts.source ?? 'parquet file';
  const names = parquetColumnNames(bytes, opts);
  const columns = opts.selectColumns ? opts.selectColumns(names) : names;
  try {
    // one big batch: far fewer IPC messages than the 1,024-row default
    const wasmTable = opts.parquet.readParquet(bytes, { columns, batchSize: 1 << 20 });
    return tableFromIPC(wasmTable.intoIPCStream());
  } catch (err) {
    throw corrupt(
      source,
      bytes,
      `could not be decoded (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

/** Decodes parquet bytes into a RawTable (columns converted lazily). */
export function decodeParquet(bytes: Uint8Array, opts: DecodeParquetOptions): RawTable {
  return arrowToRawTable(decodeParquetArrow(bytes, opts), opts.source ?? 'parquet file');
}
