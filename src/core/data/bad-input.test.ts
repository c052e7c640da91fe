/** Bad input gives a clear DataError (what was expected, what was found), never a crash. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SAMPLE_PARQUET, sampleCsvText } from '../test-utils/sample';
import { loadLocalFile } from './load';
import { decodeCsv } from './csv';
import { DataError } from '../errors';
import type { ParquetWasmModule } from './parquet';

let parquet: ParquetWasmModule;
beforeAll(async () => {
  parquet = await import('parquet-wasm/node');
});
const enc = (s: string) => new TextEncoder().encode(s);

function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return err as DataError;
  }
  throw new Error('expected an error');
}

describe('bad input', () => {
  it('a truncated parquet file', () => {
    const full = new Uint8Array(readFileSync(SAMPLE_PARQUET));
    const e = errorOf(() => loadLocalFile('cut.parquet', full.slice(0, 100_000), { parquet }));
    expect(e.code).toBe('bad-parquet');
    expect(e.message).toMatch(/cut\.parquet is not a readable parquet file.*100000 bytes.*truncated/);
    // PAR1 at both ends but a broken middle: parquet-wasm's own error, wrapped
    const broken = full.slice();
    broken.fill(7, broken.length - 2000, broken.length - 8);
    const e2 = errorOf(() => loadLocalFile('broken.parquet', broken, { parquet }));
    expect(e2.code).toBe('bad-parquet');
    // and the decoder still works afterwards
    expect(loadLocalFile('ok.parquet', full, { parquet }).summary.symbols).toHaveLength(2);
  });

  it('a CSV with garbage lines: counted, reported, the rest loaded', () => {
    const lines = sampleCsvText('BTC/USDT').split('\n').slice(0, 11);
    lines.splice(3, 0, 'this is not a candle');
    lines.splice(6, 0, '<html>oops</html>,1,2');
    lines.push('2020-01-01 10:00:00+00:00,not-a-price,1,1,1,1');
    const csv = decodeCsv('\uFEFF' + lines.join('\n'));
    expect(csv.report).toMatchObject({ rows: 11, garbageLines: 2, hasHeader: true, hadBom: true });
    expect(csv.report.garbageExamples.map((g) => g.line)).toEqual([4, 7]);
    const r = loadLocalFile('BTCUSDT_1h.csv', enc(lines.join('\n')));
    expect(r.summary.files[0].garbageLines).toBe(2);
    expect(r.summary.validation['BTC/USDT']).toMatchObject({ rows: 10, droppedInvalidPrice: 1 });
    expect(r.summary.warnings.join(' ')).toMatch(/2 unreadable line/);
  });

  it('a dataset without a close column lists the columns found', () => {
    const e = errorOf(() =>
      loadLocalFile('x_BTCUSDT.csv', enc('Date,Open,High,Low,Volume\n2020-01-01,1,2,0.5,3\n')),
    );
    expect(e.code).toBe('missing-column');
    expect(e.message).toMatch(/Missing required column close/);
    expect(e.message).toMatch(/found columns: "Date", "Open", "High", "Low", "Volume"/);
  });

  it('an empty file, and a header with no rows', () => {
    expect(errorOf(() => loadLocalFile('BTCUSDT.csv', new Uint8Array(0))).message).toMatch(/empty.*0 bytes/);
    expect(errorOf(() => loadLocalFile('BTCUSDT.csv', enc('\n\n'))).message).toMatch(/empty/);
    const e = errorOf(() => loadLocalFile('BTCUSDT.csv', enc('Date,Open,High,Low,Close,Volume\n')));
    expect(e.code).toBe('no-rows');
    expect(errorOf(() => loadLocalFile('e.parquet', new Uint8Array(0), { parquet })).message).toMatch(
      /empty/,
    );
  });

  it('a symbol that is not in the data', () => {
    const full = new Uint8Array(readFileSync(SAMPLE_PARQUET));
    const e = errorOf(() => loadLocalFile('s.parquet', full, { parquet, symbols: ['SOLUSDT'] }));
    expect(e.code).toBe('unknown-symbol');
    expect(e.message).toBe('Symbol SOL/USDT not in the data: found BTC/USDT, ETH/USDT.');
    const one = loadLocalFile('s.parquet', full, { parquet, symbols: ['ethusdt'] });
    expect(one.summary.symbols).toEqual(['ETH/USDT']);
  });
});
