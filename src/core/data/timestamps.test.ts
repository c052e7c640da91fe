/** Timestamp parsing: epoch units inferred from magnitude, ISO with and without offsets. */
import { describe, expect, it } from 'vitest';
import { inferEpochUnit, parseIsoToMs, parseTimes } from './timestamps';
import { loadLocalFile } from './load';

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
    const forced = parseTimes({ kind: 'number', values: Float64Array.of(T / 1000) }, { unit: 'ms' });
    expect(forced.info).toEqual({ unit: 'ms', how: 'override' });
    expect(forced.ms[0]).toBe(T / 1000);
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
