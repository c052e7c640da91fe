// Each indicator against an independent implementation: the `technicalindicators` package
// on the real sample, and hand-computed values on short series.
// technicalindicators seeds its EMA / Wilder averages with an SMA of the first n values
// (ours follow pandas: seeded with the first value), so the two agree only once the seed
// has decayed: (1 - alpha)^k < 1e-12 after k = 6000 bars for EMA 200; we compare from bar
// 8000 on. Tolerances: 1e-9 relative for moving averages, MACD, ATR, Bollinger, SMA-based
// ratios; 0.006 for RSI, which technicalindicators rounds to 2 decimals. Bollinger: we
// reproduce pandas' streaming (Welford) rolling std, which on BTC prices is up to 9.1e-9
// relative away from an exact two-pass std (technicalindicators is two-pass): 2e-8 there.
import { ATR, BollingerBands, EMA, MACD, ROC, RSI, SMA } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import {
  atrRelative,
  bollinger,
  ema,
  logReturn,
  macd,
  momentum,
  rsi,
  trueRange,
  volumeChange,
  volumeRatio,
  wilder,
} from './indicators';
import { rollingMean, rollingStd } from './primitives';

const bars = loadSampleBars('BTC/USDT');
const close = Array.from(bars.close);
const N = close.length;
const FROM = 8000;
const id = (v: number) => v;

/** Align a technicalindicators result (which drops its warm-up) to bar indices. */
const aligned = (res: number[]) => (t: number) => res[t - (N - res.length)];

function expectClose(got: number, want: number, rel: number, what: string) {
  const err = Math.abs(got - want) / Math.max(Math.abs(want), 1e-12);
  if (!(err <= rel)) expect.fail(`${what}: ${got} vs ${want} (rel ${err.toExponential(2)})`);
}

describe('against technicalindicators on BTC/USDT, after the seeds decay', () => {
  it('EMA 12, 26, 50, 200', () => {
    for (const n of [12, 26, 50, 200]) {
      const ours = ema(bars.close, n);
      const ref = aligned(EMA.calculate({ period: n, values: close, format: id }));
      for (let t = FROM; t < N; t++) expectClose(ours[t], ref(t), 1e-9, `ema ${n} [${t}]`);
    }
  });

  it('RSI 14 (Wilder)', () => {
    const ours = rsi(bars.close, 14);
    const ref = aligned(RSI.calculate({ period: 14, values: close, format: id }));
    for (let t = FROM; t < N; t++) {
      if (!(Math.abs(ours[t] - ref(t)) <= 0.006)) expect.fail(`rsi[${t}]: ${ours[t]} vs ${ref(t)}`);
    }
  });

  it('MACD 12/26/9 line, signal, histogram (ours are divided by the close)', () => {
    const ours = macd(bars.close, 12, 26, 9);
    const res = MACD.calculate({
      values: close,
      fastPeriod: 12,
      slowPeriod: 26,
      signalPeriod: 9,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
      format: id,
    });
    const ref = aligned(res as unknown as number[]) as unknown as (t: number) => (typeof res)[number];
    for (let t = FROM; t < N; t++) {
      const r = ref(t);
      const c = bars.close[t];
      // MACD line and signal are small differences of large numbers: compare on the price scale
      const err = Math.max(
        Math.abs(ours.macd[t] - r.MACD! / c),
        Math.abs(ours.signal[t] - r.signal! / c),
        Math.abs(ours.hist[t] - r.histogram! / c),
      );
      if (!(err < 1e-9)) expect.fail(`macd[${t}]: error ${err}`);
    }
  });

  it('Bollinger 20/2 %B and bandwidth (population std), every bar from 19', () => {
    const ours = bollinger(bars.close, 20, 2);
    const ref = aligned(
      BollingerBands.calculate({ period: 20, stdDev: 2, values: close, format: id }) as never,
    );
    for (let t = 19; t < N; t++) {
      const r = ref(t) as unknown as { upper: number; middle: number; lower: number; pb: number };
      if (!(Math.abs(ours.pctb[t] - r.pb) <= 1e-7)) expect.fail(`pctb[${t}]: ${ours.pctb[t]} vs ${r.pb}`);
      expectClose(ours.width[t], (r.upper - r.lower) / r.middle, 2e-8, `width[${t}]`);
    }
    // and the streaming std itself against an exact two-pass std over each window
    const sd = rollingStd(bars.close, 20, 0);
    let worst = 0;
    for (let t = 19; t < N; t++) {
      let s = 0;
      for (let k = t - 19; k <= t; k++) s += close[k];
      const m = s / 20;
      let q = 0;
      for (let k = t - 19; k <= t; k++) q += (close[k] - m) ** 2;
      const exact = Math.sqrt(q / 20);
      worst = Math.max(worst, Math.abs(sd[t] - exact) / exact);
    }
    expect(worst).toBeLessThan(2e-8);
  });

  it('ATR 14 (Wilder) over the true range', () => {
    const ours = atrRelative(bars.high, bars.low, bars.close, 14);
    const res = ATR.calculate({
      period: 14,
      high: Array.from(bars.high),
      low: Array.from(bars.low),
      close,
      format: id,
    });
    const ref = aligned(res);
    for (let t = FROM; t < N; t++) expectClose(ours[t] * bars.close[t], ref(t), 1e-9, `atr[${t}]`);
  });

  it('volume ratio 20 (volume / SMA 20) and momentum 10 (ROC / 100), every defined bar', () => {
    const vr = volumeRatio(bars.volume, 20);
    const sma = aligned(SMA.calculate({ period: 20, values: Array.from(bars.volume), format: id }));
    for (let t = 19; t < N; t++) expectClose(vr[t], bars.volume[t] / sma(t), 1e-9, `vol_ratio[${t}]`);
    const mom = momentum(bars.close, 10);
    const roc = aligned(ROC.calculate({ period: 10, values: close, format: id }));
    for (let t = 10; t < N; t++) expectClose(mom[t] * 100, roc(t), 1e-9, `mom[${t}]`);
  });
});

describe('hand-computed references on short series', () => {
  const f = (a: number[]) => Float64Array.from(a);

  it('EMA span 3 (alpha 0.5) is seeded with the first value', () => {
    expect(Array.from(ema(f([1, 2, 3, 4]), 3))).toEqual([1, 1.5, 2.25, 3.125]);
  });

  it('Wilder smoothing with period 2 (alpha 0.5) skips a leading NaN', () => {
    const w = wilder(f([NaN, 4, 0, 2]), 2);
    expect(w[0]).toBeNaN();
    expect(Array.from(w.subarray(1))).toEqual([4, 2, 2]);
  });

  it('RSI: NaN at bar 0, 100 with no losses, 50 when gains equal losses', () => {
    const r = rsi(f([10, 11, 12, 13]), 14);
    expect(r[0]).toBeNaN();
    expect(Array.from(r.subarray(1))).toEqual([100, 100, 100]);
    // period 1 (alpha 1): RSI of the last change only
    const r1 = rsi(f([10, 11, 10, 12]), 1);
    expect(Array.from(r1.subarray(1))).toEqual([100, 0, 100]);
    // period 2 (alpha 0.5), a gain of 1 then a loss of 1: avg up 0.5, avg down 0.5 -> 50
    expect(rsi(f([10, 11, 10]), 2)[2]).toBe(50);
  });

  it('true range uses the previous close; bar 0 is high - low', () => {
    const tr = trueRange(f([10, 12, 11]), f([9, 11, 8]), f([9.5, 11.5, 10]));
    expect(Array.from(tr)).toEqual([1, 2.5, 3.5]);
  });

  it('rolling mean and population std of a window of 3', () => {
    const x = f([1, 2, 3, 4, 10]);
    const m = rollingMean(x, 3);
    const s = rollingStd(x, 3, 0);
    expect(m[0]).toBeNaN();
    expect(m[1]).toBeNaN();
    expect(Array.from(m.subarray(2))).toEqual([2, 3, 17 / 3]);
    expectClose(s[2], Math.sqrt(2 / 3), 1e-15, 'std');
    expectClose(
      s[4],
      Math.sqrt(((3 - 17 / 3) ** 2 + (4 - 17 / 3) ** 2 + (10 - 17 / 3) ** 2) / 3),
      1e-14,
      'std',
    );
    expect(rollingStd(f([5, 5, 5, 5]), 3)[3]).toBe(0);
  });

  it('Bollinger %B is 0.5 at the mean and 1 on the upper band', () => {
    // window [1, 3]: mean 2, population std 1; k = 1: lower 1, upper 3
    const b = bollinger(f([1, 3]), 2, 1);
    expect(b.pctb[1]).toBe(1);
    expect(b.width[1]).toBe(1);
  });

  it('volume change: log ratio, 0 for a volume of 0 (the seed replaces -inf), NaN for 0/0', () => {
    const v = volumeChange(f([1, Math.E, 0, 0, 2]));
    expect(v[0]).toBeNaN();
    expect(v[1]).toBe(1);
    expect(v[2]).toBe(0);
    expect(v[3]).toBeNaN();
    expect(v[4]).toBe(0); // 2 / 0 = inf -> 0
  });

  it('log returns and momentum over n bars', () => {
    const c = f([100, 110, 121]);
    expect(logReturn(c, 2)[2]).toBe(Math.log(1.21));
    expect(logReturn(c, 2)[1]).toBeNaN();
    expect(momentum(c, 1)[1]).toBeCloseTo(0.1, 15);
  });
});
