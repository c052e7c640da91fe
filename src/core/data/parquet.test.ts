/**
 * The parquet decoder on the real sample: the footer row count, and chunked decoding (the path
 * of files over `chunkRows` rows) giving exactly the columns of a one-call decode.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SAMPLE_PARQUET } from '../test-utils/sample';
import { decodeParquet, type ParquetWasmModule } from './parquet';
import { parquetRowCount } from './parquet-footer';
import type { RawColumn } from './table';

let parquet: ParquetWasmModule;
const bytes = new Uint8Array(readFileSync(SAMPLE_PARQUET));
beforeAll(async () => {
  parquet = await import('parquet-wasm/node');
});

const valuesOf = (c: RawColumn): ArrayLike<unknown> =>
  c.kind === 'number' ? c.values : c.kind === 'timestamp' ? c.valuesMs : c.values;

/** rows that differ (Object.is, so NaN == NaN); a plain loop: toEqual on 75k rows is slow */
function differences(a: RawColumn, b: RawColumn): number {
  const x = valuesOf(a);
  const y = valuesOf(b);
  let n = Math.abs(x.length - y.length);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (!Object.is(x[i], y[i])) n++;
  return n;
}

describe('parquet decoding', () => {
  it('reads the row count from the footer', () => {
    expect(parquetRowCount(bytes)).toBe(75_320);
    expect(() => parquetRowCount(bytes.slice(0, 100_000))).toThrow();
  });

  it('chunked decoding equals decoding at once, column by column', () => {
    const whole = decodeParquet(bytes, { parquet });
    // 7,777 does not divide 75,320: the last chunk is partial
    const chunked = decodeParquet(bytes, { parquet, chunkRows: 7_777 });
    expect(chunked.rowCount).toBe(75_320);
    expect(chunked.columnNames).toEqual(whole.columnNames);
    expect(whole.columnNames).toEqual(['timestamp', 'symbol', 'open', 'high', 'low', 'close', 'volume']);
    for (const name of whole.columnNames) {
      const a = whole.column(name);
      const b = chunked.column(name);
      expect(b.kind).toBe(a.kind);
      expect(valuesOf(b).length).toBe(75_320);
      expect(differences(a, b)).toBe(0);
    }
    const time = decodeParquet(bytes, { parquet }).column('timestamp');
    expect(time).toMatchObject({ kind: 'timestamp', unit: 'ms' });
  });

  it('decodes only the selected columns and decodes a column again when asked twice', () => {
    const t = decodeParquet(bytes, {
      parquet,
      chunkRows: 20_000,
      selectColumns: (names) => names.filter((n) => n === 'close' || n === 'symbol'),
    });
    expect(t.columnNames).toEqual(['symbol', 'close']);
    const first = t.column('close');
    const second = t.column('close');
    expect(second).not.toBe(first);
    expect(differences(first, second)).toBe(0);
    const sym = t.column('symbol');
    expect(sym.kind === 'string' && new Set(sym.values)).toEqual(new Set(['BTC/USDT', 'ETH/USDT']));
    expect(() => t.column('open')).toThrow(/no column "open"/);
  });
});
