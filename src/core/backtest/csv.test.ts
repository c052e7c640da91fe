import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { csvField, csvNumber, equityCurveCsv, isoTime, tradesCsv } from './csv';
import type { Trade } from './types';

const T0 = Date.UTC(2024, 0, 1);
const H = 3_600_000;

describe('csv', () => {
  it('RFC 4180 quoting and stable numbers', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvNumber(-0)).toBe('0');
    expect(csvNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvNumber(1e-7)).toBe('1e-7');
    expect(csvNumber(NaN)).toBe('');
    expect(csvNumber(Infinity)).toBe('');
  });

  it('isoTime is toISOString for every time: whole and fractional ms, both signs, day edges, out of range', () => {
    const DAY = 86_400_000;
    const times = [0, -0, 1, -1, 999, 1000, DAY - 1, DAY, -DAY, -DAY - 1, T0, T0 + 0.5, T0 - 0.5, -0.5, 0.5];
    times.push(8.64e15, -8.64e15, 8.64e15 - 1, -8.64e15 + 1, 253402300799999, 253402300800000, -62167219200001);
    let x = 0x2545f491;
    const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 4000; i++) {
      const base = Math.floor((rand() - 0.5) * 2 * (8.64e15 - 4 * H));
      times.push(base, base + Math.floor(rand() * 3 * H), base + 1, base - 1);
    }
    for (let t = T0 - 3 * H; t < T0 + 30 * H; t += 997) times.push(t);
    for (const t of times) expect(isoTime(t)).toBe(new Date(t).toISOString());
    for (const t of [8.64e15 + 1, -8.64e15 - 1, NaN, Infinity]) {
      isoTime(8.64e15); // the cached day is the last valid one
      expect(() => isoTime(t)).toThrow(RangeError);
    }
  });

  it('equity_curve.csv: exact bytes', () => {
    const csv = equityCurveCsv({
      time: Float64Array.from([T0, T0 + H, T0 + 2 * H]),
      equity: Float64Array.from([100, 90, 120]),
      initialEquity: 100,
      position: Float64Array.from([0, 1, -0.5]),
      buyAndHold: Float64Array.from([101, 99.5, 102]),
    });
    expect(csv).toBe(
      'timestamp,equity,drawdown,position,buy_and_hold_equity\r\n' +
        '2024-01-01T00:00:00.000Z,100,0,0,101\r\n' +
        '2024-01-01T01:00:00.000Z,90,-0.09999999999999998,1,99.5\r\n' +
        '2024-01-01T02:00:00.000Z,120,0,-0.5,102\r\n',
    );
  });

  it('trades.csv: exact bytes, quoting of odd symbols, parses back', () => {
    const t: Trade = {
      symbol: 'BTC,"X"',
      side: 'short',
      entryBar: 1,
      exitBar: 4,
      entryTime: T0 + H,
      exitTime: T0 + 4 * H,
      entryPrice: 42000.5,
      exitPrice: 41000.25,
      quantity: 0.25,
      fees: 1.5,
      slippage: 0.75,
      pnl: 247.8125,
      returnPct: 2.36,
      barsHeld: 3,
      fold: 7,
      open: false,
    };
    const csv = tradesCsv([t, { ...t, symbol: 'ETH/USDT', side: 'long', open: true, fold: -1 }]);
    expect(csv.split('\r\n')[0]).toBe(
      'symbol,side,entry_time,entry_price,exit_time,exit_price,quantity,fees,slippage,pnl,return_pct,bars_held,fold',
    );
    expect(csv.split('\r\n')[1]).toBe(
      '"BTC,""X""",short,2024-01-01T01:00:00.000Z,42000.5,2024-01-01T04:00:00.000Z,41000.25,0.25,1.5,0.75,247.8125,2.36,3,7',
    );
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[1][0]).toBe('BTC,"X"');
    expect(parsed.data[2].slice(0, 2)).toEqual(['ETH/USDT', 'long (open)']);
    expect(parsed.data[2][12]).toBe('-1');
    expect(tradesCsv([])).toBe(csv.split('\r\n')[0] + '\r\n');
  });
});
