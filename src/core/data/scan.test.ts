/**
 * Parquet tables are assembled from row-chunk scans (time and symbol first, then prices written
 * into the per-symbol columns): the result equals assembling the same table column by column,
 * whatever the chunk size, for symbols in long runs (the sample) and interleaved row by row with
 * empty symbol cells and missing prices.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  Float64,
  Table,
  tableFromIPC,
  tableToIPC,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { SAMPLE_PARQUET } from '../test-utils/sample';
import { assembleColumns, type Assembled } from './assemble';
import { decodeParquet, type ParquetWasmModule } from './parquet';
import type { RawTable } from './table';

type ParquetNode = ParquetWasmModule & typeof import('parquet-wasm/node');
let parquet: ParquetNode;
const sample = new Uint8Array(readFileSync(SAMPLE_PARQUET));
beforeAll(async () => {
  parquet = (await import('parquet-wasm/node')) as ParquetNode;
});

/** the same table without `scan`: assembled from whole columns */
const columnwise = (t: RawTable): RawTable => ({
  source: t.source,
  rowCount: t.rowCount,
  columnNames: t.columnNames,
  column: (name) => t.column(name),
});

function expectSame(a: Assembled, b: Assembled) {
  expect(a.columns.map((c) => c.symbol)).toEqual(b.columns.map((c) => c.symbol));
  expect(a.rowsWithoutSymbol).toBe(b.rowsWithoutSymbol);
  expect(a.timestamps).toEqual(b.timestamps);
  a.columns.forEach((c, k) => {
    for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      const x = c[key];
      const y = b.columns[k][key];
      expect(x.length).toBe(y.length);
      let diff = 0;
      for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) diff++;
      expect(diff, `${c.symbol} ${key}`).toBe(0);
    }
  });
}

describe('parquet scans', () => {
  it('the sample in chunks of any size assembles like column by column', () => {
    const whole = decodeParquet(sample, { parquet });
    const reference = assembleColumns([{ table: columnwise(whole), fileSymbol: null }]);
    expect(reference.columns.map((c) => c.time.length)).toEqual([37_660, 37_660]);
    for (const chunkRows of [undefined, 7_777, 37_660]) {
      const table = decodeParquet(sample, { parquet, chunkRows });
      expect(table.scan).toBeTypeOf('function');
      expectSame(assembleColumns([{ table, fileSymbol: null }]), reference);
    }
  });

  it('interleaved symbols, empty symbol cells and missing prices, across chunk and row-group edges', () => {
    const n = 5_000;
    const syms = ['BTCUSDT', 'eth-usdt', 'BTC/USDT', 'SOLUSDT'];
    const t0 = Date.UTC(2024, 0, 1);
    const table = new Table({
      time: vectorFromArray(
        Array.from({ length: n }, (_, i) => t0 + Math.floor(i / 3) * 3_600_000),
        new TimestampMillisecond(),
      ),
      symbol: vectorFromArray(
        Array.from({ length: n }, (_, i) =>
          i % 97 === 13 ? null : i % 89 === 7 ? ' ' : syms[i % 3 === 2 ? 3 : i % 3],
        ),
        new Utf8(),
      ),
      open: vectorFromArray(
        Array.from({ length: n }, (_, i) => (i % 53 === 0 ? null : 100 + i)),
        new Float64(),
      ),
      high: vectorFromArray(
        Array.from({ length: n }, (_, i) => 110 + i),
        new Float64(),
      ),
      low: vectorFromArray(
        Array.from({ length: n }, (_, i) => 90 + i),
        new Float64(),
      ),
      close: vectorFromArray(
        Array.from({ length: n }, (_, i) => 105 + i),
        new Float64(),
      ),
    });
    const props = new parquet.WriterPropertiesBuilder().setMaxRowGroupSize(1_000).build();
    const bytes = parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(table, 'stream')), props);
    expect(tableFromIPC(parquet.readParquet(bytes).intoIPCStream()).numRows).toBe(n);
    const reference = assembleColumns([
      { table: columnwise(decodeParquet(bytes, { parquet })), fileSymbol: null },
    ]);
    expect(reference.columns.map((c) => c.symbol)).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    expect(reference.rowsWithoutSymbol).toBeGreaterThan(0);
    // two files: the rows of each symbol, file after file
    const twoRef = assembleColumns([
      { table: columnwise(decodeParquet(bytes, { parquet })), fileSymbol: null },
      { table: columnwise(decodeParquet(bytes, { parquet })), fileSymbol: null },
    ]);
    for (const chunkRows of [undefined, 333, 1_000, 4_999]) {
      const opts = { parquet, chunkRows };
      expectSame(assembleColumns([{ table: decodeParquet(bytes, opts), fileSymbol: null }]), reference);
      const two = assembleColumns([
        { table: decodeParquet(bytes, opts), fileSymbol: null },
        { table: decodeParquet(bytes, opts), fileSymbol: null },
      ]);
      expectSame(two, twoRef);
      expect(two.columns[0].time.length).toBe(2 * reference.columns[0].time.length);
    }
  });
});
