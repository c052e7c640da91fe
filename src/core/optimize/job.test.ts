// The worker's job end to end in Node (minus storage): request -> files, summary, view.
import { describe, expect, it } from 'vitest';
import { sliceBars } from '../data/bars';
import { loadSampleBars } from '../test-utils/sample';
import { previewOptimizeFolds, runOptimizeJob, type OptimizeRequest } from './job';

const bars = sliceBars(loadSampleBars('ETH/USDT'), 0, 6000);
const request: OptimizeRequest = {
  symbol: 'ETH/USDT',
  signal_names: ['rsi', 'ema_cross'],
  objective: 'sortino',
  constraints: { max_drawdown: -0.3 },
  population: 8,
  generations: 3,
  seed: 1,
  optimize_thresholds: false,
  buy_threshold: 0.05,
  sell_threshold: -0.05,
  fees_bps: 10,
  slippage_bps: 5,
  train_window: '2000',
  test_window: '1000',
};

describe('runOptimizeJob (real ETH/USDT, 6,000 bars)', () => {
  it('returns the artifact files, the list summary and the panel view', async () => {
    const stages = new Set<string>();
    const out = await runOptimizeJob({
      request,
      bars,
      dataset: { id: 'sample/binance-ohlcv-1h-btc-eth' },
      appVersion: 'test',
      now: () => Date.UTC(2024, 4, 6, 7, 8, 9),
      onProgress: (p) => stages.add(p.stage),
    });
    expect(out.view.run_id).toBe('optimize_20240506_070809');
    expect(Object.keys(out.files).sort()).toEqual(['equity_curve.csv', 'report.json', 'trades.csv']);
    const report = JSON.parse(out.files['report.json']);
    expect(report.settings.buy_threshold).toBe(0.05);
    expect(report.settings.objective).toBe('sortino');
    expect(report.folds).toHaveLength(out.view.report.summary.folds);
    for (const f of report.folds) {
      expect(f.buy_threshold).toBe(0.05);
      expect(f.sell_threshold).toBe(-0.05);
    }
    expect(out.summary.symbols).toEqual(['ETH/USDT']);
    expect(out.view.curve.time.length).toBe(out.view.report.summary.out_of_sample.bars);
    expect([...stages]).toEqual(['signals', 'optimize']);
    const preview = previewOptimizeFolds({ bars, ...request });
    expect(preview.folds).toBe(report.folds.length);
    expect(preview.firstRow).toBe(499 + 25); // ema_cross: EMA 26 warm-up + the 500-bar scale window
  });

  it('rejects an empty or unknown signal list', async () => {
    const opts = { bars, dataset: { id: 'x' }, appVersion: 't' };
    await expect(runOptimizeJob({ ...opts, request: { ...request, signal_names: [] } })).rejects.toThrow(
      /at least one signal/,
    );
    await expect(
      runOptimizeJob({ ...opts, request: { ...request, signal_names: ['obv' as never] } }),
    ).rejects.toThrow(/obv/);
  });
});
