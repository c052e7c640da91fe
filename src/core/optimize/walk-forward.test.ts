// Walk-forward optimisation on the real BTC sample: folds from planFolds, the GA sees only each
// fold's training bars (proven by truncation), the reported in-sample numbers come from the
// backtest engine and equal the GA's own fitness, out-of-sample runs once over the test windows,
// and the artifact files (report.json, equity_curve.csv, trades.csv) are complete and JSON-safe.
import { describe, expect, it } from 'vitest';
import { sliceBars } from '../data/bars';
import { loadSampleBars } from '../test-utils/sample';
import { optimizeArtifactFiles, optimizeReport, optimizeSummary, optimizeView } from './report';
import { buildSignals } from './signals';
import { walkForwardOptimize, type WalkForwardOptions } from './walk-forward';

const bars = sliceBars(loadSampleBars('BTC/USDT'), 0, 9000);
const signals = buildSignals({ bars });

const base: WalkForwardOptions = {
  signalNames: ['rsi', 'macd', 'ema_cross', 'volume'],
  signals,
  bars,
  objective: 'sharpe',
  constraints: { max_drawdown: -0.25, min_trades: 5 },
  population: 12,
  generations: 4,
  seed: 5,
  optimizeThresholds: true,
  feesBps: 10,
  slippageBps: 5,
  trainWindow: '3000',
  testWindow: '125d', // 3,000 hourly bars
  maxFolds: 0,
};

describe('walkForwardOptimize (real BTC/USDT, 9,000 bars)', () => {
  it('optimises on training bars, tests on the next window, and reports both sides', async () => {
    const progress: number[] = [];
    const r = await walkForwardOptimize({
      ...base,
      testWindow: '1000',
      onProgress: (p) => progress.push(p.fraction),
    });
    // firstRow 532 (signals defined), 3000 train + 1000 test, step 1000: (9000 - 532 - 3000) / 1000 -> 5 folds
    expect(r.firstRow).toBe(532);
    expect(r.folds).toHaveLength(5);
    expect(r.plannedFolds).toBe(5);
    for (const [i, f] of r.folds.entries()) {
      expect(f.trainEnd).toBe(f.testStart); // no label, no purge; the last training decision is never filled
      expect(f.trainEnd - f.trainStart).toBe(3000);
      expect(f.testEnd - f.testStart).toBe(1000);
      if (i > 0) expect(f.testStart).toBe(r.folds[i - 1].testEnd);
      // the backtest engine on the training bars gives exactly the GA's fitness of the pick
      expect(f.inSample.sharpePerBar).toBe(f.best.metrics.sharpe);
      expect(f.inSample.maxDrawdownPct).toBe(f.best.metrics.maxDrawdownPct);
      expect(f.inSample.totalTrades).toBe(f.best.metrics.trades);
      expect(f.outOfSample.bars).toBe(1000);
      expect(f.evaluated).toBe(12 + 3 * 10);
      expect(f.deflatedSharpe.trials).toBe(f.evaluated);
      expect(f.deflatedSharpe.dsr).toBeGreaterThanOrEqual(0);
      expect(f.deflatedSharpe.dsr).toBeLessThanOrEqual(f.deflatedSharpe.psr); // deflation only lowers it
      expect(f.history).toHaveLength(4);
    }
    expect(r.candidatesEvaluated).toBe(5 * 42);
    expect(r.simulation.start).toBe(r.folds[0].testStart);
    expect(r.simulation.end).toBe(r.folds[4].testEnd);
    expect(r.outOfSample.bars).toBe(5000);
    expect(r.buyAndHold).toHaveLength(5000);
    expect(r.latest).toBe(r.folds[4].best);
    expect(r.outOfSamplePsr).toBeGreaterThanOrEqual(0);
    expect(r.outOfSamplePsr).toBeLessThanOrEqual(1);
    expect(progress.at(-1)).toBeCloseTo(1, 12);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
    expect(new Set(r.folds.map((f) => f.seed)).size).toBe(5); // every fold draws its own stream

    // artifact files
    const report = optimizeReport(r, signals, {
      runId: 'optimize_20240101_000000',
      createdAt: Date.UTC(2024, 0, 1),
      appVersion: 'test',
      dataset: { id: 'sample/binance-ohlcv-1h-btc-eth' },
      symbol: 'BTC/USDT',
      trainWindow: '3000',
      testWindow: '1000',
    });
    const files = optimizeArtifactFiles(r, report);
    expect(Object.keys(files)).toEqual(['report.json', 'equity_curve.csv', 'trades.csv']);
    const parsed = JSON.parse(files['report.json']);
    expect(parsed).toEqual(report);
    expect(files['report.json']).not.toMatch(/NaN|Infinity/);
    expect(parsed.kind).toBe('optimize');
    expect(parsed.timeframe).toBe('1h');
    expect(parsed.settings.population).toBe(12);
    expect(parsed.settings.seed).toBe(5);
    expect(parsed.settings.constraints).toEqual({ max_drawdown: -0.25, min_trades: 5 });
    expect(parsed.summary.candidates_evaluated).toBe(210);
    expect(parsed.definitions.deflated_sharpe).toMatch(/Bailey/);
    expect(Object.keys(parsed.signals)).toEqual(base.signalNames);
    for (const f of parsed.folds) {
      const sum = Object.values(f.weights as Record<string, number>).reduce((a, w) => a + Math.abs(w), 0);
      expect(sum).toBeCloseTo(1, 12);
      expect(f.buy_threshold).toBeGreaterThanOrEqual(f.sell_threshold);
      expect(f.history).toHaveLength(4);
    }
    const lines = files['equity_curve.csv'].trimEnd().split('\r\n');
    expect(lines[0]).toBe('timestamp,equity,drawdown,position,buy_and_hold_equity');
    expect(lines).toHaveLength(5001);
    const tradeLines = files['trades.csv'].trimEnd().split('\r\n');
    expect(tradeLines).toHaveLength(r.outOfSample.totalTrades + 1);
    if (tradeLines.length > 1) expect(Number(tradeLines[1].split(',').at(-1))).toBeGreaterThanOrEqual(0); // fold labelled
    const summary = optimizeSummary(report);
    expect((summary.results as Record<string, unknown>).sharpe_ratio).toBe(r.outOfSample.sharpePerBar);
    const view = optimizeView(r, report);
    expect(view.curve.equity).toHaveLength(5000);
  });

  it('never sees the future: truncating the data after a test window leaves the earlier picks unchanged', async () => {
    const opts = { ...base, testWindow: '1000' };
    const full = await walkForwardOptimize(opts);
    const cut = full.folds[1].testEnd;
    const shortBars = sliceBars(bars, 0, cut);
    const part = await walkForwardOptimize({
      ...opts,
      bars: shortBars,
      signals: buildSignals({ bars: shortBars }),
    });
    expect(part.folds).toHaveLength(2);
    for (const k of [0, 1]) {
      expect(part.folds[k].best.weights).toEqual(full.folds[k].best.weights);
      expect(part.folds[k].inSample).toEqual(full.folds[k].inSample);
    }
    expect(part.folds[0].outOfSample).toEqual(full.folds[0].outOfSample);
  });

  it('keeps only the latest folds with maxFolds, and says when no fold fits', async () => {
    const r = await walkForwardOptimize({ ...base, testWindow: '1000', maxFolds: 2, generations: 2 });
    expect(r.plannedFolds).toBe(5);
    expect(r.folds.map((f) => f.index)).toEqual([3, 4]);
    await expect(walkForwardOptimize({ ...base, trainWindow: '365d' })).rejects.toThrow(
      /No walk-forward fold fits/,
    );
    await expect(walkForwardOptimize({ ...base, trainWindow: '1.5d' })).rejects.toThrow(/window/);
  });
});
