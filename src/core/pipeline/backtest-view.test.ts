import { describe, expect, it } from 'vitest';
import { RefusedError } from '../errors';
import { buildArtifacts, runWalkForward } from '../walkforward';
import { sampleSlice, smallGbcRequest } from '../walkforward/test-utils/fixtures';
import { backtestView, resultView } from './backtest-view';

describe('backtest view from the artifact files (real sample)', () => {
  it('rebuilds the equity curve, trades and report exactly as the run produced them', async () => {
    const bars = sampleSlice('BTC/USDT', 12_000);
    const result = await runWalkForward({ request: smallGbcRequest(), bars: [bars] });
    const files = buildArtifacts(result);
    const view = backtestView({ runId: result.run_id, files });

    const curve = result.portfolio.curve;
    expect(view.equity.time).toEqual(Array.from(curve.time));
    expect(view.equity.equity).toEqual(Array.from(curve.equity));
    expect(view.trades.length).toBe(result.results.total_trades);
    const pnl = view.trades.reduce((s, t) => s + t.pnl, 0);
    expect(pnl).toBeCloseTo(result.results.total_return, 6);
    expect(view.report.results.total_return_pct).toBe(result.results.total_return_pct);
    // the run keeps its own prices for the trade markers, covering the run's span
    const p = view.prices['BTC/USDT'];
    expect(p.time[0]).toBeLessThanOrEqual(view.equity.time[0]);
    expect(p.time.at(-1)).toBeGreaterThanOrEqual(view.equity.time.at(-1)! - 6 * 3_600_000);
    const at = bars.time.indexOf(p.time[10]);
    expect(p.close[10]).toBe(bars.close[at]);
    expect(view.files.sort()).toEqual([
      'equity_curve.csv',
      'feature_importance.json',
      'predictions.csv',
      'prices.csv',
      'report.json',
      'trades.csv',
    ]);
  });

  it('a fresh run’s view (from the typed result) equals the view parsed from its files', async () => {
    const result = await runWalkForward({
      request: { ...smallGbcRequest(), symbols: ['BTC/USDT', 'ETH/USDT'] },
      bars: [sampleSlice('BTC/USDT', 12_000), sampleSlice('ETH/USDT', 12_000)],
    });
    const files = buildArtifacts(result);
    const fresh = resultView(result, { files: Object.keys(files) });
    const stored = backtestView({ runId: result.run_id, files });
    expect(fresh).toEqual(stored);
  });

  it('a run saved before prices.csv existed takes prices from loaded bars, or has none', async () => {
    const bars = sampleSlice('BTC/USDT', 12_000);
    const result = await runWalkForward({ request: smallGbcRequest(), bars: [bars] });
    const { 'prices.csv': _dropped, ...legacy } = buildArtifacts(result);
    expect(_dropped.length).toBeGreaterThan(0);
    expect(backtestView({ runId: result.run_id, files: legacy }).prices).toEqual({});
    const withBars = backtestView({ runId: result.run_id, files: legacy, barsOf: () => bars });
    expect(withBars.prices['BTC/USDT'].time.length).toBeGreaterThan(100);
    expect(withBars.trades.length).toBe(result.results.total_trades);
  });

  it('refuses a report.json that is not a walk-forward report, naming what is wrong', async () => {
    const result = await runWalkForward({
      request: smallGbcRequest(),
      bars: [sampleSlice('BTC/USDT', 12_000)],
    });
    const files = buildArtifacts(result);
    const report = JSON.parse(files['report.json']) as Record<string, unknown>;
    delete report.results;
    const bad = { ...files, 'report.json': JSON.stringify(report) };
    expect(() => backtestView({ runId: 'x', files: bad })).toThrow(RefusedError);
    expect(() => backtestView({ runId: 'x', files: bad })).toThrow(/results is missing/);
  });
});
