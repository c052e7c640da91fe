/**
 * The backtest engine on the real sample (Binance hourly BTC/USDT and ETH/USDT): a fixed rule's
 * metrics against an independent computation from the CSV we write, the cost arithmetic against
 * closed forms, the seed's numbers against its own Python (golden/seed_backtest_golden.py), (throughput: throughput.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { buyAndHoldEquity } from './benchmark';
import { equityCurveCsv, tradesCsv } from './csv';
import { foldIndexPerBar, planFolds } from './folds';
import { metricsOfResult } from './metrics';
import { classificationTargets } from './signals';
import { simulate } from './simulate';
import type { PriceSeries } from './types';

const btc = loadSampleBars('BTC/USDT');
const n = btc.time.length;
const folds = planFolds({ firstRow: 24, endRow: 37648, trainBars: 8760, testBars: 720, horizon: 12 });
const OOS = { start: folds[0].testStart, end: folds[folds.length - 1].testEnd }; // [8784, 37584)

/** Long when close[t] > close[t-24], decided at the close of t. */
function momentum(bars: PriceSeries): Float64Array {
  const t = new Float64Array(bars.close.length);
  for (let i = 24; i < t.length; i++) t[i] = bars.close[i] > bars.close[i - 24] ? 1 : 0;
  return t;
}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

describe('real sample: a fixed rule, checked independently', () => {
  const target = momentum(btc);
  const r = simulate({
    bars: btc,
    target,
    ...OOS,
    feesBps: 5,
    slippageBps: 5,
    foldIndex: foldIndexPerBar(folds, n),
  });
  const bh = buyAndHoldEquity({ bars: btc, ...OOS, initialCapital: r.initialCapital });
  const m = metricsOfResult(r, { buyAndHold: bh });

  it('metrics match a separate computation from equity_curve.csv', () => {
    const lines = equityCurveCsv({ ...r, initialEquity: r.initialCapital, buyAndHold: bh }).split('\r\n');
    expect(lines[0]).toBe('timestamp,equity,drawdown,position,buy_and_hold_equity');
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    expect(rows.length).toBe(OOS.end - OOS.start);
    const eq = rows.map((x) => Number(x[1]));
    // per-bar Sharpe: returns against the previous row (the first against the capital), ddof 0
    const ret = eq.map((e, i) => e / (i === 0 ? r.initialCapital : eq[i - 1]) - 1);
    const mean = ret.reduce((a, b) => a + b, 0) / ret.length;
    const sd = Math.sqrt(ret.reduce((a, b) => a + (b - mean) ** 2, 0) / ret.length);
    expect(rel(m.sharpePerBar, (mean / sd) * Math.sqrt(24 * 365))).toBeLessThan(1e-9);
    // daily Sharpe: last row of each ISO date
    const byDay = new Map<string, number>();
    for (const x of rows) byDay.set(x[0].slice(0, 10), Number(x[1]));
    const de = [r.initialCapital, ...byDay.values()];
    const dr = de.slice(1).map((e, i) => e / de[i] - 1);
    const dm = dr.reduce((a, b) => a + b, 0) / dr.length;
    const ds = Math.sqrt(dr.reduce((a, b) => a + (b - dm) ** 2, 0) / dr.length);
    expect(rel(m.sharpeDaily, (dm / ds) * Math.sqrt(365))).toBeLessThan(1e-9);
    // max drawdown: running peak from the capital, and the CSV's drawdown column
    let peak = r.initialCapital;
    let worst = 0;
    let ddColumnError = 0;
    rows.forEach((x, i) => {
      peak = Math.max(peak, eq[i]);
      worst = Math.min(worst, eq[i] / peak - 1);
      ddColumnError = Math.max(ddColumnError, Math.abs(Number(x[2]) - (eq[i] / peak - 1)));
    });
    expect(ddColumnError).toBeLessThan(1e-12);
    expect(rel(m.maxDrawdownPct, worst * 100)).toBeLessThan(1e-9);
    expect(rel(m.totalReturnPct, (eq[eq.length - 1] / r.initialCapital - 1) * 100)).toBeLessThan(1e-9);
    expect(m.exposurePct).toBeCloseTo((rows.filter((x) => Number(x[3]) !== 0).length / rows.length) * 100, 9);
    const bhLast = Number(rows[rows.length - 1][4]);
    expect(rel(m.buyAndHoldReturnPct!, (bhLast / r.initialCapital - 1) * 100)).toBeLessThan(1e-9);
    expect(rel(bhLast, (r.initialCapital * btc.close[OOS.end - 1]) / btc.open[OOS.start])).toBeLessThan(
      1e-12,
    );
    console.log(
      `BTC momentum(24) OOS ${rows.length} bars, ${m.totalTrades} trades: return ${m.totalReturnPct.toFixed(2)}%,` +
        ` Sharpe/bar ${m.sharpePerBar.toFixed(3)}, daily ${m.sharpeDaily.toFixed(3)}, maxDD ${m.maxDrawdownPct.toFixed(2)}%,` +
        ` B&H ${m.buyAndHoldReturnPct!.toFixed(2)}%, costs ${m.totalCosts.toFixed(2)}`,
    );
  });

  it('trades.csv and the trade list add up to the equity curve', () => {
    const rows = tradesCsv(r.trades).split('\r\n').slice(1, -1);
    expect(rows.length).toBe(r.trades.length);
    expect(m.totalTrades).toBe(r.trades.length);
    expect(r.trades.length).toBeGreaterThan(300);
    const pnl = rows.reduce((a, l) => a + Number(l.split(',')[9]), 0);
    expect(rel(pnl, r.equity[r.equity.length - 1] - r.initialCapital)).toBeLessThan(1e-9);
    const costs = r.trades.reduce((a, t) => a + t.fees + t.slippage, 0);
    expect(rel(costs, m.totalCosts)).toBeLessThan(1e-9);
    for (const t of r.trades) {
      expect(t.fold).toBe(
        folds.findIndex((f) => t.entryBar - 1 >= f.testStart && t.entryBar - 1 < f.testEnd),
      );
      expect(t.exitBar).toBeGreaterThan(t.entryBar);
    }
  });

  it('all-in round trips compound to the closed form, and doubling costs costs exactly what it should', () => {
    // end the period where the rule has been flat for two bars, so every exit is a regular fill
    let end = OOS.end;
    while (target[end - 1] !== 0 || target[end - 2] !== 0 || target[end - 3] !== 0) end--;
    const ratio = (feesBps: number, slippageBps: number, fill: 'next_open' | 'close') => {
      const f = feesBps / 1e4;
      const s = slippageBps / 1e4;
      const run = simulate({ bars: btc, target, start: OOS.start, end, feesBps, slippageBps, fill });
      const ref = fill === 'close' ? btc.close : btc.open;
      // each trade: buy everything at ref(1+s)(1+f), sell everything at ref(1-s)(1-f)
      let expected = run.initialCapital;
      for (const t of run.trades)
        expected *= (ref[t.exitBar] / ref[t.entryBar]) * (((1 - s) * (1 - f)) / ((1 + s) * (1 + f)));
      const final = run.equity[run.equity.length - 1];
      expect(rel(final, expected)).toBeLessThan(1e-9);
      return { final, trades: run.trades.length };
    };
    for (const fill of ['next_open', 'close'] as const) {
      const base = ratio(5, 5, fill);
      const doubled = ratio(10, 10, fill);
      expect(doubled.trades).toBe(base.trades);
      const k = (f: number, s: number) => ((1 - s) * (1 - f)) / ((1 + s) * (1 + f));
      const expectedFactor = Math.pow(k(0.001, 0.001) / k(0.0005, 0.0005), base.trades);
      expect(rel(doubled.final / base.final, expectedFactor)).toBeLessThan(1e-9);
      expect(doubled.final).toBeLessThan(base.final);
    }
  });
});

// golden/seed_backtest_golden.py, run with Debian's python3 on the same CSVs:
const SEED_GOLDEN = {
  'BTC/USDT': { totalReturn: -0.6088807560258976, trades: 287 },
  'ETH/USDT': { totalReturn: -0.3835286672673669, trades: 338 },
} as const;

/** The fixed probability series of the golden script: 0.5 + 5 (close[t]/close[t-24] - 1) on test rows. */
function seedProb(bars: PriceSeries): Float64Array {
  const p = new Float64Array(bars.close.length).fill(NaN);
  for (const f of folds)
    for (let t = f.testStart; t < f.testEnd; t++) p[t] = 0.5 + 5 * (bars.close[t] / bars.close[t - 24] - 1);
  return p;
}

/** The seed's vectorised lines, ported: strat = pos[t-1] r[t] - c |pos[t] - pos[t-1]|, eq = cumprod. */
function seedVectorisedReturn(pos: Float64Array, close: Float64Array, costBps: number, from: number): number {
  let eq = 1;
  for (let i = from; i < pos.length; i++) {
    const r = i > 0 ? close[i] / close[i - 1] - 1 : 0;
    const prev = i > 0 ? pos[i - 1] : 0;
    eq *= 1 + prev * r - (costBps / 1e4) * Math.abs(pos[i] - prev);
  }
  return eq - 1;
}

describe("compare with the seed's backtest arithmetic", () => {
  for (const symbol of ['BTC/USDT', 'ETH/USDT'] as const) {
    it(`${symbol}: accounting 'seed' reproduces the seed's Python total return within 1e-9`, () => {
      const bars = loadSampleBars(symbol);
      const target = classificationTargets({
        prob: seedProb(bars),
        buyThreshold: 0.6,
        sellThreshold: 0.4,
        strict: true,
      });
      const start = folds[0].testStart; // the seed's mask.argmax(); its curve runs to the last bar
      const r = simulate({
        bars,
        target,
        start,
        fill: 'close',
        accounting: 'seed',
        feesBps: 5,
        slippageBps: 5,
      });
      const total = r.equity[r.equity.length - 1] / r.initialCapital - 1;
      expect(Math.abs(total - SEED_GOLDEN[symbol].totalReturn)).toBeLessThan(1e-9);
      expect(r.trades.length).toBe(SEED_GOLDEN[symbol].trades);
      expect(Math.abs(seedVectorisedReturn(target, bars.close, 10, start) - total)).toBeLessThan(1e-12);
      const pnl = r.trades.reduce((a, t) => a + t.pnl, 0);
      expect(rel(pnl, r.equity[r.equity.length - 1] - r.initialCapital)).toBeLessThan(1e-9);

      // the honest accounting, fill at close: identical without costs, close with them
      const honest0 = simulate({ bars, target, start, fill: 'close' });
      const h0 = honest0.equity[honest0.equity.length - 1] / honest0.initialCapital - 1;
      expect(Math.abs(h0 - seedVectorisedReturn(target, bars.close, 0, start))).toBeLessThan(1e-9);
      const honest = simulate({ bars, target, start, fill: 'close', feesBps: 5, slippageBps: 5 });
      const h = honest.equity[honest.equity.length - 1] / honest.initialCapital - 1;
      console.log(
        `${symbol}: seed arithmetic ${(total * 100).toFixed(4)}%, per-fill accounting ${(h * 100).toFixed(4)}%`,
      );
      expect(Math.abs(h - total)).toBeLessThan(0.01);
    });
  }
});

describe('determinism', () => {
  it('the same run twice gives byte-identical CSVs', () => {
    const run = () => {
      const r = simulate({ bars: btc, target: momentum(btc), ...OOS, feesBps: 5, slippageBps: 5 });
      return equityCurveCsv({ ...r, initialEquity: r.initialCapital }) + tradesCsv(r.trades);
    };
    expect(run()).toBe(run());
  });
});
