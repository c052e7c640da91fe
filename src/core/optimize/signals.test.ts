// The optimizer's signals on the real sample: in [-1, 1] after their warm-up, defined as
// documented (spot checks against the features), and free of look-ahead: truncating or
// rewriting the bars after t leaves every signal at or before t unchanged.
import { describe, expect, it } from 'vitest';
import { sliceBars, type Bars } from '../data/bars';
import { computeFeatures } from '../features/compute';
import { loadSampleBars } from '../test-utils/sample';
import { buildSignals, firstValidRow, selectSignals, SIGNAL_NAMES, type SignalSet } from './signals';

const bars = loadSampleBars('BTC/USDT');
const n = bars.close.length;
const full = buildSignals({ bars });

function firstDifference(a: SignalSet, b: SignalSet, upTo: number): string | null {
  for (let j = 0; j < a.names.length; j++) {
    for (let t = 0; t <= upTo; t++) {
      if (!Object.is(a.columns[j][t], b.columns[j][t]))
        return `${a.names[j]}[${t}]: ${a.columns[j][t]} vs ${b.columns[j][t]}`;
    }
  }
  return null;
}

describe('buildSignals (real BTC/USDT)', () => {
  it('builds the four signals in [-1, 1], NaN only during the warm-up', () => {
    expect(full.names).toEqual([...SIGNAL_NAMES]);
    for (let j = 0; j < full.names.length; j++) {
      const c = full.columns[j];
      const first = full.firstValid[j];
      expect(first, full.names[j]).toBeLessThan(600);
      for (let t = first; t < n; t++) {
        const v = c[t];
        if (!(v >= -1 && v <= 1)) throw new Error(`${full.names[j]}[${t}] = ${v}`);
      }
      let pos = 0;
      let neg = 0;
      for (let t = first; t < n; t++) {
        if (c[t] > 0) pos++;
        else if (c[t] < 0) neg++;
      }
      expect(pos / (n - first), `${full.names[j]} is often positive`).toBeGreaterThan(0.15);
      expect(neg / (n - first), `${full.names[j]} is often negative`).toBeGreaterThan(0.15);
    }
    // macd and ema_cross need the MACD warm-up (33) plus a full 500-bar scale window
    expect(full.firstValid[1]).toBe(33 + 499);
    expect(firstValidRow(full, ['rsi', 'volume'])).toBe(19);
    expect(firstValidRow(full, [...SIGNAL_NAMES])).toBe(532);
  });

  it('matches its documented definitions', () => {
    const f = computeFeatures(bars);
    const col = (name: string) => f.columns[f.names.indexOf(name)];
    const [rsi, , , volume] = selectSignals(full, ['rsi', 'macd', 'ema_cross', 'volume']);
    for (const t of [100, 5000, 20_000, 37_000]) {
      expect(rsi[t]).toBeCloseTo((50 - col('rsi_14')[t]) / 50, 14);
      const r = col('ret_1')[t];
      expect(volume[t]).toBeCloseTo(Math.sign(r) * Math.tanh(Math.max(0, col('vol_ratio_20')[t] - 1)), 14);
    }
  });

  it('adds a model signal: 2p - 1 for probabilities, scaled returns, NaN where absent', () => {
    const p = new Float64Array(n).fill(NaN);
    for (let t = 1000; t < 2000; t++) p[t] = (t % 10) / 10;
    const s = buildSignals({ bars, names: ['rsi'], model: { values: p, kind: 'probability' } });
    expect(s.names).toEqual(['rsi', 'model']);
    expect(s.columns[1][1005]).toBeCloseTo(0, 14);
    expect(s.columns[1][1009]).toBeCloseTo(0.8, 14);
    expect(s.columns[1][999]).toBeNaN();
    expect(s.firstValid[1]).toBe(1000);
    const r = buildSignals({ bars, names: [], model: { values: p.map((v) => v - 0.45), kind: 'return' } });
    expect(r.columns[0][1028]).toBeNaN(); // fewer than 30 predictions so far
    expect(Math.abs(r.columns[0][1500])).toBeLessThan(1);
    expect(() => buildSignals({ bars, model: { values: new Float64Array(5), kind: 'return' } })).toThrow(
      /rows/,
    );
  });

  it('has no look-ahead: truncating after t changes nothing at or before t', () => {
    for (const t of [10, 531, 532, 900, 15_000, 30_001]) {
      const part = buildSignals({ bars: sliceBars(bars, 0, t + 1) });
      expect(firstDifference(part, full, t), `cut ${t}`).toBeNull();
    }
  });

  it('has no look-ahead: rewriting the bars after t changes nothing at or before t', () => {
    const t = 20_000;
    const altered: Bars = sliceBars(bars, 0, n);
    for (let i = t + 1; i < n; i++) {
      altered.close[i] *= 1.3;
      altered.volume[i] *= 5;
    }
    const other = buildSignals({ bars: altered });
    expect(firstDifference(other, full, t)).toBeNull();
    expect(other.columns[2][t + 1]).not.toBe(full.columns[2][t + 1]); // the change shows right after t
  });

  it('rejects unknown names', () => {
    expect(() => buildSignals({ bars, names: ['rsi', 'vwap' as never] })).toThrow(/vwap/);
    expect(() => selectSignals(full, ['model'])).toThrow(/model/);
  });
});
