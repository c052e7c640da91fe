/**
 * Parquet decoding with an injected parquet-wasm module (initialised by the caller: the
 * worker passes the esm build after `await init(wasmUrl)`, Node tests pass
 * `await import('parquet-wasm/node')`).
 *
 * The decoded Arrow data is read in place in the wasm memory (Arrow C Data Interface, parsed
 * by arrow-js-ffi into views) instead of through an Arrow IPC stream, which parquet-wasm would
 * write and JS would copy once more. Files over `chunkRows` rows are decoded in row chunks
 * (offset/limit), so the wasm heap holds one chunk's Arrow data at a time; the RawTable's `scan`
 * hands each chunk to the caller, which copies what it needs before the chunk is freed. Chunks
 * bound memory, not time: parquet-wasm still decodes the pages before the offset (on the sample,
 * rows from 70,000 on cost 18.6 of the whole file's 21 ms in Node).
 */
import { DataType, tableFromIPC, type RecordBatch, type Table } from 'apache-arrow';
import { parseRecordBatch } from 'arrow-js-ffi';
import { chunkColumn, type CodeBook } from './arrow';
import { DataError } from '../errors';
import { parquetRowCount } from './parquet-footer';
import {
  allocColumn,
  copyColumn,
  type ChunkColumn,
  type RawColumn,
  type RawTable,
  type ScanPass,
} from './table';

/** parquet-wasm's Arrow C Data Interface export of a decoded table (see its FFIStream). */
interface FfiStream {
  arrayAddrs(): Uint32Array;
  schemaAddr(): number;
  free(): void;
}

/** The part of parquet-wasm's API the data layer uses. */
export interface ParquetWasmModule {
  readParquet(
    bytes: Uint8Array,
    options?: { columns?: string[]; batchSize?: number; offset?: number; limit?: number } | null,
  ): { intoIPCStream(): Uint8Array; intoFFI(): FfiStream };
  readSchema(bytes: Uint8Array): { intoIPCStream(): Uint8Array };
  wasmMemory(): { buffer: ArrayBufferLike };
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

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The column names of a parquet file (footer only). */
export function parquetColumnNames(bytes: Uint8Array, opts: DecodeParquetOptions): string[] {
  const source = opts.source ?? 'parquet file';
  // checked before calling the wasm: some malformed inputs make it panic instead of throwing
  if (!hasMagic(bytes)) throw corrupt(source, bytes, 'lack the PAR1 markers');
  try {
    return tableFromIPC(opts.parquet.readSchema(bytes).intoIPCStream()).schema.fields.map((f) => f.name);
  } catch (err) {
    throw corrupt(source, bytes, `could not be read (${message(err)})`);
  }
}

/** Decodes parquet bytes into an Arrow Table with only the selected columns (all rows at once). */
export function decodeParquetArrow(bytes: Uint8Array, opts: DecodeParquetOptions): Table {
  const names = parquetColumnNames(bytes, opts);
  const columns = opts.selectColumns ? opts.selectColumns(names) : names;
  try {
    // one big batch: far fewer IPC messages than the 1,024-row default
    return tableFromIPC(opts.parquet.readParquet(bytes, { columns, batchSize: 1 << 20 }).intoIPCStream());
  } catch (err) {
    throw corrupt(opts.source ?? 'parquet file', bytes, `could not be decoded (${message(err)})`);
  }
}

/**
 * Rows [offset, offset + limit) (all rows without a limit) decoded in the wasm heap, with the
 * Arrow batches as views on the wasm memory. The views are only valid until the next call into
 * the wasm (which may grow, and so move, its memory) and until `free`.
 */
class WasmChunk {
  private ffi: FfiStream | null;
  constructor(
    private parquet: ParquetWasmModule,
    bytes: Uint8Array,
    source: string,
    options: { batchSize: number; offset?: number; limit?: number },
  ) {
    try {
      this.ffi = parquet.readParquet(bytes, options).intoFFI();
    } catch (err) {
      throw corrupt(source, bytes, `could not be decoded (${message(err)})`);
    }
  }
  /** the batches, parsed again on every call so that they view the wasm memory of now */
  batches(): RecordBatch[] {
    const ffi = this.ffi!;
    const addrs = ffi.arrayAddrs();
    const schema = ffi.schemaAddr();
    const memory = this.parquet.wasmMemory().buffer as ArrayBuffer;
    return Array.from(addrs, (addr) => parseRecordBatch(memory, addr, schema, false));
  }
  free(): void {
    this.ffi?.free();
    this.ffi = null;
  }
}

/**
 * One pass's columns of the batches of a chunk, in the order of `names`. Without `scratch` (a
 * file decoded as one chunk) every converted column gets its own buffer and is handed over as
 * `owned`, so that a pass can keep a whole column without copying it.
 */
function chunkColumns(
  batches: RecordBatch[],
  names: string[],
  books: Map<string, CodeBook>,
  scratch: Map<string, ArrayBuffer> | null,
): { rows: number; columns: ChunkColumn[] } {
  const rows = batches.reduce((s, b) => s + b.numRows, 0);
  const columns = names.map((name) => {
    let book = books.get(name);
    if (!book) books.set(name, (book = { codes: new Map(), dictionary: [] }));
    // reused from chunk to chunk: converted columns make no garbage per chunk
    const vectors = batches.map((b) => b.getChild(name)!);
    let buf = scratch?.get(name);
    if (!buf || buf.byteLength < rows * 8) {
      // a column of its own needs only its size: 4 bytes a row for text codes, 8 for numbers
      const type = vectors[0]?.type;
      const width = !scratch && type && (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) ? 4 : 8;
      buf = new ArrayBuffer(rows * width);
      scratch?.set(name, buf);
    }
    const col: ChunkColumn = chunkColumn(vectors, rows, book, buf);
    if (!scratch) {
      const memory = col.kind === 'number' ? col.values : col.kind === 'timestamp' ? col.valuesMs : null;
      if (col.kind === 'coded' ? col.codes.buffer === buf : memory?.buffer === buf) col.owned = true;
    }
    return col;
  });
  return { rows, columns };
}

/**
 * Decodes parquet bytes into a RawTable over the selected columns. Nothing is decoded up front:
 * `scan` decodes the file once per pass (once in all when it fits one chunk), and `column()`
 * decodes the file for each column it is asked for (a whole column, in JS memory).
 */
export function decodeParquet(bytes: Uint8Array, opts: DecodeParquetOptions): RawTable {
  const source = opts.source ?? 'parquet file';
  const available = parquetColumnNames(bytes, opts);
  const selected = [...new Set(opts.selectColumns ? opts.selectColumns(available) : available)];
  const columnNames = available.filter((n) => selected.includes(n));
  const chunk = Math.max(1, Math.floor(opts.chunkRows ?? DEFAULT_CHUNK_ROWS));
  let total: number;
  try {
    total = parquetRowCount(bytes);
  } catch {
    total = -1; // unreadable footer: decode at once and let parquet-wasm report the problem
  }
  const single = total < 0 || total <= chunk;
  if (single) {
    // the row count when the footer could not say, from a first decode (which also reports the error)
    if (total < 0) {
      const probe = new WasmChunk(opts.parquet, bytes, source, { batchSize: 1 << 20 });
      try {
        total = probe.batches().reduce((s, b) => s + b.numRows, 0);
      } finally {
        probe.free();
      }
    }
  }
  const rowCount = total;

  function scan(passes: ScanPass[]): void {
    for (const pass of passes)
      for (const name of pass.names)
        if (!columnNames.includes(name))
          throw new DataError(
            'missing-column',
            `${source}: no column ${JSON.stringify(name)} (found ${columnNames.join(', ')})`,
          );
    const books = new Map<string, CodeBook>();
    const scratch = new Map<string, ArrayBuffer>();
    if (single) {
      const wasm = new WasmChunk(opts.parquet, bytes, source, { batchSize: Math.max(1, rowCount) });
      try {
        for (const pass of passes) {
          pass.start?.();
          const { rows, columns } = chunkColumns(wasm.batches(), pass.names, books, null);
          if (rows !== rowCount)
            throw corrupt(source, bytes, `hold ${rows} readable rows where the footer says ${rowCount}`);
          pass.visit(0, rows, columns);
        }
      } finally {
        wasm.free();
      }
      return;
    }
    for (const pass of passes) {
      pass.start?.();
      let at = 0;
      while (at < rowCount) {
        const wasm = new WasmChunk(opts.parquet, bytes, source, {
          batchSize: chunk,
          offset: at,
          limit: chunk,
        });
        let rows: number;
        try {
          const got = chunkColumns(wasm.batches(), pass.names, books, scratch);
          rows = got.rows;
          if (rows === 0 || at + rows > rowCount) break;
          pass.visit(at, rows, got.columns);
        } finally {
          wasm.free();
        }
        at += rows;
      }
      if (at !== rowCount)
        throw corrupt(source, bytes, `hold ${at} readable rows where the footer says ${rowCount}`);
    }
  }

  return {
    source,
    rowCount,
    columnNames,
    scan,
    column(name) {
      let out: RawColumn | null = null;
      scan([
        {
          names: [name],
          visit(at, rows, [col]) {
            const part: RawColumn =
              col.kind === 'coded'
                ? {
                    kind: 'string',
                    values: Array.from(col.codes.subarray(0, rows), (c) => col.dictionary[c]),
                  }
                : col;
            out ??= allocColumn(part, rowCount);
            copyColumn(out, part, at);
          },
        },
      ]);
      return out ?? { kind: 'string', values: [] };
    },
  };
}
