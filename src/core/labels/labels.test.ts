// Labels: the seed's binary label, the ternary band, regression log returns, and the
// series end (the last h bars have no label) on the real sample and on hand-made closes.
import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { DEFAULT_TERNARY_THRESHOLD, describeLabel, makeLabels } from './labels';

const f = (a: number[]) => Float64Array.from(a);

describe('makeLabels by hand', () => {
  const close = f([100, 101, 100, 100, 99.4, 102]);

  it('binary: up when close[t+h] / close[t] - 1 > 0, a flat move is down', () => {
    const l = makeLabels(close, { kind: 'binary', horizon: 1 });
    expect(Array.from(l.y.subarray(0, 5))).toEqual([1, 0, 0, 0, 1]);
    expect(l.y[5]).toBeNaN();
    expect(l.labeledRows).toBe(5);
    expect(l.nClasses).toBe(2);
  });

  it('ternary: SELL 0 / HOLD 1 / BUY 2 around the threshold (inclusive HOLD band)', () => {
    const l = makeLabels(close, { kind: 'ternary', horizon: 1, threshold: 0.005 });
    // returns: +1%, -0.99%, 0, -0.6%, +2.6%
    expect(Array.from(l.y.subarray(0, 5))).toEqual([2, 0, 1, 0, 2]);
    const edge = makeLabels(f([100, 100.5, 100]), { kind: 'ternary', horizon: 1, threshold: 0.01 });
    expect(Array.from(edge.y.subarray(0, 2))).toEqual([1, 1]);
    expect(l.classNames).toEqual(['SELL', 'HOLD', 'BUY']);
    expect(describeLabel({ kind: 'ternary', horizon: 3 }).threshold).toBe(DEFAULT_TERNARY_THRESHOLD);
  });

  it('regression: forward log return over h', () => {
    const l = makeLabels(close, { kind: 'regression', horizon: 2 });
    expect(l.y[0]).toBe(Math.log(100 / 100));
    expect(l.y[3]).toBe(Math.log(102 / 100));
    expect(l.y[4]).toBeNaN();
    expect(l.y[5]).toBeNaN();
    expect(l.nClasses).toBe(1);
  });

  it('a series shorter than the horizon has no labels', () => {
    const l = makeLabels(f([1, 2]), { kind: 'binary', horizon: 5 });
    expect(l.labeledRows).toBe(0);
    expect(Number.isNaN(l.y[0]) && Number.isNaN(l.y[1])).toBe(true);
  });

  it('rejects bad specs', () => {
    expect(() => describeLabel({ kind: 'binary', horizon: 0 })).toThrow(/horizon/);
    expect(() => describeLabel({ kind: 'binary', horizon: 1.5 })).toThrow(/horizon/);
    expect(() => describeLabel({ kind: 'ternary', horizon: 1, threshold: -1 })).toThrow(/threshold/);
    expect(() => describeLabel({ kind: 'nope' as never, horizon: 1 })).toThrow(/unknown/);
  });
});

describe('labels at the end of the real sample (BTC/USDT, h = 12)', () => {
  const bars = loadSampleBars('BTC/USDT');
  const n = bars.close.length;

  it('the last 12 bars have no label; bar n-13 is labelled from the very last close', () => {
    for (const kind of ['binary', 'ternary', 'regression'] as const) {
      const l = makeLabels(bars.close, { kind, horizon: 12 });
      for (let t = n - 12; t < n; t++) expect(l.y[t], `${kind} ${t}`).toBeNaN();
      expect(l.y[n - 13]).not.toBeNaN();
      expect(l.labeledRows).toBe(n - 12);
      expect(l.forwardReturn[n - 13]).toBe(bars.close[n - 1] / bars.close[n - 13] - 1);
    }
  });

  it('label t depends on closes t and t+h only: moving close[t+h] flips label t', () => {
    const close = bars.close.slice();
    const before = makeLabels(close, { kind: 'binary', horizon: 12 }).y;
    const t = 20000;
    close[t + 12] = before[t] === 1 ? close[t] * 0.9 : close[t] * 1.1;
    const after = makeLabels(close, { kind: 'binary', horizon: 12 }).y;
    const changed: number[] = [];
    for (let i = 0; i < n; i++) if (!Object.is(after[i], before[i])) changed.push(i);
    // label t (whose future close moved) and label t+12 (whose own close moved), nothing else
    expect(changed.filter((i) => i !== t + 12)).toEqual([t]);
    expect(after[t]).toBe(1 - before[t]);
  });

  it('binary counts match the seed (fwd > 0 on every labelled bar)', () => {
    const l = makeLabels(bars.close, { kind: 'binary', horizon: 12 });
    let ups = 0;
    for (let t = 0; t < n - 12; t++) ups += l.y[t];
    // pandas on the seed's definition: (fwd > 0).mean() over labelled bars = 0.517026
    expect(ups / (n - 12)).toBeCloseTo(0.51703, 4);
  });

  it('the default ternary threshold splits h = 12 roughly into thirds', () => {
    const l = makeLabels(bars.close, { kind: 'ternary', horizon: 12 });
    const counts = [0, 0, 0];
    for (let t = 0; t < n - 12; t++) counts[l.y[t]]++;
    for (const c of counts) expect(c / (n - 12)).toBeGreaterThan(0.28);
  });
});
