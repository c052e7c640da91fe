/** Each validation count on small crafted inputs, and resampling edge rules. */
import { describe, expect, it } from 'vitest';
import { validateBars, type BarColumnsInput } from './validate';
import { resampleBars } from './resample';
import { parseTimeframe } from './timeframe';
import { DataError } from '../errors';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

function input(rows: [number, number, number, number, number, number][]): BarColumnsInput {
  const col = (k: number) => Float64Array.from(rows, (r) => r[k]);
  return {
    symbol: 'X/USDT',
    time: col(0),
    open: col(1),
    high: col(2),
    low: col(3),
    close: col(4),
    volume: col(5),
  };
}
const bar = (i: number, c = 10): [number, number, number, number, number, number] => [
  T0 + i * H,
  c,
  c + 1,
  c - 1,
  c,
  5,
];

describe('validateBars', () => {
  it('keeps clean data as is', () => {
    const { bars, report } = validateBars(input([bar(0), bar(1), bar(2)]));
    expect(Array.from(bars.time)).toEqual([T0, T0 + H, T0 + 2 * H]);
    expect(report).toMatchObject({
      rows: 3,
      barMs: H,
      barSize: '1h',
      outOfOrder: 0,
      duplicatesRemoved: 0,
      warnings: [],
    });
  });

  it('hands clean, ordered columns over as the bars, and copies when it must drop or sort', () => {
    const clean = input([bar(0), bar(1), bar(2)]);
    const kept = validateBars(clean).bars;
    expect(kept.time).toBe(clean.time);
    expect(kept.volume).toBe(clean.volume);
    const sorted = input([bar(1), bar(0), bar(2)]);
    const copied = validateBars(sorted).bars;
    expect(copied.time).not.toBe(sorted.time);
    expect(Array.from(sorted.time)).toEqual([T0 + H, T0, T0 + 2 * H]);
    const flagged = validateBars(input([bar(0), [T0 + H, 10, 9, 8, 10, 5], bar(2)])).report;
    expect(flagged.ohlcInconsistent).toBe(1);
    expect(flagged.ohlcInconsistentExamples).toEqual([new Date(T0 + H).toISOString()]);
  });

  it('counts and removes duplicates, keeping the first row', () => {
    const { bars, report } = validateBars(input([bar(0), bar(1), bar(1), bar(1, 99), bar(2)]));
    expect(report.duplicatesRemoved).toBe(2);
    expect(report.conflictingDuplicates).toBe(1);
    expect(bars.close[1]).toBe(10);
    expect(report.rows).toBe(3);
  });

  it('counts rows out of order and sorts them', () => {
    const { bars, report } = validateBars(input([bar(2), bar(0), bar(1), bar(3)]));
    expect(report.outOfOrder).toBe(1);
    expect(Array.from(bars.time)).toEqual([0, 1, 2, 3].map((i) => T0 + i * H));
  });

  it('drops NaN and non-positive prices, bad volumes and bad times, counting each', () => {
    const rows = [bar(0), bar(1), bar(2), bar(3), bar(4), bar(5)];
    rows[1][4] = NaN; // close NaN
    rows[2][1] = 0; // zero open
    rows[3][5] = -1; // negative volume
    rows[4][0] = NaN; // unreadable time
    const { report } = validateBars(input(rows));
    expect(report).toMatchObject({
      droppedInvalidPrice: 2,
      droppedInvalidVolume: 1,
      droppedInvalidTime: 1,
      rows: 2,
    });
    expect(report.warnings.length).toBeGreaterThanOrEqual(3);
  });

  it('flags OHLC inconsistencies without changing them', () => {
    const rows = [bar(0), bar(1), bar(2)];
    rows[1][2] = 5; // high below open/close
    const { bars, report } = validateBars(input(rows));
    expect(report.ohlcInconsistent).toBe(1);
    expect(report.ohlcInconsistentExamples).toEqual([new Date(T0 + H).toISOString()]);
    expect(bars.high[1]).toBe(5);
  });

  it('measures gaps against the inferred bar size', () => {
    const { report } = validateBars(input([bar(0), bar(1), bar(2), bar(5), bar(6), bar(8)]));
    expect(report.barMs).toBe(H);
    expect(report.gaps).toEqual({ count: 2, largestMs: 3 * H, largestBars: 2, missingBars: 3 });
  });

  it('infers the bar size from step counts, whether the steps come in one run or scattered', () => {
    const at = (hours: number[]) => validateBars(input(hours.map((h) => bar(h)))).report.barMs;
    // 2h x4 in one run beats 1h x3 scattered between them
    expect(at([0, 1, 4, 5, 8, 9, 11, 13, 15, 17])).toBe(2 * H);
    // 1h x4 scattered beats 2h x3 in one run
    expect(at([0, 1, 4, 5, 8, 9, 12, 13, 15, 17, 19])).toBe(H);
    // a tie goes to the smaller step, whichever comes first
    expect(at([0, 2, 4, 5, 6])).toBe(H);
    expect(at([0, 1, 2, 4, 6])).toBe(H);
  });

  it('fails clearly when nothing valid is left', () => {
    const rows = [bar(0), bar(1)];
    rows[0][4] = 0;
    rows[1][4] = NaN;
    expect(() => validateBars(input(rows))).toThrow(/No valid rows for X\/USDT.*found 2 row/);
  });
});

describe('resampleBars', () => {
  const hours = (n: number, start = 0) =>
    validateBars(input(Array.from({ length: n }, (_, i) => bar(start + i, 10 + i)))).bars;

  it('aggregates on UTC boundaries and drops partial edge buckets by default', () => {
    const b = hours(10, 2); // 02:00 .. 11:00
    const { bars, report } = resampleBars(b, { timeframe: '4h', sourceBarMs: H });
    // 00-03 lacks 00:00 and 01:00: dropped; 04-07 and 08-11 are complete
    expect(Array.from(bars.time)).toEqual([T0 + 4 * H, T0 + 8 * H]);
    expect(report).toMatchObject({
      from: '1h',
      to: '4h',
      buckets: 2,
      droppedPartialBuckets: 1,
      incompleteBuckets: 0,
    });
    expect([bars.open[0], bars.high[0], bars.low[0], bars.close[0], bars.volume[0]]).toEqual([
      12, 16, 11, 15, 20,
    ]);
    // a still-forming last bucket is dropped too
    const ending = resampleBars(hours(7), { timeframe: '4h', sourceBarMs: H });
    expect(Array.from(ending.bars.time)).toEqual([T0]);
    expect(ending.report.droppedPartialBuckets).toBe(1);
  });

  it('keeps partial buckets when asked, with open first / close last / volume sum', () => {
    const b = hours(6, 2); // 02..07
    const { bars, report } = resampleBars(b, { timeframe: '4h', sourceBarMs: H, partial: 'keep' });
    expect(Array.from(bars.time)).toEqual([T0, T0 + 4 * H]);
    expect([bars.open[0], bars.close[0], bars.high[0], bars.low[0], bars.volume[0]]).toEqual([
      10, 11, 12, 9, 10,
    ]);
    expect(report.incompleteBuckets).toBe(1);
  });

  it('refuses a finer or non-multiple timeframe', () => {
    const b = hours(4);
    expect(() => resampleBars(b, { timeframe: '15m', sourceBarMs: H })).toThrow(DataError);
    expect(() => resampleBars(b, { timeframe: '15m', sourceBarMs: H })).toThrow(/coarser/);
    expect(() => resampleBars(b, { timeframe: 90 * 60_000, sourceBarMs: H })).toThrow(/multiple/);
    expect(() => parseTimeframe('1mo')).toThrow(/not understood/);
    expect(parseTimeframe('4h')).toBe(4 * H);
    expect(parseTimeframe('1w')).toBe(7 * 24 * H);
  });
});
