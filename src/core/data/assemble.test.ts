/**
 * assembleColumns splits a multi-symbol table into per-symbol columns: rows of each symbol in
 * file order, whether a symbol's rows are one long run (files sorted by symbol: copied as
 * blocks), interleaved row by row (files sorted by time) or a mix of both.
 */
import { describe, expect, it } from 'vitest';
import { assembleColumns } from './assemble';
import { decodeCsv } from './csv';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** A CSV whose row r has symbol syms[r] and values derived from r (so every row is distinct). */
function csv(syms: string[], withVolume = true): Uint8Array {
  const head = `timestamp,symbol,open,high,low,close${withVolume ? ',volume' : ''}`;
  const lines = syms.map(
    (s, r) => `${T0 + r * H},${s},${r + 1},${r + 3},${r},${r + 2}${withVolume ? `,${r * 10}` : ''}`,
  );
  return new TextEncoder().encode([head, ...lines].join('\n'));
}

function expected(syms: string[], symbol: string, withVolume = true) {
  const rows = syms.flatMap((s, r) => (s === symbol ? [r] : []));
  return {
    time: rows.map((r) => T0 + r * H),
    open: rows.map((r) => r + 1),
    high: rows.map((r) => r + 3),
    low: rows.map((r) => r),
    close: rows.map((r) => r + 2),
    volume: rows.map((r) => (withVolume ? r * 10 : 0)),
  };
}

describe('assembleColumns per symbol', () => {
  // 100 rows of A, 60 interleaved A/B, a run of 40 B, 33 A, single rows at the end
  const syms = [
    ...Array<string>(100).fill('AAA/USDT'),
    ...Array.from({ length: 60 }, (_, i) => (i % 2 ? 'BBB/USDT' : 'AAA/USDT')),
    ...Array<string>(40).fill('BBB/USDT'),
    ...Array<string>(33).fill('AAA/USDT'),
    'BBB/USDT',
    'AAA/USDT',
    'BBB/USDT',
  ];
  for (const withVolume of [true, false]) {
    it(`rows of each symbol in file order, runs and interleaved rows alike (volume column: ${withVolume})`, () => {
      const table = decodeCsv(csv(syms, withVolume), { source: 'mixed.csv' });
      const { columns } = assembleColumns([{ table, fileSymbol: null }]);
      expect(columns.map((c) => c.symbol).sort()).toEqual(['AAA/USDT', 'BBB/USDT']);
      for (const c of columns) {
        const want = expected(syms, c.symbol, withVolume);
        expect(Array.from(c.time)).toEqual(want.time);
        expect(Array.from(c.open)).toEqual(want.open);
        expect(Array.from(c.high)).toEqual(want.high);
        expect(Array.from(c.low)).toEqual(want.low);
        expect(Array.from(c.close)).toEqual(want.close);
        expect(Array.from(c.volume)).toEqual(want.volume);
      }
    });
  }

  it('one symbol only: the table as is', () => {
    const one = Array<string>(50).fill('AAA/USDT');
    const { columns } = assembleColumns([
      { table: decodeCsv(csv(one), { source: 'one.csv' }), fileSymbol: null },
    ]);
    expect(columns).toHaveLength(1);
    expect(Array.from(columns[0].close)).toEqual(expected(one, 'AAA/USDT').close);
  });
});
