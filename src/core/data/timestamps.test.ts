/**
 * Timestamp parsing: epoch units inferred from magnitude, ISO with and without offsets; columns
 * that mix epoch units or hold implausible dates are refused with the rows named.
 */
import { describe, expect, it } from 'vitest';
import { checkTimeRange, inferEpochUnit, parseIsoToMs, parseTimes } from './timestamps';
import { loadLocalFile } from './load';
import { DataError } from '../errors';

const T = Date.UTC(2021, 4, 6, 7, 0, 0); // 2021-05-06 07:00 UTC

describe('timestamps', () => {
  it.each([
    ['s', T / 1000],
    ['ms', T],
    ['us', T * 1000],
    ['ns', T * 1e6],
  ] as const)('infers epoch %s from the magnitude', (unit, v) => {
    expect(inferEpochUnit([v, v + 1])).toBe(unit);
    const p = parseTimes({ kind: 'number', values: Float64Array.of(v) });
    expect(p.info).toEqual({ unit, how: 'inferred' });
    expect(p.ms[0]).toBe(T);
  });

  it('reads epoch numbers written as text, and honours a forced unit', () => {
    const p = parseTimes({ kind: 'string', values: [String(T / 1000), null] });
    expect(p.info.unit).toBe('s');
    expect(p.ms[0]).toBe(T);
    expect(p.invalid).toBe(1);
    const forced = parseTimes({ kind: 'number', values: Float64Array.of(T / 1000) }, { unit: 's' });
    expect(forced.info).toEqual({ unit: 's', how: 'override' });
    expect(forced.ms[0]).toBe(T);
  });

  it('parses ISO strings with offsets, Z, and none (as UTC)', () => {
    expect(parseIsoToMs('2020-01-01 00:00:00+00:00')).toBe(Date.UTC(2020, 0, 1));
    expect(parseIsoToMs('2021-05-06T07:00:00Z')).toBe(T);
    expect(parseIsoToMs('2021-05-06T09:00:00+02:00')).toBe(T);
    expect(parseIsoToMs('2021-05-06T02:00:00-0500')).toBe(T);
    expect(parseIsoToMs('2021-05-06 07:00')).toBe(T);
    expect(parseIsoToMs('2021-05-06T07:00:00.250Z')).toBe(T + 250);
    expect(parseIsoToMs('2021-05-06')).toBe(Date.UTC(2021, 4, 6));
    expect(parseIsoToMs('06/05/2021')).toBeNaN();
    expect(parseIsoToMs('2021-13-06')).toBeNaN();
    const p = parseTimes({ kind: 'string', values: ['2021-05-06T09:00:00+02:00', 'garbage'] });
    expect(p.info).toEqual({ unit: 'iso', how: 'typed' });
    expect(Array.from(p.ms)).toEqual([T, NaN]);
    expect(p.invalid).toBe(1);
  });

  it('throws a clear error when no time can be read', () => {
    expect(() => parseTimes({ kind: 'string', values: ['yesterday', 'today'] })).toThrow(
      /could not be read.*yesterday/,
    );
  });

  it('reports the inferred unit through the loader (epoch seconds CSV)', () => {
    const csv =
      'open_time,o,h,l,c,v\n' + [0, 1, 2].map((i) => `${T / 1000 + i * 3600},1,2,0.5,1.5,10`).join('\n');
    const r = loadLocalFile('ETHUSDT-1h.csv', new TextEncoder().encode(csv));
    expect(r.summary.timestamps).toEqual({ unit: 's', how: 'inferred' });
    expect(r.bars.get('ETH/USDT')!.time[0]).toBe(T);
    expect(r.summary.validation['ETH/USDT'].barSize).toBe('1h');
  });
});

function refusal(fn: () => unknown): DataError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).code).toBe('bad-timestamps');
    return err as DataError;
  }
  throw new Error('expected a bad-timestamps error');
}

describe('implausible timestamps are refused', () => {
  const hours = (n: number, unit: 's' | 'ms') =>
    Array.from({ length: n }, (_, i) => (T + i * 3_600_000) / (unit === 's' ? 1000 : 1));

  it('a column mixing epoch seconds and milliseconds, naming the first rows', () => {
    const values = hours(20, 'ms');
    for (const i of [3, 7, 8, 10, 11, 15, 19]) values[i] = values[i] / 1000; // 7 rows in seconds
    const e = refusal(() => parseTimes({ kind: 'number', values: Float64Array.from(values) }));
    expect(e.message).toMatch(
      /mixes epoch units: most values are epoch milliseconds, but data rows 4, 8, 9, 11, 12 and 2 more look like epoch seconds/,
    );
    expect(e.message).toMatch(/convert those rows to milliseconds \(or remove them\)/);
    // the same as text, and with a unit forced by the user
    const text = values.map(String);
    expect(refusal(() => parseTimes({ kind: 'string', values: text })).message).toMatch(/data rows 4, 8/);
    refusal(() => parseTimes({ kind: 'number', values: Float64Array.from(values) }, { unit: 'ms' }));
  });

  it('one odd row in a file is named alone', () => {
    const values = hours(5, 's');
    values[2] = values[2] * 1000;
    expect(refusal(() => inferEpochUnit(values)).message).toMatch(
      /epoch seconds, but data row 3 looks like epoch milliseconds \(e\.g\. 1620\d+\)/,
    );
  });

  it('dates before 1990 or after next year, whatever the source', () => {
    const now = Date.UTC(2026, 5, 1);
    const e = refusal(() =>
      parseTimes(
        { kind: 'number', values: Float64Array.of(T / 1000, 1000, 2000) },
        { unit: 's', nowMs: now },
      ),
    );
    expect(e.message).toMatch(/dates outside 1990-2027 in data rows 2, 3 \(1970-01-01, 1970-01-01\)/);
    // next year is fine, the year after is not
    expect(() => checkTimeRange([Date.UTC(2027, 11, 31)], { nowMs: now })).not.toThrow();
    expect(refusal(() => checkTimeRange([T, Date.UTC(2028, 0, 1)], { nowMs: now })).message).toMatch(
      /data row 2 \(2028-01-01\)/,
    );
    expect(
      refusal(() =>
        parseTimes(
          { kind: 'string', values: ['1985-01-01T00:00:00Z', '2021-05-06T07:00:00Z'] },
          { nowMs: now },
        ),
      ).message,
    ).toMatch(/data row 1 \(1985-01-01\)/);
    expect(
      refusal(() =>
        parseTimes({ kind: 'timestamp', valuesMs: Float64Array.of(T, 0), unit: 'ms' }, { nowMs: now }),
      ).message,
    ).toMatch(/data row 2/);
    // unreadable values are left to validation
    expect(parseTimes({ kind: 'number', values: Float64Array.of(T, NaN) }).invalid).toBe(1);
  });

  it('refuses a JSON Lines file that ends in the year 56265 (ms read as seconds)', () => {
    const rows = hours(48, 's').map((t, i) => ({
      t: i >= 40 ? t * 1000 : t,
      o: 1,
      h: 2,
      l: 0.5,
      c: 1.5,
      v: 1,
    }));
    const jsonl = rows.map((r) => JSON.stringify(r)).join('\n');
    const e = refusal(() => loadLocalFile('BTCUSDT.jsonl', new TextEncoder().encode(jsonl)));
    expect(e.message).toMatch(/data rows 41, 42, 43, 44, 45 and 3 more look like epoch milliseconds/);
  });
});
